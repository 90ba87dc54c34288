"""The job that makes an issuance's PDF sheet and workbook from its codes CSV.

Safe to run again at any time: the CSV it reads is never changed, each file
is written whole under a temporary name and renamed, and a job whose files
are already there does nothing.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from flask import current_app
from flask_babel import force_locale

from webapp.extensions import db, settings
from webapp.models import PrintJob, utcnow
from webapp.services.stamps import print_jobs
from webapp.services.stamps.label_layout import LabelTooSmall
from webapp.services.stamps.stamp_sheet import LAYOUTS
from webapp.web import exports

log = logging.getLogger(__name__)
PROGRESS_EVERY = 1.0  # seconds between progress writes


def render(print_job_id: int) -> str:
    """Render the files of one print job, recording where it stands."""
    job = db.session.get(PrintJob, print_job_id)
    if job is None:
        return "no such print job"
    folder = settings().print_dir
    if job.status == "done" and _has_sheet(folder, job.issuance_id):
        return "already done"
    job.status, job.error, job.labels_done = "running", None, 0
    job.attempts += 1
    job.updated_at, job.finished_at = utcnow(), None
    db.session.commit()
    try:
        _render(job, folder)
    except Exception as error:
        db.session.rollback()
        failed = db.session.get(PrintJob, print_job_id)
        if failed is not None:  # else deleted meanwhile: nothing left to mark
            failed.status, failed.error = "failed", _error_code(error)
            failed.updated_at = failed.finished_at = utcnow()
            db.session.commit()
        raise
    return f"{job.labels_total} labels"


def _render(job: PrintJob, folder: Path) -> None:
    from webapp.routes.producer_labels import sheet_text

    codes = print_jobs.codes_file(folder, job.issuance_id)
    files = {}
    for lang in current_app.config["LANGUAGES"]:  # one per language: built once
        with force_locale(lang):
            files[print_jobs.workbook_name(lang)] = exports.codes(codes)
    last = time.monotonic()

    def progress(done: int) -> None:
        nonlocal last
        if time.monotonic() - last >= PROGRESS_EVERY:
            job.labels_done, job.updated_at = done, utcnow()
            db.session.commit()
            last = time.monotonic()

    sheet = print_jobs.render_sheet(
        codes, sheet_text(job.issuance.batch), LAYOUTS[job.layout], progress
    )
    # The sheet goes last: its presence is what makes the files downloadable.
    files[print_jobs.SHEET] = sheet
    print_jobs.place(folder, job.issuance_id, files)
    job.status, job.labels_done = "done", job.labels_total
    job.updated_at = job.finished_at = utcnow()
    db.session.commit()


def _has_sheet(folder: Path, issuance_id: int) -> bool:
    return (folder / str(issuance_id) / print_jobs.SHEET).is_file()


def _error_code(error: Exception) -> str:
    if isinstance(error, print_jobs.PrintFilesGone):
        return "files_gone"
    if isinstance(error, LabelTooSmall):
        return "label_too_long"
    return "failed"


def start(print_job_id: int, labels: int) -> str:
    """Render now if the run is small, else off the request.

    Says "ready", "failed" (rendered now, but it failed) or "later".

    A small run's failure is recorded on its print job like a queued one's,
    so the page shows it with a way to try again.
    """
    from webapp.jobs import queue, runner

    if labels > current_app.config["PRINT_INLINE_MAX"]:
        queue.dispatch("print-files", print_job_id)
        return "later"
    try:
        runner.run("print-files", print_job_id)
    except Exception:
        return "failed"
    return "ready"


def retry(job: PrintJob) -> None:
    """Queue a failed or stalled job again; the caller commits, then dispatches."""
    job.status, job.error, job.labels_done = "queued", None, 0
    job.updated_at, job.finished_at = utcnow(), None


def of_records(issuance_ids) -> dict[int, PrintJob]:
    """The print jobs of these issuances, by issuance id."""
    from sqlalchemy import select

    ids = list(issuance_ids)
    if not ids:
        return {}
    found = db.session.scalars(select(PrintJob).where(PrintJob.issuance_id.in_(ids)))
    return {job.issuance_id: job for job in found}

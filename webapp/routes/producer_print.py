"""The producer portal, continued: an issuance's print files and their state."""


from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from webapp.extensions import db, settings
from webapp.jobs import print_files, queue
from webapp.models import IssuanceRecord
from webapp.routes.producer import bp
from webapp.services.staff import access
from webapp.services.stamps import print_jobs
from webapp.web import exports
from webapp.web.auth import role_required
from webapp.web.fragments import wants_fragment
from webapp.web.i18n import current_lang


def _back(record: IssuanceRecord) -> Response:
    return redirect(
        url_for("producer.batch", batch_id=record.batch_id) + "#stamps", code=303
    )


@bp.get("/issuances/<int:issuance_id>/print-files")
@role_required("producer")
def print_status(issuance_id: int) -> ResponseReturnValue:
    """Where the print files stand: what htmx swaps in while it polls."""
    record = access.own_issuance(db.session(), current_user, issuance_id)
    if not wants_fragment():
        return _back(record)
    config = current_app.config
    folder = settings().print_dir
    kept = print_jobs.still_kept(folder, [record.id], settings().print_file_hours)
    job = print_files.of_records([record.id]).get(record.id)
    stalled_after = config["PRINT_JOB_STALLED_SECONDS"]
    body = render_template(
        "producer/_print_files_state.html",
        record=record,
        job=job,
        downloadable=kept,
        stalled_after=stalled_after,
    )
    waiting = (
        job is not None
        and job.status in ("queued", "running")
        and not job.stalled(stalled_after)
    )
    # 286 tells htmx to stop polling: nothing will change without the producer.
    return body, 200 if waiting else 286


@bp.post("/issuances/<int:issuance_id>/print-files/retry")
@role_required("producer")
def retry_print_files(issuance_id: int) -> ResponseReturnValue:
    """Prepare the print files again after a failed or interrupted try."""
    record = access.own_issuance(db.session(), current_user, issuance_id)
    job = print_files.of_records([record.id]).get(record.id)
    if job is None or not job.retryable(
        current_app.config["PRINT_JOB_STALLED_SECONDS"]
    ):
        flash(_("These print files are not waiting for another try."))
        return _back(record)
    print_files.retry(job)
    db.session.commit()
    queue.dispatch("print-files", job.id)
    flash(_("The print files are being prepared again."))
    return _back(record)


@bp.get(
    "/issuances/<int:issuance_id>/<any('sheet.pdf', 'codes.csv', 'codes.xlsx'):name>"
)
@role_required("producer")
def print_file(issuance_id: int, name: str) -> ResponseReturnValue:
    """Download an issuance's print file while it is kept."""
    record = access.own_issuance(db.session(), current_user, issuance_id)
    job = print_files.of_records([record.id]).get(record.id)
    if job is not None and job.status != "done":
        message = _(
            "These print files are not ready yet. Their progress shows on the "
            "batch's page."
        )
        return render_template("errors/http.html", status=409, message=message), 409
    path = print_jobs.download_file(
        settings().print_dir,
        issuance_id,
        name,
        current_lang(),
        settings().print_file_hours,
    )
    if path is None:
        message = _("These print files are no longer kept. Issue new stamps for more.")
        return render_template("errors/http.html", status=410, message=message), 410
    download = f"{record.batch.lot_code}-{issuance_id}-{name}"
    if path.name == print_jobs.CODES and name == "codes.xlsx":  # an older issuance
        return exports.download(exports.codes(path), download)
    response = send_file(path, as_attachment=True, download_name=download)
    response.headers["Cache-Control"] = "private, no-store"
    return response

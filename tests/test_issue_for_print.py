"""Issuing for print: the stamps are committed only once their codes are on disk."""

import csv
from contextlib import contextmanager
from dataclasses import replace

import pytest
from sqlalchemy import event, func, select

from tests import factories
from webapp.extensions import db
from webapp.models import PrintJob, Stamp
from webapp.services.stamps import print_jobs
from webapp.services.stamps.issuance import (
    IssuanceError,
    commit_with_codes,
    issue_stamps,
    write_codes_csv,
)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def issue(app, batch, folder, count_=3, **kwargs):
    return print_jobs.issue_for_print(
        db.session,
        batch,
        count_,
        replace(factories.SETTINGS, print_dir=folder),
        "medium",
        **kwargs,
    )


@contextmanager
def commit_refused():
    """The database refuses the next commit (as a full disk or a lost link would)."""
    session = db.session()

    def refuse(_session):
        raise RuntimeError("commit refused")

    event.listen(session, "before_commit", refuse)
    try:
        yield
    finally:
        event.remove(session, "before_commit", refuse)


def test_stamps_their_codes_and_print_job_arrive_together(app, tmp_path):
    batch = factories.batch()
    run = issue(app, batch, tmp_path, 3, with_pin=True)
    db.session.expire_all()
    with open(tmp_path / str(run.issuance_id) / "codes.csv", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 3 == run.count == count(Stamp)
    assert all(row["pin"] for row in rows)
    job = db.session.get(PrintJob, run.job.id)
    assert (job.issuance_id, job.layout, job.labels_total) == (
        run.issuance_id,
        "medium",
        3,
    )
    assert [p.name for p in tmp_path.iterdir()] == [str(run.issuance_id)]


def test_stamps_beyond_the_batch_are_refused_and_leave_no_file(app, tmp_path):
    batch = factories.batch(quantity=2)
    with pytest.raises(IssuanceError) as refused:
        issue(app, batch, tmp_path, 3)
    assert refused.value.field == "count"
    db.session.rollback()
    assert count(Stamp) == count(PrintJob) == 0
    assert list(tmp_path.iterdir()) == []


def test_a_failed_commit_removes_the_staged_folder_and_saves_nothing(app, tmp_path):
    batch = factories.batch()
    with commit_refused(), pytest.raises(RuntimeError, match="commit refused"):
        issue(app, batch, tmp_path, 2)
    assert count(Stamp) == count(PrintJob) == 0
    assert list(tmp_path.iterdir()) == []  # no codes of stamps that do not exist


def test_a_codes_file_is_published_only_after_the_commit(app, tmp_path):
    batch = factories.batch()
    out = tmp_path / "codes.csv"
    issued = issue_stamps(
        db.session, batch, 2, factories.SETTINGS
    )
    staged = write_codes_csv(out, issued)
    assert staged.exists() and not out.exists()
    commit_with_codes(db.session, staged, out)
    assert out.exists() and not staged.exists()
    assert count(Stamp) == 2


def test_a_failed_commit_removes_the_staged_file(app, tmp_path):
    batch = factories.batch()
    out = tmp_path / "codes.csv"
    issued = issue_stamps(
        db.session, batch, 2, factories.SETTINGS
    )
    staged = write_codes_csv(out, issued)
    with commit_refused(), pytest.raises(RuntimeError, match="commit refused"):
        commit_with_codes(db.session, staged, out)
    assert list(tmp_path.iterdir()) == []
    assert count(Stamp) == 0

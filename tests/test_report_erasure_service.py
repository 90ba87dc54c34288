"""Reports leaving, called directly: the withdrawal secret, forgetting, retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from webapp.models import AuditEntry, Report, ReportPhoto
from webapp.services.casework import cases, report_erasure

KEY = "test-privacy-key"
NOW = datetime.now(UTC)


def _report(session, n: int, age_days: int, contact: str | None = None, photo=None):
    report = Report(
        reference=f"R-ER-{n}", code_text="x", place="Chợ", province_code="33",
        created_at=NOW - timedelta(days=age_days), contact_sealed=contact,
    )  # fmt: skip
    if photo:
        report.photos.append(ReportPhoto(path=photo, **PHOTO_FIELDS))
    session.add(report)
    session.flush()
    return report


PHOTO_FIELDS = {"width": 640, "height": 480, "size_bytes": 1000}


def test_the_secret_matches_however_it_is_typed(db_session):
    report = _report(db_session, 1, 0)
    secret = report_erasure.issue_secret(report, KEY)
    assert len(secret) == 11 and secret[5] == "-"
    assert secret.replace("-", "") not in report.withdraw_hash  # only a hash is kept
    assert report_erasure.secret_matches(report, secret, KEY)
    assert report_erasure.secret_matches(report, f" {secret.lower()} ", KEY)
    assert not report_erasure.secret_matches(report, secret, "another-key")
    assert not report_erasure.secret_matches(report, secret[:-1], KEY)
    other = _report(db_session, 2, 0)
    assert not report_erasure.secret_matches(other, secret, KEY)  # no secret at all


def test_forget_keeps_only_the_reference_in_the_audit(db_session):
    report = _report(db_session, 1, 0, contact="sealed", photo="reports/a.jpg")
    case = cases.attach_report(db_session, report, None, None)
    db_session.flush()
    paths = report_erasure.forget(db_session, report, "report.withdrawn")
    db_session.flush()
    assert paths == ["reports/a.jpg"]
    assert db_session.scalars(select(Report)).all() == []
    assert db_session.scalars(select(ReportPhoto)).all() == []
    entries = {
        (e.target_type, e.target_id == (case.id if e.target_type == "case" else
         report.id)): e.details
        for e in db_session.scalars(select(AuditEntry))
    }  # fmt: skip
    assert entries == {
        ("case", True): {"reference": "R-ER-1"},
        ("report", True): {"reference": "R-ER-1"},
    }


def test_retention_deletes_old_reports_of_closed_cases_and_erases_open_contacts(
    db_session,
):
    fresh = _report(db_session, 1, 10, contact="sealed")
    _report(db_session, 2, 200, photo="reports/b.jpg")
    waiting = _report(db_session, 3, 200, contact="sealed")
    cases.attach_report(db_session, waiting, None, None)  # an open case
    closed = _report(db_session, 4, 200)
    cases.attach_report(db_session, closed, None, None).status = "dismissed"
    db_session.flush()
    pruned = report_erasure.prune_reports(db_session, NOW, 180)
    db_session.flush()
    assert (pruned.deleted, pruned.contacts_erased) == (2, 1)
    assert pruned.photo_paths == ["reports/b.jpg"]
    left = set(db_session.scalars(select(Report.reference)))
    assert left == {fresh.reference, waiting.reference}
    assert (fresh.contact_sealed, waiting.contact_sealed) == ("sealed", None)
    again = report_erasure.prune_reports(db_session, NOW, 180)
    assert (again.deleted, again.contacts_erased) == (0, 0)

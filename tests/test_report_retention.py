"""Reports, their contacts and photos are deleted after REPORT_RETENTION_DAYS."""

from datetime import timedelta

from sqlalchemy import select

from tests.test_report_photos import file_report, jpeg_with_gps, upload
from webapp.extensions import db
from webapp.models import AuditEntry, Case, Report, ReportPhoto
from webapp.models.types import utcnow
from webapp.web.uploads import upload_dir

OLD = timedelta(days=400)


def filed(client, code: str, photos=()) -> Report:
    sent = file_report(client, photos, code=code, contact="0912 345 678")
    assert sent.status_code == 303
    reference = sent.headers["Location"].rsplit("/", 1)[1]
    return db.session.scalars(select(Report).where(Report.reference == reference)).one()


def test_old_reports_of_closed_cases_go_with_photos_and_contact(app, client):
    closed = filed(client, "7K2P9Q4MXT3B6HC1", [upload(jpeg_with_gps((300, 200)))])
    open_one = filed(client, "9Q4MXT3B6HC17K2P")
    recent = filed(client, "XT3B6HC17K2P9Q4M")
    closed.case.status = "dismissed"
    recent.case.status = "dismissed"
    closed.created_at = open_one.created_at = utcnow() - OLD
    db.session.commit()
    photo = db.session.scalars(select(ReportPhoto.path)).one()
    ids = closed.id, open_one.id, recent.id

    result = app.test_cli_runner().invoke(args=["reports", "prune"])

    assert "Deleted 1 reports older than 365 days; erased 1 contacts" in result.output
    assert db.session.scalars(select(Report.id).order_by(Report.id)).all() == list(
        ids[1:]
    )
    assert not (upload_dir() / photo).exists()
    assert db.session.get(Report, ids[1]).contact_sealed is None  # its case is open
    assert db.session.get(Report, ids[2]).contact_sealed is not None
    assert db.session.scalar(select(Case).where(Case.id == closed.case_id)) is not None
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert actions.count("report.expired") == 2  # on the report and on its case

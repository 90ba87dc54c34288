"""Filing a report is idempotent in the service: a resend names the first report."""

import pytest

from tests import factories
from webapp.extensions import db
from webapp.models import Report, utcnow
from webapp.services.casework import reports
from webapp.services.casework.reports import (
    ReportAlreadyFiled,
    ReportInput,
    file_report,
)
from webapp.services.common.photos import StoredPhoto
from webapp.services.staff import access
from webapp.services.staff.access import AccessRefused


def report_input(key: str | None = "k" * 64, **fields) -> ReportInput:
    values = dict(
        code_text=None,
        province_code="33",
        ward_code=None,
        place="Chợ Phố Hiến",
        bought_on=None,
        price_vnd=None,
        problems=["price"],
        description=None,
        contact=None,
        lang="vi",
        idempotency_key=key,
    )
    values.update(fields)
    return ReportInput(**values)


class Photos:
    """Stands in for storing the request's uploads; counts the calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> list[StoredPhoto]:
        self.calls += 1
        return [StoredPhoto(f"reports/p{self.calls}.jpg", 640, 480, 1000)]


def test_a_resend_names_the_first_report_and_stores_no_photos(app):
    first_photos, resent_photos = Photos(), Photos()
    first = file_report(db.session, report_input(), first_photos)
    db.session.commit()
    with pytest.raises(ReportAlreadyFiled) as resend:
        file_report(db.session, report_input(place="Elsewhere"), resent_photos)
    assert resend.value.report is first
    assert (first_photos.calls, resent_photos.calls) == (1, 0)
    assert db.session.query(Report).count() == 1
    assert reports.filed_under(db.session, "k" * 64) is first


def test_reports_without_a_key_or_with_another_key_are_each_filed(app):
    file_report(db.session, report_input(None))
    file_report(db.session, report_input(None))
    file_report(db.session, report_input("other"))
    db.session.commit()
    assert db.session.query(Report).count() == 3
    assert reports.filed_under(db.session, None) is None


def test_a_copy_filed_meanwhile_makes_this_one_a_resend(app):
    """The key was free when looked up, taken by the time the report is inserted."""

    def meanwhile() -> list:
        db.session.add(
            Report(
                reference="R-AAAAAAAA",
                place="x",
                problems=[],
                lang="vi",
                idempotency_key="k" * 64,
                created_at=utcnow(),
            )
        )
        db.session.commit()
        return []

    with pytest.raises(ReportAlreadyFiled) as resend:
        file_report(db.session, report_input(), meanwhile)
    assert resend.value.report.reference == "R-AAAAAAAA"
    assert db.session.query(Report).count() == 1


def test_a_report_is_found_by_what_a_person_typed(app):
    filed = file_report(db.session, report_input())
    db.session.commit()
    typed = filed.reference.lower().replace("-", " ")
    assert reports.by_reference(db.session, typed) is filed
    assert reports.by_reference(db.session, "R-22222222") is None
    assert reports.by_reference(db.session, "not a reference") is None


def test_a_reports_photo_is_shown_only_to_who_may_read_its_case(app):
    filed = file_report(db.session, report_input(), Photos())
    db.session.commit()
    path = filed.photos[0].path
    access.check_photo(db.session, factories.user("admin"), path)
    access.check_photo(db.session, factories.user("inspector", provinces=("33",)), path)
    with pytest.raises(AccessRefused) as refused:
        access.check_photo(
            db.session, factories.user("inspector", provinces=("01",)), path
        )
    assert refused.value.code == "not_found"

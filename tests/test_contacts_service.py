"""Opening a case's reporters' contacts, called directly: who may, and the audit."""

from __future__ import annotations

from sqlalchemy import select

from tests import factories
from webapp.models import AuditEntry, Report
from webapp.services.casework import cases
from webapp.services.casework.contacts import open_case_contacts, seal

KEY = "test-privacy-key"
PHONE, EMAIL = "0912 345 678", "nguoi.mua@example.vn"


def _report(session, n: int, contact: str | None, key: str = KEY) -> Report:
    report = Report(
        reference=f"R-CT-{n}", code_text="x", place="Chợ", province_code="33",
        contact_sealed=seal(contact, key) if contact else None,
    )  # fmt: skip
    session.add(report)
    return report


def _case_with_reports(session, *reports: Report):
    """A case about a Hưng Yên ("33") product with these reports in it."""
    stamp = factories.stamp_row(factories.stamp(factories.batch()))
    for report in reports:
        case = cases.attach_report(session, report, stamp, stamp.batch)
    session.flush()
    return case


def _contact_reads(session) -> list[tuple[int, str, int]]:
    """(reader, target type, report) of each contact opened, in a fixed order."""
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "report.contact_read")
    )
    return sorted((e.user_id, e.target_type, e.target_id) for e in entries)


def test_an_accountable_inspector_opens_each_sealed_contact_with_one_entry(
    db_session,
):
    phone, email, none = (
        _report(db_session, 1, PHONE), _report(db_session, 2, EMAIL),
        _report(db_session, 3, None),
    )  # fmt: skip
    case = _case_with_reports(db_session, phone, email, none)
    reader = factories.user(provinces=("33",))
    shown = open_case_contacts(db_session, case, reader, KEY)
    assert shown == {phone.id: PHONE, email.id: EMAIL}
    db_session.flush()
    assert _contact_reads(db_session) == sorted([
        (reader.id, "report", phone.id), (reader.id, "report", email.id),
    ])  # fmt: skip
    assert {phone.case_id, email.case_id} == {case.id}


def test_each_opening_is_audited_again_for_its_reader(db_session):
    report = _report(db_session, 1, PHONE)
    case = _case_with_reports(db_session, report)
    inspector, admin = factories.user(provinces=("33",)), factories.user("admin")
    open_case_contacts(db_session, case, inspector, KEY)
    open_case_contacts(db_session, case, inspector, KEY)
    assert open_case_contacts(db_session, case, admin, KEY) == {report.id: PHONE}
    db_session.flush()
    assert _contact_reads(db_session) == sorted([
        (inspector.id, "report", report.id), (inspector.id, "report", report.id),
        (admin.id, "report", report.id),
    ])  # fmt: skip


def test_a_reader_who_may_not_see_contacts_opens_none_and_nothing_is_audited(
    db_session,
):
    report = _report(db_session, 1, PHONE)
    case = _case_with_reports(db_session, report)
    cases.add_provinces(case, ["01"], "scans")  # scans follow it to Hà Nội
    db_session.flush()
    refused = (
        factories.user(provinces=("01",)),  # follows it through scans only
        factories.user(provinces=("04",)),  # no part in it
        factories.user("producer", org=case.batch.product.organisation),
    )
    for reader in refused:
        assert open_case_contacts(db_session, case, reader, KEY) == {}
    db_session.flush()
    assert _contact_reads(db_session) == []


def test_a_contact_sealed_under_another_key_is_shown_unreadable_and_audited(
    db_session,
):
    report = _report(db_session, 1, PHONE, key="an earlier privacy key")
    case = _case_with_reports(db_session, report)
    reader = factories.user(provinces=("33",))
    assert open_case_contacts(db_session, case, reader, KEY) == {report.id: None}
    db_session.flush()
    assert _contact_reads(db_session) == [(reader.id, "report", report.id)]

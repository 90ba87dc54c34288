"""Inspections called directly: what is refused, seizures on cases, PIN resets.

Also the reported codes of a case, which inspections of unissued codes name.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests import factories
from webapp.models import AuditEntry, Case, JourneyEvent, Report
from webapp.services.casework import cases, inspections
from webapp.services.casework.inspections import Finding, InspectionError
from webapp.services.casework.reported_codes import by_report, reported_codes

AT = datetime.now(UTC) - timedelta(minutes=5)


def _stamp_row():
    return factories.stamp_row(factories.stamp(factories.batch()))


def _record(stamp, inspector, **changes):
    values = dict(
        result="genuine", place=" Chợ Phố Hiến ", province_code="33", note=" ",
        at=AT,
    )  # fmt: skip
    values.update(changes)
    return inspections.record_inspection(db(), stamp, inspector, **values)


def db():
    return factories.session()


def test_a_genuine_finding_publishes_only_the_province(db_session):
    stamp, inspector = _stamp_row(), factories.user()
    inspection = _record(stamp, inspector)
    assert (inspection.place, inspection.note) == ("Chợ Phố Hiến", None)
    event = db_session.get(JourneyEvent, inspection.event_id)
    assert (event.biz_step, event.disposition) == ("inspecting", "conformant")
    assert "Phố Hiến" not in event.place_vi and event.province_code == "33"
    assert stamp.confirmed_fake_at is None
    audit = db_session.scalars(select(AuditEntry)).one()
    assert (audit.action, audit.target_type, audit.target_id) == (
        "inspection.record", "stamp", stamp.id,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"result": "fine"}, "unknown_result", "result"),
        ({"place": "  "}, "place_required", "place"),
        ({"province_code": None}, "unknown_province", "province"),
        ({"province_code": "99"}, "unknown_province", "province"),
        ({"province_code": "01"}, "province_not_covered", "province"),
    ],
)
def test_refusals(db_session, changes, code, field):
    with pytest.raises(InspectionError) as caught:
        _record(_stamp_row(), factories.user(provinces=("33",)), **changes)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert db_session.scalars(select(JourneyEvent)).all() == []


def test_a_seizure_closes_the_case_the_inspector_sees(db_session):
    stamp, inspector = _stamp_row(), factories.user()
    inspection = _record(stamp, inspector, result="counterfeit_seized", note="Giả")
    assert stamp.confirmed_fake_at == AT
    case = db_session.scalars(select(Case).where(Case.stamp_id == stamp.id)).one()
    assert case.status == "confirmed_fake"
    assert (case.assigned_to, case.outcome_note) == (inspector, "Giả")
    assert inspection.case_id is None


def test_a_seizure_in_another_province_alerts_the_makers_inspectors(db_session):
    stamp, inspector = _stamp_row(), factories.user(provinces=("01",))
    inspection = _record(
        stamp, inspector, result="counterfeit_seized", province_code="01"
    )
    case = cases.open_case(db_session, stamp, stamp.batch)
    assert case.status == "new"  # left to those who hold it
    assert inspection.case_id == case.id and inspection.serial == stamp.serial
    assert [a.verdict for a in case.alerts] == ["counterfeit"]
    assert case.alerts[0].reasons == ["confirmed_fake"]


def _report(case_code: str, serial: str | None, n: int) -> Report:
    return Report(
        reference=f"R-UT-{n}", code_text=case_code, serial=serial, place="Chợ",
        province_code="33", created_at=AT + timedelta(seconds=n),
    )  # fmt: skip


def test_reported_codes_group_reports_by_code(db_session):
    stamp = _stamp_row()
    first = _report("mã  lạ", None, 1)
    case = cases.attach_report(db_session, first, None, None)
    same = _report("mã lạ", None, 2)
    real = _report("https://…/21/" + stamp.serial, stamp.serial, 3)
    for report in (same, real):
        report.case = case
    db_session.add_all([first, same, real])
    db_session.flush()
    db_session.refresh(case)
    codes = reported_codes(db_session, case)
    assert [(c.reference, c.issued, len(c.reports)) for c in codes] == [
        ("R-UT-1", False, 2), ("R-UT-3", True, 1),
    ]  # fmt: skip
    assert by_report(codes)[same.id] is codes[0]


def test_an_unissued_code_is_inspected_on_its_case(db_session):
    report = _report("FAKE-1", None, 1)
    db_session.add(report)
    case = cases.attach_report(db_session, report, None, None)
    db_session.flush()
    db_session.refresh(case)
    [code] = reported_codes(db_session, case)
    inspector = factories.user()
    found = Finding("genuine", "Chợ", "33", "", AT)
    with pytest.raises(InspectionError) as caught:
        inspections.record_case_inspection(db_session, case, code, inspector, found)
    assert caught.value.code == "unknown_result"  # never-issued: not genuine
    seized = Finding("counterfeit_seized", " Chợ ", "33", "", AT)
    inspection = inspections.record_case_inspection(
        db_session, case, code, inspector, seized
    )
    assert (inspection.case_id, inspection.code_text) == (case.id, "FAKE-1")
    assert inspection.event_id is None
    assert case.status == "confirmed_fake" and case.outcome_note == "Chợ"


def test_an_issued_code_is_not_inspected_as_unissued(db_session):
    stamp = _stamp_row()
    report = _report(stamp.serial, stamp.serial, 1)
    db_session.add(report)
    case = cases.attach_report(db_session, report, stamp, stamp.batch)
    db_session.flush()
    db_session.refresh(case)
    [code] = reported_codes(db_session, case)
    found = Finding("suspected", "Chợ", "33", "", AT)
    with pytest.raises(InspectionError) as caught:
        inspections.record_case_inspection(
            db_session, case, code, factories.user(), found
        )
    assert (caught.value.code, caught.value.field) == ("code_issued", "code")


def test_preset_province_prefers_where_it_was_bought(db_session):
    inspector = factories.user(provinces=("01", "33"))
    assert inspections.preset_province(inspector) == "01"
    stamp = _stamp_row()
    case = cases.open_case(db_session, stamp, stamp.batch)
    assert inspections.preset_province(inspector, case) == "33"  # the maker's


def test_reset_pin_claim(db_session):
    stamp, inspector = _stamp_row(), factories.user()
    with pytest.raises(InspectionError) as caught:
        inspections.reset_pin_claim(db_session, stamp, inspector, " ")
    assert caught.value.code == "reason_required"
    with pytest.raises(InspectionError) as caught:
        inspections.reset_pin_claim(db_session, stamp, inspector, "wrong phone")
    assert caught.value.code == "not_claimed"
    stamp.pin_failures, stamp.pin_locked_at = 5, AT
    inspections.reset_pin_claim(db_session, stamp, inspector, " wrong phone ")
    assert (stamp.pin_failures, stamp.pin_locked_at) == (0, None)
    entry = db_session.scalars(
        select(AuditEntry).where(AuditEntry.action == "stamp.pin_reset")
    ).one()
    assert entry.details["reason"] == "wrong phone"
    assert entry.details["pin_locked_at"] == AT.isoformat()

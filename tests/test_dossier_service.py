"""An inspector's dossier and a "genuine" finding's clearance, called directly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tests import factories
from webapp.models import AuditEntry, Inspection, Report, SerialStats
from webapp.services.casework import cases, dossier
from webapp.services.scans.clearance import clear_doubts

AT = datetime.now(UTC) - timedelta(hours=1)


def _stamp_row():
    return factories.stamp_row(factories.stamp(factories.batch(lot_code="L1")))


def _report(session, n, **fields) -> Report:
    report = Report(
        reference=f"R-DO-{n}", code_text="x", place="Chợ", province_code="33",
        created_at=AT + timedelta(minutes=n), **fields,
    )  # fmt: skip
    session.add(report)
    return report


def test_reports_about_a_serial_or_its_lot_whose_case_the_reader_sees(db_session):
    stamp = _stamp_row()
    gtin = stamp.batch.product.gtin
    on_serial = _report(db_session, 1, serial=stamp.serial)
    on_lot = _report(db_session, 2, gtin=gtin, lot="L1")
    other_gtin = _report(db_session, 3, serial=stamp.serial, gtin="00000096385074")
    other_lot = _report(db_session, 4, gtin=gtin, lot="L2")
    for report in (on_serial, on_lot, other_gtin, other_lot):
        cases.attach_report(db_session, report, stamp, stamp.batch)
    unfiled = _report(db_session, 5, serial=stamp.serial)
    db_session.flush()
    here = factories.user()
    assert dossier.reports_about(db_session, stamp, here) == [on_lot, on_serial]
    assert (
        dossier.reports_about(db_session, stamp, factories.user(provinces=("01",)))
        == []
    )
    assert unfiled.case_id is None


def test_inspections_of_newest_first(db_session):
    stamp, inspector = _stamp_row(), factories.user()
    older, newer = (
        Inspection(
            stamp_id=stamp.id,
            inspector=inspector,
            at=AT + timedelta(minutes=m),
            result="genuine",
            place="Chợ",
            province_code="33",
        )  # fmt: skip
        for m in (0, 5)
    )
    db_session.add_all([older, newer])
    db_session.flush()
    assert dossier.inspections_of(db_session, stamp) == [newer, older]


def test_devices_seen_counts_numbered_phones():
    points = [
        dossier.TrailPoint(AT, "shopper", phone, "33", None, None, None, None, "ok")
        for phone in (1, 2, 1)
    ]
    assert dossier.devices_seen(points) == 2
    assert dossier.devices_seen([]) == 0


def test_a_serial_never_scanned_has_nothing_to_clear(db_session):
    assert clear_doubts(db_session, _stamp_row().id, AT) is None


def test_a_genuine_finding_clears_the_doubts_and_audits_them(db_session):
    stamp = _stamp_row()
    db_session.add(
        SerialStats(
            stamp_id=stamp.id,
            flags=["duplicate"],
            effective_devices=6,
            cleared_devices=2,
            evidence={},
        )  # fmt: skip
    )
    case = cases.open_case(db_session, stamp, stamp.batch)
    db_session.flush()
    inspector = factories.user()
    assert cases.change_status(db_session, case, inspector, "genuine", "Hàng thật")
    db_session.flush()
    stats = db_session.get(SerialStats, stamp.id)
    assert (stats.flags, stats.cleared_devices) == ([], 6)
    assert stats.cleared_at == case.updated_at
    entry = db_session.scalars(
        select(AuditEntry).where(AuditEntry.action == "stamp.doubts_cleared")
    ).one()
    assert entry.target_id == stamp.id
    assert entry.details["flags"] == ["duplicate"]
    assert (entry.details["effective_devices"], entry.details["counted_before"]) == (
        6, 2,
    )  # fmt: skip

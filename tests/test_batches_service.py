"""The batch rules, called directly: creation, edits, journey steps, recall."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from tests import factories
from webapp.models import AuditEntry
from webapp.services.catalog import batches
from webapp.services.catalog.batches import BatchError, BatchInput, EventInput
from webapp.services.common.clock import VIETNAM

NOW = datetime.now(UTC)


def _input(**changes) -> BatchInput:
    values = dict(
        lot_code="L-2026.01",
        produced_on=factories.days_ago(10),
        expires_on=factories.days_ahead(300),
        quantity=100,
        provinces=["33", "01", "33"],
    )
    return BatchInput(**{**values, **changes})


def _event(**changes) -> EventInput:
    values = dict(
        biz_step="shipping",
        event_time=NOW - timedelta(hours=1),
        place_vi=" Kho Hưng Yên ",
        place_en="",
        province_code="33",
        ward_code="11980",
        note_vi=None,
        note_en=None,
    )
    return EventInput(**{**values, **changes})


def _refused(call, *args) -> BatchError:
    with pytest.raises(BatchError) as caught:
        call(*args)
    return caught.value


def test_create_batch_strips_the_lot_and_keeps_each_province_once(db_session):
    product = factories.product()
    batch = batches.create_batch(db_session, product, _input(lot_code=" L-1 "))
    db_session.flush()
    assert (batch.lot_code, batch.status) == ("L-1", "active")
    assert batch.province_codes == ["01", "33"]


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"lot_code": "  "}, "lot_invalid", "lot_code"),
        ({"lot_code": "L 1"}, "lot_invalid", "lot_code"),
        ({"lot_code": "L" * 21}, "lot_invalid", "lot_code"),
        (
            {"expires_on": factories.days_ago(10)},
            "expiry_before_production",
            "expires_on",
        ),
        ({"quantity": 0}, "quantity_invalid", "quantity"),
        ({"quantity": 10_000_001}, "quantity_invalid", "quantity"),
        ({"provinces": []}, "provinces_required", "provinces"),
        ({"provinces": ["99"]}, "provinces_required", "provinces"),
    ],
)
def test_create_batch_refusals(db_session, changes, code, field):
    error = _refused(
        batches.create_batch, db_session, factories.product(), _input(**changes)
    )
    assert (error.code, error.field) == (code, field)


def test_a_lot_code_is_unique_per_product_only(db_session):
    product = factories.product()
    factories.batch(product, lot_code="SAME")
    error = _refused(batches.create_batch, db_session, product, _input(lot_code="SAME"))
    assert error.code == "lot_taken"
    other = batches.create_batch(
        db_session, factories.product(), _input(lot_code="SAME")
    )
    assert other.lot_code == "SAME"


def test_update_before_stamps_changes_anything_and_audits_it(db_session):
    batch = factories.batch(lot_code="OLD", quantity=500)
    by = factories.user("producer", org=batch.product.organisation)
    changed = batches.update_batch(
        db_session, batch, _input(lot_code="NEW", quantity=50, provinces=["33"]), 0, by
    )
    assert changed["lot_code"] == ["OLD", "NEW"]
    assert changed["quantity"] == [500, 50]
    assert changed["provinces"] == [["01", "33"], ["33"]]
    db_session.flush()
    entry = db_session.scalars(
        select(AuditEntry).where(AuditEntry.action == "batch.edit")
    ).one()
    assert (entry.user_id, entry.target_id) == (by.id, batch.id)
    assert entry.details["lot_code"] == ["OLD", "NEW"]


def test_update_without_change_writes_no_audit(db_session):
    batch = factories.batch()
    same = _input(
        lot_code=batch.lot_code,
        produced_on=batch.produced_on,
        expires_on=batch.expires_on,
        quantity=batch.quantity,
        provinces=batch.province_codes,
    )
    assert batches.update_batch(db_session, batch, same, 0) == {}
    db_session.flush()
    assert db_session.scalars(select(AuditEntry)).all() == []


def test_once_stamps_exist_lot_and_dates_are_locked(db_session):
    batch = factories.batch(quantity=10)
    assert batches.locked(batch, 0) == {}
    assert batches.locked(batch, 3) == {
        "lot_code": "lot_in_codes",
        "produced_on": "date_shown",
        "expires_on": "expiry_printed",
    }
    keep = dict(
        lot_code=batch.lot_code,
        produced_on=batch.produced_on,
        expires_on=batch.expires_on,
        quantity=10,
        provinces=batch.province_codes,
    )
    cases = [
        ({"lot_code": "OTHER"}, "locked_lot_in_codes"),
        ({"produced_on": batch.produced_on - timedelta(days=1)}, "locked_date_shown"),
        ({"expires_on": batch.expires_on + timedelta(days=1)}, "locked_expiry_printed"),
        ({"quantity": 2}, "quantity_below_issued"),
        ({"provinces": ["33"]}, "provinces_removed"),
    ]
    for change, code in cases:
        error = _refused(
            batches.update_batch, db_session, batch, BatchInput(**{**keep, **change}), 3
        )
        assert error.code == code, change
    # What is still free: more items, more provinces.
    changed = batches.update_batch(
        db_session,
        batch,
        BatchInput(**{**keep, "quantity": 20, "provinces": ["33", "01", "04"]}),
        3,
    )
    assert set(changed) == {"quantity", "provinces"}


def test_a_batch_printed_without_expiry_may_get_one(db_session):
    batch = factories.batch(expires_on=None)
    assert "expires_on" not in batches.locked(batch, 1)
    data = BatchInput(
        batch.lot_code, batch.produced_on, factories.days_ahead(30), batch.quantity,
        batch.province_codes,
    )  # fmt: skip
    assert "expires_on" in batches.update_batch(db_session, batch, data, 1)


def test_a_closed_batch_is_locked_whole(db_session):
    batch = factories.batch(status="recalled")
    assert set(batches.locked(batch, 0).values()) == {"closed"}


def test_production_date_cannot_move_after_a_shipment(db_session):
    batch = factories.batch(produced_on=factories.days_ago(30))
    factories.event(batch, "shipping")  # 29 days ago
    db_session.refresh(batch)
    data = _input(
        lot_code=batch.lot_code,
        produced_on=factories.days_ago(20),
        expires_on=batch.expires_on,
        quantity=batch.quantity,
        provinces=batch.province_codes,
    )
    assert _refused(batches.update_batch, db_session, batch, data, 0).code == (
        "events_before_production"
    )


def test_can_issue_counts_what_was_issued(db_session):
    batch = factories.batch(quantity=3)
    factories.stamps(batch, 2)
    assert batches.stamps_issued(db_session, batch) == 2
    assert batches.can_issue(db_session, batch, 1) is None
    assert batches.can_issue(db_session, batch, 2) == "more_than_quantity"
    assert batches.can_issue(db_session, batch, 0) == "count_invalid"
    batches.set_status(batch, "void")
    assert batches.can_issue(db_session, batch, 1) == "batch_not_active"


def test_add_event_shapes_the_epcis_event(db_session):
    batch = factories.batch()
    when = datetime.combine(factories.days_ago(1), time(9, 15), tzinfo=VIETNAM)
    event = batches.add_event(db_session, batch, _event(event_time=when), NOW)
    db_session.flush()
    assert (event.event_type, event.action, event.disposition) == (
        "ObjectEvent", "OBSERVE", "in_transit",
    )  # fmt: skip
    assert event.event_tz_offset == "+07:00"
    assert (event.place_vi, event.place_en) == ("Kho Hưng Yên", None)
    assert event.event_id.startswith("urn:uuid:")


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"biz_step": "teleporting"}, "unknown_step"),
        ({"event_time": NOW + timedelta(minutes=5)}, "event_in_future"),
        ({"event_time": NOW - timedelta(days=400)}, "event_before_production"),
        ({"place_vi": "  "}, "place_required"),
        ({"province_code": "99"}, "unknown_province"),
        ({"ward_code": "00001"}, "unknown_ward"),
        ({"ward_code": None, "gln": "8930000000001"}, "gln_invalid"),
        ({"ward_code": None, "gln": None}, "location_required"),
    ],
)
def test_add_event_refusals(db_session, changes, code):
    batch = factories.batch()
    assert (
        _refused(batches.add_event, db_session, batch, _event(**changes), NOW).code
        == code
    )


def test_a_harvest_may_come_before_the_production_date(db_session):
    batch = factories.batch(produced_on=factories.days_ago(5))
    data = _event(biz_step="harvesting", event_time=NOW - timedelta(days=20))
    assert batches.add_event(db_session, batch, data, NOW).disposition == "active"


def test_suggested_step_follows_the_furthest_step(db_session):
    batch = factories.batch()
    assert batches.suggested_step(batch) == "harvesting"
    factories.event(batch, "packing")
    db_session.refresh(batch)
    assert batches.suggested_step(batch) == "shipping"
    factories.event(batch, "retail_selling")
    db_session.refresh(batch)
    assert batches.suggested_step(batch) == "retail_selling"


def test_set_location_only_once(db_session):
    event = factories.event(factories.batch(), ward_code=None, gln=None)
    batches.set_location(event, "33", "11980", None)
    assert event.ward_code == "11980"
    assert _refused(batches.set_location, event, "33", "11980", None).code == (
        "already_located"
    )


def test_recall_then_void_never_back(db_session):
    batch = factories.batch()
    by = factories.user("producer", org=batch.product.organisation)
    assert _refused(batches.set_status, batch, "active").code == "unknown_status"
    batches.change_status(db_session, batch, "recalled", by)
    assert _refused(batches.set_status, batch, "recalled").code == "already_recalled"
    batches.set_status(batch, "void")
    assert _refused(batches.set_status, batch, "recalled").code == "already_void"
    db_session.flush()
    entry = db_session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.details) == ("batch.status", {"after": "recalled"})

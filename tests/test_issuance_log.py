"""The issuance log: every stamp vouched for by a sealed, chained record."""

from datetime import timedelta

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from tests import factories
from webapp.extensions import db
from webapp.models import IssuanceRecord, Stamp
from webapp.services.gtin import complete_gtin
from webapp.services.issuance_log import (
    GENESIS,
    check_chain,
    check_serial,
    record_hash,
)


def test_issuances_are_chained_and_the_chain_checks_out(app):
    batch = factories.batch()
    first = factories.stamps(batch, 3)
    factories.stamps(batch, 2, with_pin=True)
    records = db.session.scalars(
        select(IssuanceRecord).order_by(IssuanceRecord.id)
    ).all()
    assert [r.count for r in records] == [3, 2]
    assert [r.with_pin for r in records] == [False, True]
    assert records[0].previous_hash == GENESIS
    assert records[1].previous_hash == records[0].record_hash
    check = check_chain(db.session)
    assert (check.records, check.stamps, check.intact) == (2, 5, True)
    verdict = check_serial(db.session, factories.stamp_row(first[0]))
    assert verdict.problem is None and verdict.record.id == records[0].id


def test_a_stamp_added_behind_the_log_is_found(app):
    batch = factories.batch()
    issued = factories.stamps(batch, 2)
    record = db.session.scalars(select(IssuanceRecord)).one()
    db.session.execute(
        insert(Stamp).values(
            batch_id=batch.id, serial="EXTRA0000000000X", status="active",
            issuance_id=record.id,
        )
    )  # fmt: skip
    db.session.execute(
        insert(Stamp).values(
            batch_id=batch.id, serial="LOOSE0000000000X", status="active"
        )
    )
    db.session.commit()
    problems = check_chain(db.session).problems
    assert (record.id, "stamps_differ") in problems
    assert (None, "stamps_outside_log") in problems
    stamp = factories.stamp_row(issued[0])
    assert check_serial(db.session, stamp).problem == "stamps_differ"
    loose = db.session.scalars(
        select(Stamp).where(Stamp.serial == "LOOSE0000000000X")
    ).one()
    assert check_serial(db.session, loose).problem == "not_logged"


@pytest.mark.parametrize(
    "change",
    [{"count": 5}, {"issued_by_label": "someone else"}, {"batch_id": None}],
)
def test_a_changed_record_breaks_its_seal(app, change):
    batch = factories.batch()
    issued = factories.stamps(batch, 2)
    factories.stamps(batch, 1)
    first = db.session.scalars(
        select(IssuanceRecord).order_by(IssuanceRecord.id)
    ).first()
    if change.get("batch_id", 0) is None:
        change = {"batch_id": factories.batch().id}
    db.session.execute(
        update(IssuanceRecord).where(IssuanceRecord.id == first.id).values(**change)
    )
    db.session.commit()
    db.session.expire_all()
    problems = check_chain(db.session).problems
    assert (first.id, "record_changed") in problems
    assert check_serial(db.session, factories.stamp_row(issued[0])).problem in (
        "record_changed",
        "other_batch",
    )


def test_a_resealed_record_still_breaks_the_next_link(app):
    batch = factories.batch()
    issued = factories.stamps(batch, 2)
    factories.stamps(batch, 1)
    first, second = db.session.scalars(
        select(IssuanceRecord).order_by(IssuanceRecord.id)
    ).all()
    first.record_hash = "f" * 64  # rewritten by someone who recomputed nothing else
    db.session.commit()
    problems = check_chain(db.session).problems
    assert (second.id, "broken_link") in problems
    stamp = factories.stamp_row(issued[0])
    assert check_serial(db.session, stamp).problem == "record_changed"


def test_two_issuances_cannot_follow_the_same_record(app):
    batch = factories.batch()
    factories.stamps(batch, 1)
    last = db.session.scalars(select(IssuanceRecord)).one()
    db.session.add(
        IssuanceRecord(
            batch_id=batch.id, issued_by_label="fork", count=0, with_pin=False,
            serials_digest="0" * 64, previous_hash=last.previous_hash,
            record_hash="1" * 64,
        )
    )  # fmt: skip
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_check_log_command_reports_and_fails_on_tampering(app):
    batch = factories.batch()
    factories.stamps(batch, 2)
    runner = app.test_cli_runner()
    intact = runner.invoke(args=["stamps", "check-log"])
    assert intact.exit_code == 0 and "The log is intact" in intact.output
    db.session.execute(update(IssuanceRecord).values(count=3))
    db.session.commit()
    broken = runner.invoke(args=["stamps", "check-log"])
    assert broken.exit_code == 1
    assert "record_changed" in broken.output


# Every field record_hash seals, and how a forger would change it in the database.
SEALED_FIELDS = {
    "previous_hash": lambda r: {"previous_hash": "e" * 64},
    "batch_id": lambda r: {"batch_id": factories.batch(r.batch.product).id},
    "count": lambda r: {"count": r.count + 1},
    "with_pin": lambda r: {"with_pin": not r.with_pin},
    "serials_digest": lambda r: {"serials_digest": "0" * 64},
    "issued_at": lambda r: {"issued_at": r.issued_at - timedelta(days=1)},
    "issued_by_label": lambda r: {"issued_by_label": r.issued_by_label + "?"},
}


@pytest.mark.parametrize("field", sorted(SEALED_FIELDS))
def test_changing_any_one_sealed_column_is_found(app, field):
    batch = factories.batch()
    factories.stamps(batch, 2)
    record = db.session.scalars(select(IssuanceRecord)).one()
    assert check_chain(db.session).intact
    change = SEALED_FIELDS[field](record)
    db.session.execute(
        update(IssuanceRecord).where(IssuanceRecord.id == record.id).values(**change)
    )
    db.session.commit()
    db.session.expire_all()
    check = check_chain(db.session)
    assert not check.intact
    assert (record.id, "record_changed") in check.problems


@pytest.mark.parametrize("column", ["gtin", "lot_code"])
def test_changing_the_product_or_lot_a_record_names_is_found(app, column):
    batch = factories.batch()
    factories.stamps(batch, 1)
    record = db.session.scalars(select(IssuanceRecord)).one()
    if column == "gtin":
        batch.product.gtin = complete_gtin("0893999999990")
    else:
        batch.lot_code = batch.lot_code + "X"
    db.session.commit()
    db.session.expire_all()
    assert (record.id, "record_changed") in check_chain(db.session).problems


def test_the_seal_covers_every_field_it_names(app):
    """Also the id, which no update can change without breaking foreign keys."""
    batch = factories.batch()
    factories.stamps(batch, 1)
    record = db.session.scalars(select(IssuanceRecord)).one()
    sealed = record_hash(record, batch)
    assert sealed == record.record_hash
    changes = {
        "id": record.id + 1,
        "previous_hash": "e" * 64,
        "batch_id": record.batch_id + 1,
        "count": record.count + 1,
        "with_pin": not record.with_pin,
        "serials_digest": "0" * 64,
        "issued_at": record.issued_at - timedelta(seconds=1),
        "issued_by_label": record.issued_by_label + "?",
    }
    for name, value in changes.items():
        kept = getattr(record, name)
        setattr(record, name, value)
        assert record_hash(record, batch) != sealed, name
        setattr(record, name, kept)
    for owner, name in ((batch.product, "gtin"), (batch, "lot_code")):
        kept = getattr(owner, name)
        setattr(owner, name, kept + "9")
        assert record_hash(record, batch) != sealed, name
        setattr(owner, name, kept)
    assert record_hash(record, batch) == sealed
    db.session.rollback()

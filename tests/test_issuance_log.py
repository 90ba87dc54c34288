"""The issuance log: every stamp vouched for by a sealed, chained record."""

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from tests import factories
from webapp.extensions import db
from webapp.models import IssuanceRecord, Stamp
from webapp.services.issuance_log import GENESIS, check_chain, check_serial


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

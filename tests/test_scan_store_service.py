"""A scan's own statements called directly: the serial's aggregates locked, what the
lock protects read, the scan written with its idempotency key."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import bindparam, event, func, literal, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from tests import factories
from webapp.extensions import db
from webapp.models import (
    Scan,
    ScanIdempotency,
    ScanRollup,
    SerialDevice,
    SerialNetwork,
    SerialStats,
)
from webapp.services.scans import rollups
from webapp.services.scans.detection import NetworkState
from webapp.services.scans.scan_store import (
    LockedState,
    NewScan,
    StatsRow,
    Writes,
    _with_state,
    earlier_scan,
    insert_unknown,
    lock_aggregates,
    lock_statement,
    locked_state,
    scan_of_key,
    write,
)

NOW = datetime.now(UTC).replace(microsecond=0)


def _stamp():
    return factories.stamp_row(factories.stamp(factories.batch()))


def _scan(stamp, **fields) -> NewScan:
    values = dict(
        gtin=stamp.batch.product.gtin if stamp else "08930000000019",
        lot=stamp.batch.lot_code if stamp else None,
        serial=stamp.serial if stamp else "NEVERISSUED0001",
        scanned_at=NOW, role="shopper", device_hash="device-a",
        network_hash="network-a", location_consent=False, province_code="33",
        latitude=None, longitude=None, idempotency_key=None, made_at=None,
        notices=[], stamp_id=stamp.id if stamp else None, verdict="authentic",
        reasons=[],
    )  # fmt: skip
    values.update(fields)
    return NewScan(**values)


def _record(session, stamp, scan: NewScan | None = None, **writes) -> int:
    """One scan of a known serial, as record_scan stores it: lock, count, write."""
    stats = lock_aggregates(session, stamp.id)
    stats.scan_count += 1
    stats.last_scan_at = NOW
    return write(session, Writes(scan or _scan(stamp), stats, **writes))


def _device_and_network_rows(stamp, window) -> list:
    """device-a first seen on network-home, and network-a's state, for stamp."""
    return [
        SerialDevice(
            stamp_id=stamp.id, device_hash="device-a",
            network_hash="network-home", first_seen_at=window,
        ),
        SerialNetwork(
            stamp_id=stamp.id, network_hash="network-a", steady=2, bursts=1,
            window_start=window, window_count=3, linked=True,
        ),
    ]  # fmt: skip


def _count(session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


# The lock: the serial's aggregates, created if missing.


def test_locking_a_new_serial_creates_its_aggregates_at_zero(db_session):
    stamp = _stamp()
    stats = lock_aggregates(db_session, stamp.id)
    assert isinstance(stats, StatsRow)
    assert (stats.stamp_id, stats.scan_count, stats.devices) == (stamp.id, 0, 0)
    assert (stats.provinces, stats.flags, stats.cleared_devices) == ([], [], 0)
    assert (stats.first_scan_at, stats.claimed_at) == (None, None)
    assert _count(db_session, SerialStats, SerialStats.stamp_id == stamp.id) == 1


def test_locking_again_returns_the_stored_row_not_a_second_one(db_session):
    stamp = _stamp()
    lock_aggregates(db_session, stamp.id)
    db_session.execute(
        update(SerialStats)
        .where(SerialStats.stamp_id == stamp.id)
        .values(scan_count=7, provinces=["33", "01"], last_scan_at=NOW)
    )
    stats = lock_aggregates(db_session, stamp.id)
    assert (stats.scan_count, stats.provinces, stats.last_scan_at) == (
        7, ["33", "01"], NOW,
    )  # fmt: skip
    assert _count(db_session, SerialStats) == 1


def test_the_lock_is_a_snapshot_the_session_never_writes_back(db_session):
    stamp = _stamp()
    stats = lock_aggregates(db_session, stamp.id)
    stats.scan_count = 99
    db_session.flush()
    assert lock_aggregates(db_session, stamp.id).scan_count == 0


def test_the_sessions_pending_changes_are_flushed_before_the_lock(db_session):
    stamp = _stamp()
    db_session.add(SerialStats(stamp_id=stamp.id, scan_count=4, provinces=["33"]))
    stats = lock_aggregates(db_session, stamp.id)  # no conflict with the pending row
    assert (stats.scan_count, stats.provinces) == (4, ["33"])


# What the lock protects, read in one statement.


def test_a_serial_never_scanned_has_no_device_network_or_earlier_scan(db_session):
    stamp = _stamp()
    lock_aggregates(db_session, stamp.id)
    state = locked_state(db_session, stamp.id, "device-a", "network-a", None, None)
    assert state == LockedState(None, None, None)


def test_the_device_and_network_rows_of_this_serial_are_read(db_session):
    stamp, other = _stamp(), _stamp()
    window = NOW - timedelta(minutes=5)
    db_session.add_all(
        [
            *_device_and_network_rows(stamp, window),
            SerialDevice(
                stamp_id=other.id, device_hash="device-b",
                network_hash="network-x", first_seen_at=window,
            ),
        ]
    )  # fmt: skip
    db_session.flush()
    state = locked_state(db_session, stamp.id, "device-a", "network-a", None, None)
    assert state.device_network == "network-home"
    assert state.network == NetworkState(2, 1, window, 3, True)
    assert state.earlier is None
    # Another device, another network, another serial's rows: nothing.
    assert locked_state(
        db_session, stamp.id, "device-b", "network-b", None, None
    ) == LockedState(None, None, None)
    assert locked_state(
        db_session, other.id, "device-a", "network-a", None, None
    ) == LockedState(None, None, None)


def test_the_state_read_joins_this_serials_device_and_network_rows_only(db_session):
    """The columns the lookup and locked_state read (built here, not through
    their cached statements, so each change to the builder is seen)."""
    stamp, other = _stamp(), _stamp()
    window = NOW - timedelta(minutes=5)
    db_session.add_all(
        [
            *_device_and_network_rows(stamp, window),
            SerialNetwork(
                stamp_id=other.id, network_hash="network-a", steady=7, bursts=0,
                window_start=window, window_count=1, linked=False,
            ),
        ]
    )  # fmt: skip
    db_session.flush()
    anchor = select(literal(1).label("one")).subquery()
    statement = _with_state(select().select_from(anchor), bindparam("st_stamp"))
    params = {"st_stamp": stamp.id, "st_device": "device-a", "st_network": "network-a"}
    row = db_session.execute(statement, params).one()
    assert tuple(row) == ("network-home", "network-a", 2, 1, window, 3, True)
    elsewhere = {**params, "st_device": "device-b", "st_network": "network-b"}
    assert tuple(db_session.execute(statement, elsewhere).one()) == (None,) * 7


# The write.


def test_a_write_stores_the_scan_and_the_aggregates_it_changed(db_session):
    stamp = _stamp()
    scan = _scan(stamp, reasons=["far_apart"], notices=["expired"], verdict="suspect")
    stats = lock_aggregates(db_session, stamp.id)
    stats.scan_count, stats.devices, stats.provinces = 1, 1, ["33"]
    stats.flags, stats.first_scan_at, stats.last_scan_at = ["far_apart"], NOW, NOW
    scan_id = write(db_session, Writes(scan, stats))
    stored = db_session.scalars(select(Scan).where(Scan.id == scan_id)).one()
    assert (stored.stamp_id, stored.serial, stored.scanned_at) == (
        stamp.id, stamp.serial, NOW,
    )  # fmt: skip
    assert (stored.verdict, stored.reasons, stored.notices) == (
        "suspect", ["far_apart"], ["expired"],
    )  # fmt: skip
    assert stored.idempotency_key is None
    assert _count(db_session, ScanIdempotency) == 0
    again = lock_aggregates(db_session, stamp.id)
    assert (again.scan_count, again.devices, again.provinces, again.flags) == (
        1, 1, ["33"], ["far_apart"],
    )  # fmt: skip
    assert (again.first_scan_at, again.last_scan_at) == (NOW, NOW)


def test_a_new_device_and_a_new_network_are_inserted_then_the_network_updated(
    db_session,
):
    stamp = _stamp()
    first = NetworkState(steady=1, window_start=NOW, window_count=1)
    _record(
        db_session, stamp,
        new_device=("device-a", "network-a", NOW),
        network=("network-a", first, False),
    )  # fmt: skip
    device = db_session.get(SerialDevice, (stamp.id, "device-a"))
    assert (device.network_hash, device.first_seen_at) == ("network-a", NOW)
    later = replace(first, steady=2, window_count=2, linked=True)
    _record(db_session, stamp, network=("network-a", later, True))
    state = locked_state(db_session, stamp.id, "device-a", "network-a", None, None)
    assert state.network == later
    assert state.device_network == "network-a"
    assert _count(db_session, SerialNetwork) == 1
    assert lock_aggregates(db_session, stamp.id).scan_count == 2


def test_extra_statements_go_with_the_write(db_session):
    stamp = _stamp()
    organisation_id = stamp.batch.product.organisation_id
    weekly = rollups.counted(
        db_session, at=NOW, province="33", organisation_id=organisation_id,
        role="shopper", verdict="authentic",
    )  # fmt: skip
    _record(db_session, stamp, extra=[weekly])
    counts = db_session.execute(
        select(ScanRollup.organisation_id, ScanRollup.scans).where(
            ScanRollup.week == rollups.week_of(NOW)
        )
    ).all()
    assert sorted(counts) == [(0, 1), (organisation_id, 1)]


def test_the_write_is_one_statement_on_postgresql(db_session, engine):
    stamp = _stamp()
    stats = lock_aggregates(db_session, stamp.id)
    sent: list[str] = []

    def note(_connection, _cursor, statement, *_rest) -> None:
        sent.append(statement)

    connection = db_session.connection()
    event.listen(connection, "before_cursor_execute", note)
    try:
        write(
            db_session,
            Writes(
                _scan(stamp, idempotency_key="k" * 32), stats,
                new_device=("device-a", "network-a", NOW),
                network=("network-a", NetworkState(steady=1), False),
            ),
        )  # fmt: skip
    finally:
        event.remove(connection, "before_cursor_execute", note)
    # SQLite, without data-modifying CTEs: the scan, its key, the device, the
    # network and the aggregates, one by one.
    assert len(sent) == (1 if engine == "postgresql" else 5)


# Idempotency keys.


def test_a_keyed_write_keeps_the_key_for_its_scan(db_session):
    stamp = _stamp()
    scan_id = _record(db_session, stamp, _scan(stamp, idempotency_key="queued-0001"))
    kept = db_session.get(ScanIdempotency, "queued-0001")
    assert (kept.scan_id, kept.scanned_at) == (scan_id, NOW)
    assert scan_of_key(db_session, "queued-0001").id == scan_id
    state = locked_state(
        db_session, stamp.id, "device-a", "network-a", "queued-0001", None
    )
    assert state.earlier is not None and state.earlier.id == scan_id
    assert state.earlier.idempotency_key == "queued-0001"
    other = locked_state(
        db_session, stamp.id, "device-a", "network-a", "queued-0002", None
    )
    assert other.earlier is None


def test_a_key_used_twice_is_refused_and_the_second_scan_is_not_stored(db_session):
    stamp = _stamp()
    first = _record(db_session, stamp, _scan(stamp, idempotency_key="queued-0001"))
    resend = _scan(
        stamp, idempotency_key="queued-0001", scanned_at=NOW + timedelta(days=1)
    )
    with pytest.raises(IntegrityError):
        with db_session.begin_nested():
            _record(db_session, stamp, resend)
    assert db_session.scalars(select(Scan.id)).all() == [first]
    assert db_session.get(ScanIdempotency, "queued-0001").scan_id == first


# The same page view again (a reload), found by device, role and time.


def test_a_reload_finds_the_latest_view_of_the_same_device_and_role(db_session):
    stamp = _stamp()
    _record(db_session, stamp, _scan(stamp, scanned_at=NOW - timedelta(minutes=9)))
    latest = _record(
        db_session, stamp, _scan(stamp, scanned_at=NOW - timedelta(minutes=2))
    )

    def earlier(device="device-a", role="shopper", minutes=10):
        since = NOW - timedelta(minutes=minutes)
        state = locked_state(
            db_session, stamp.id, device, "network-a", None, (role, since)
        )
        return state.earlier.id if state.earlier else None

    assert earlier() == latest
    assert earlier(minutes=2) == latest  # the window includes its start
    assert earlier(minutes=1) is None
    assert earlier(device="device-b") is None
    assert earlier(role="inspector") is None


def test_a_key_outranks_a_later_view(db_session):
    stamp = _stamp()
    an_hour_ago = NOW - timedelta(hours=1)
    keyed = _record(
        db_session, stamp,
        _scan(stamp, idempotency_key="queued-0001", scanned_at=an_hour_ago),
    )  # fmt: skip
    _record(db_session, stamp, _scan(stamp, scanned_at=NOW))
    state = locked_state(
        db_session, stamp.id, "device-a", "network-a", "queued-0001",
        ("shopper", NOW - timedelta(hours=2)),
    )  # fmt: skip
    assert state.earlier.id == keyed


# Codes never issued: no serial to lock.


def test_an_unknown_code_without_a_key_is_always_stored(db_session):
    scan = _scan(None, verdict="counterfeit", reasons=["unknown_code"])
    first, second = insert_unknown(db_session, scan), insert_unknown(db_session, scan)
    assert first != second and None not in (first, second)
    stored = db_session.scalars(select(Scan).where(Scan.id == first)).one()
    assert (stored.stamp_id, stored.serial, stored.reasons) == (
        None, "NEVERISSUED0001", ["unknown_code"],
    )  # fmt: skip


def test_an_unknown_code_sent_twice_with_one_key_is_stored_once(db_session):
    scan = _scan(None, verdict="counterfeit", idempotency_key="queued-0009")
    first = insert_unknown(db_session, scan)
    assert first is not None
    resend = replace(scan, scanned_at=NOW + timedelta(seconds=5))
    assert insert_unknown(db_session, resend) is None
    assert db_session.scalars(select(Scan.id)).all() == [first]
    assert scan_of_key(db_session, "queued-0009").id == first
    assert db_session.get(ScanIdempotency, "queued-0009").scan_id == first


# The lock between transactions (committed rows, two connections).


WAITED_TOO_LONG = {"postgresql": "lock timeout", "sqlite": "database is locked"}


def _give_up_waiting(session: Session, dialect: str) -> None:
    """Make this transaction fail fast instead of waiting for a lock."""
    if dialect == "postgresql":
        session.execute(text("SET LOCAL lock_timeout = '200ms'"))
    else:
        session.execute(text("PRAGMA busy_timeout = 200"))


@pytest.mark.parametrize("scanned_before", [False, True], ids=["first", "later"])
def test_a_locked_serial_holds_a_second_scan_back_until_commit(
    app, engine, scanned_before
):
    stamp_id = _stamp().id
    if scanned_before:
        db.session.add(SerialStats(stamp_id=stamp_id, provinces=[], flags=[]))
    db.session.commit()
    db.session.close()
    with Session(db.engine) as holder, Session(db.engine) as waiter:
        held = lock_aggregates(holder, stamp_id)
        _give_up_waiting(waiter, engine)
        with pytest.raises(OperationalError, match=WAITED_TOO_LONG[engine]):
            lock_aggregates(waiter, stamp_id)
        waiter.rollback()
        held.scan_count += 1
        write(holder, Writes(_scan(None, stamp_id=stamp_id), held))
        holder.commit()
        # Read under the lock, the second scan sees the first one's count.
        assert lock_aggregates(waiter, stamp_id).scan_count == 1
        waiter.commit()


# Further edges of the statements above: the session's lock statement, the
# earlier scan's candidates, a scan read by its id and time together.


def test_the_sessions_lock_creates_the_row_at_its_starting_values_once(db_session):
    stamp = _stamp()
    db_session.execute(lock_statement(db_session, stamp.id))
    created = db_session.execute(
        select(SerialStats.__table__).where(SerialStats.stamp_id == stamp.id)
    ).one()
    assert created._asdict() == {
        "stamp_id": stamp.id, "scan_count": 0, "shopper_scans": 0, "devices": 0,
        "effective_devices": 0, "provinces": [], "first_scan_at": None,
        "last_scan_at": None, "last_position_at": None, "last_latitude": None,
        "last_longitude": None, "last_device_hash": None, "claimed_at": None,
        "claimed_device_hash": None, "claimed_province_code": None, "flags": [],
        "evidence": {}, "cleared_at": None, "cleared_devices": 0,
    }  # fmt: skip
    db_session.execute(
        update(SerialStats)
        .where(SerialStats.stamp_id == stamp.id)
        .values(scan_count=3, provinces=["33"], flags=["far_apart"], last_scan_at=NOW)
    )
    locked = db_session.scalars(
        lock_statement(db_session, stamp.id, SerialStats).returning(SerialStats),
        execution_options={"populate_existing": True},
    ).one()
    assert (locked.scan_count, locked.provinces, locked.flags, locked.last_scan_at) == (
        3, ["33"], ["far_apart"], NOW,
    )  # fmt: skip
    assert _count(db_session, SerialStats) == 1


def _earlier_ids(session, key, stamp) -> list[int]:
    view = select(Scan.id, Scan.scanned_at).where(
        Scan.stamp_id == stamp.id, Scan.device_hash == "device-a"
    )
    earlier = earlier_scan(key, view)
    return session.scalars(select(earlier.c.id)).all()


def test_the_earlier_scan_is_the_keys_alone_else_the_latest_view(db_session):
    stamp = _stamp()
    an_hour_ago = NOW - timedelta(hours=1)
    keyed = _record(
        db_session, stamp,
        _scan(stamp, idempotency_key="queued-0001", scanned_at=an_hour_ago),
    )  # fmt: skip
    latest = _record(db_session, stamp, _scan(stamp, scanned_at=NOW))
    assert _earlier_ids(db_session, "queued-0001", stamp) == [keyed]
    # A key that recorded nothing leaves the view to decide.
    assert _earlier_ids(db_session, "queued-0002", stamp) == [latest]
    assert db_session.scalars(select(earlier_scan("queued-0001", None).c.id)).all() == [
        keyed
    ]


def test_a_scan_is_read_by_its_id_not_by_a_time_it_shares(db_session):
    stamp, other = _stamp(), _stamp()
    _record(db_session, other)
    keyed = _record(db_session, stamp, _scan(stamp, idempotency_key="queued-0001"))
    assert scan_of_key(db_session, "queued-0001").id == keyed
    state = locked_state(
        db_session, stamp.id, "device-a", "network-a", "queued-0001", None
    )
    assert state.earlier.id == keyed

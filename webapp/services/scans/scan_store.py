"""The statements a scan costs: few round trips, the serial's lock held briefly.

A scan of a known serial is two statements on PostgreSQL: the lookup of the
code, which also creates and locks the serial's aggregates and reads what the
lock protects (the device's and the network's rows; LockingLookup), and one
that writes the scan and every aggregate (data-modifying CTEs). With an
idempotency key, the earlier scan it may name is read under the lock in a
statement between them; a page view first looks for its earlier view, then
locks. SQLite, which has no such CTEs, runs each piece on its own.

Rows read here are plain snapshots, never objects the session would flush:
the writes are explicit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal,
    literal_column,
    select,
    true,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.elements import BindParameter

from webapp.models import (
    Scan,
    ScanIdempotency,
    SerialDevice,
    SerialNetwork,
    SerialStats,
)
from webapp.services.common.driver_statements import on_driver
from webapp.services.scans.detection import NetworkState

SCAN = Scan.__table__
STATS = SerialStats.__table__
DEVICES = SerialDevice.__table__
NETWORKS = SerialNetwork.__table__
KEYS = ScanIdempotency.__table__

# What a scan writes of a Scan besides its id.
SCAN_FIELDS = (
    "stamp_id",
    "gtin",
    "lot",
    "serial",
    "scanned_at",
    "role",
    "device_hash",
    "network_hash",
    "location_consent",
    "province_code",
    "latitude",
    "longitude",
    "verdict",
    "reasons",
    "notices",
    "idempotency_key",
    "made_at",
)
STATS_FIELDS = tuple(column.name for column in STATS.c if column.name != "stamp_id")


@dataclass(slots=True)
class NewScan:
    """A scan being recorded: a plain record the scan's own statements write
    (an ORM object would cost more to build and to fill than it gives)."""

    gtin: str | None
    lot: str | None
    serial: str | None
    scanned_at: datetime
    role: str
    device_hash: str
    network_hash: str
    location_consent: bool
    province_code: str | None
    latitude: float | None
    longitude: float | None
    idempotency_key: str | None
    made_at: datetime | None
    notices: list[str]
    stamp_id: int | None = None
    verdict: str = ""
    reasons: list[str] = field(default_factory=list)
    id: int = 0  # set once stored


# The scan a request stands for: one recorded now, or an earlier one read back.
AnyScan = Scan | NewScan


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _upsert(session: Session):
    return postgresql_insert if _dialect(session) == "postgresql" else sqlite_insert


def lock_statement(session: Session, stamp_id: int, target=STATS):
    """INSERT … ON CONFLICT DO UPDATE … RETURNING: the row, created if missing,
    and locked until commit (row lock on PostgreSQL, the write lock on SQLite).
    target: the table (rows) or the SerialStats class (objects of the session)."""
    statement = _upsert(session)(target).values(
        stamp_id=stamp_id, provinces=[], flags=[]
    )
    return _taking_lock(statement)


def _taking_lock(upsert, where=None):
    """The upsert of a serial's aggregates made to take its lock: an existing
    row is written (stamp_id = itself), so it is locked (only if `where`
    holds; locked all the same on PostgreSQL when it does not)."""
    return upsert.on_conflict_do_update(
        index_elements=["stamp_id"],
        set_={"stamp_id": upsert.excluded.stamp_id},
        where=where,
    )


# Statements of the hot path are built once (per engine and shape) and sent
# with parameters: building and hashing them anew cost more than the database.
@cache
def _lock_rows(dialect: str):
    upsert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = upsert(STATS).values(
        stamp_id=bindparam("lock_stamp"), provinces=[], flags=[]
    )
    return _taking_lock(statement).returning(*STATS.c)


@dataclass(slots=True)
class StatsRow:
    """A serial's aggregates as its lock returned them: a plain record (an
    ORM object would cost more to build and to fill than the statement)."""

    stamp_id: int
    scan_count: int
    shopper_scans: int
    devices: int
    effective_devices: int
    provinces: list[str]
    first_scan_at: datetime | None
    last_scan_at: datetime | None
    last_position_at: datetime | None
    last_latitude: float | None
    last_longitude: float | None
    last_device_hash: str | None
    claimed_at: datetime | None
    claimed_device_hash: str | None
    claimed_province_code: str | None
    flags: list[str]
    evidence: dict | None
    cleared_at: datetime | None
    cleared_devices: int


# A serial's aggregates, read for a verdict: the session's object, or the lock's row.
Stats = SerialStats | StatsRow


def lock_aggregates(session: Session, stamp_id: int) -> StatsRow:
    """The serial's aggregates, locked: a snapshot the session does not track."""
    session.flush()  # pending changes of this transaction come first (no query if none)
    statement = _lock_rows(_dialect(session))
    row = session.connection().execute(statement, {"lock_stamp": stamp_id}).one()
    return StatsRow(**row._mapping)


class LockingLookup:
    """A lookup that also locks the aggregates of the stamp it finds, in the
    same statement (PostgreSQL: data-modifying CTEs), saving round trips.

    Called in the place of the lookup's own statement (resolve's fetch); the
    locked aggregates are then in .stats. Only for a code whose check needs
    no lookup (it carries its lot), so no stamp is locked for a forged code.

    Given the device and network, it reads their rows too (.state), in the
    statement's snapshot, taken before the lock was granted: valid only if no
    one changed the serial in between. Every change to what the lock protects
    is made under it, and taking it writes the aggregates' row, so the row's
    version (xmin) tells. If it moved, nothing is returned (the row is locked
    all the same) and the caller reads both again under the lock.
    """

    def __init__(self, device_network: tuple[str, str] | None) -> None:
        self.device_network = device_network
        self.stats: StatsRow | None = None
        self.state: LockedState | None = None

    @staticmethod
    def applies(session: Session) -> bool:
        return _dialect(session) == "postgresql"

    def __call__(
        self, session: Session, statement: Select, params: dict
    ) -> Mapping[str, Any] | None:
        with_state = self.device_network is not None
        if self.device_network is not None:
            device, network = self.device_network
            params = {**params, "st_device": device, "st_network": network}
        connection = session.connection()
        locking = on_driver(_locking(statement, with_state), connection.dialect)
        row = locking.first(connection, params)
        if row is not None and row["ag_stamp_id"] is not None:
            names = STATS.c.keys()
            self.stats = StatsRow(**{name: row[f"ag_{name}"] for name in names})
            if with_state:
                self.state = _state_of(row, None)
        return row


@cache
def _locking(lookup: Select, with_state: bool) -> Select:
    """lookup (one row or none, with a stamp_id column), and that stamp's
    aggregates, created if missing and locked, as columns named ag_<column>
    (with_state: only if their row did not change since the snapshot, and
    the device's and network's rows as locked_state reads them)."""
    found = lookup.cte("found")
    upsert = postgresql_insert(STATS).from_select(
        ["stamp_id", "provinces", "flags"],
        select(
            found.c.stamp_id,
            literal([], STATS.c.provinces.type),
            literal([], STATS.c.flags.type),
        ),
    )
    unchanged = None
    if with_state:
        version: Any = literal_column(f"{STATS.name}.xmin")
        seen = (
            select(version.label("version"))
            .where(STATS.c.stamp_id == found.c.stamp_id)
            .scalar_subquery()
        )
        unchanged = version == seen
    locked = _taking_lock(upsert, unchanged).returning(*STATS.c).cte("locked")
    statement = select(
        found, *(column.label(f"ag_{column.name}") for column in locked.c)
    ).outerjoin_from(found, locked, locked.c.stamp_id == found.c.stamp_id)
    if with_state:
        statement = _with_state(statement, found.c.stamp_id)
    return statement


@dataclass(frozen=True)
class LockedState:
    """What the serial's lock protects, besides the aggregates."""

    device_network: str | None  # the network the device was first seen on
    network: NetworkState | None
    earlier: Scan | None  # this request already recorded (its key, or a reload)


def locked_state(
    session: Session,
    stamp_id: int,
    device: str,
    network: str,
    key: str | None,
    repeat: tuple[str, datetime] | None,
) -> LockedState:
    """One statement: the device's and network's rows, and an earlier scan this
    request repeats (same idempotency key, or the same page view since
    repeat=(role, since)). Read under the lock, so it sees every scan before."""
    params = {"st_stamp": stamp_id, "st_device": device, "st_network": network}
    if key:
        params["st_key"] = key
    if repeat:
        params["st_role"], params["st_since"] = repeat
    statement = _state_statement(bool(key), bool(repeat))
    # Plain rows unless an earlier scan is asked for, which the session loads.
    execute = session.execute if key or repeat else session.connection().execute
    row = execute(statement, params).one()
    return _state_of(row._mapping, row.Scan if key or repeat else None)


def _state_of(row: Mapping[Any, Any], earlier: Scan | None) -> LockedState:
    state = None
    if row["network_seen"] is not None:
        state = NetworkState(*(row[name] for name in NETWORK_FIELDS))
    return LockedState(row["device_network"], state, earlier)


STATE_COLUMNS = (
    DEVICES.c.network_hash.label("device_network"),
    NETWORKS.c.network_hash.label("network_seen"),
    NETWORKS.c.steady,
    NETWORKS.c.bursts,
    NETWORKS.c.window_start,
    NETWORKS.c.window_count,
    NETWORKS.c.linked,
)


def _with_state(statement: Select, stamp_id) -> Select:
    """statement with the device's (st_device) and the network's (st_network)
    rows of stamp_id outer-joined: STATE_COLUMNS, None where there is none."""
    return (
        statement.add_columns(*STATE_COLUMNS)
        .outerjoin(
            DEVICES,
            and_(
                DEVICES.c.stamp_id == stamp_id,
                DEVICES.c.device_hash == bindparam("st_device"),
            ),
        )
        .outerjoin(
            NETWORKS,
            and_(
                NETWORKS.c.stamp_id == stamp_id,
                NETWORKS.c.network_hash == bindparam("st_network"),
            ),
        )
    )


@cache
def _state_statement(by_key: bool, by_view: bool):
    stamp_id: BindParameter[Any] = bindparam("st_stamp")
    anchor = select(literal(1).label("one")).subquery()
    statement = _with_state(select().select_from(anchor), stamp_id)
    if not (by_key or by_view):
        return statement
    view = None
    if by_view:
        view = select(Scan.id, Scan.scanned_at).where(
            Scan.stamp_id == stamp_id,
            Scan.device_hash == bindparam("st_device"),
            Scan.role == bindparam("st_role"),
            Scan.scanned_at >= bindparam("st_since", type_=Scan.scanned_at.type),
        )
    earlier = earlier_scan(bindparam("st_key") if by_key else None, view)
    return (
        statement.add_columns(Scan)
        .outerjoin(earlier, true())
        .outerjoin(Scan, same_scan(earlier))
    )


def earlier_scan(key, view):
    """The scan a request repeats, as (id, scanned_at): the one its
    idempotency key recorded, else the latest of `view` (a select of Scan.id,
    Scan.scanned_at), else no row. Each is found by its own index; the scan is
    then read by id within its month (same_scan)."""
    candidates = []
    if key is not None:
        candidates.append(
            select(
                KEYS.c.scan_id.label("id"),
                KEYS.c.scanned_at,
                literal(0).label("rank"),
            ).where(KEYS.c.key == key)
        )
    if view is not None:
        latest = view.order_by(Scan.scanned_at.desc()).limit(1).subquery()
        candidates.append(
            select(latest.c.id, latest.c.scanned_at, literal(1).label("rank"))
        )
    found = union_all(*candidates).subquery() if len(candidates) > 1 else None
    if found is None:
        found = candidates[0].subquery()
    return (
        select(found.c.id, found.c.scanned_at)
        .order_by(found.c.rank, found.c.scanned_at.desc())
        .limit(1)
        .subquery("earlier")
    )


def same_scan(earlier):
    return and_(Scan.id == earlier.c.id, Scan.scanned_at == earlier.c.scanned_at)


def scan_of_key(session: Session, key: str) -> Scan:
    """The scan an idempotency key recorded (it must have one)."""
    earlier = earlier_scan(key, None)
    return session.scalars(select(Scan).join(earlier, same_scan(earlier))).one()


@dataclass
class Writes:
    """Everything one scan of a known serial changes."""

    scan: NewScan
    stats: StatsRow
    new_device: tuple[str, str, datetime] | None = None  # device, network, first seen
    network: tuple[str, NetworkState, bool] | None = None  # hash, state, row exists
    # Further INSERT/UPDATE statements of the same scan with their parameters
    # (names of their own), sent in the same round trip on PostgreSQL: the
    # weekly counts kept as scans arrive. Built once per shape, as these are.
    extra: list[tuple[Any, dict]] = field(default_factory=list)


NETWORK_FIELDS = ("steady", "bursts", "window_start", "window_count", "linked")


def write(session: Session, writes: Writes) -> int:
    """Store the scan and the aggregates it changed; the new scan's id."""
    shape = (
        writes.new_device is not None,
        None if writes.network is None else writes.network[2],
    )
    parts = _parameters(writes)
    extra = tuple(statement for statement, _ in writes.extra)
    if _dialect(session) == "postgresql":
        params = {name: value for part in parts for name, value in part.items()}
        for _, more in writes.extra:
            params.update(more)
        connection = session.connection()
        statement = on_driver(_combined_once(*shape, extra), connection.dialect)
        row = statement.first(connection, params)
        assert row is not None  # an INSERT … RETURNING of one row
        return row["id"]
    pieces = _pieces(*shape)
    new_id = session.execute(pieces[0], parts[0]).scalar_one()
    if writes.scan.idempotency_key is not None:
        _keep_key(session, writes.scan, new_id)
    for statement, params in zip(pieces[1:], parts[1:], strict=True):
        session.execute(statement, params)
    for statement, params in writes.extra:
        session.execute(statement, params)
    return new_id


@cache
def _pieces(new_device: bool, network_exists: bool | None) -> tuple:
    """The scan's insert, then each aggregate's change, with named parameters."""
    pieces: list[UpdateBase] = [
        insert(SCAN)
        .values({name: bindparam(f"sc_{name}") for name in SCAN_FIELDS})
        .returning(SCAN.c.id, SCAN.c.scanned_at, SCAN.c.idempotency_key)
    ]
    if new_device:
        pieces.append(
            insert(DEVICES).values(
                stamp_id=bindparam("dv_stamp"),
                device_hash=bindparam("dv_device"),
                network_hash=bindparam("dv_network"),
                first_seen_at=bindparam("dv_seen"),
            )
        )
    values: dict[str, BindParameter[Any]] = {
        name: bindparam(f"nw_{name}") for name in NETWORK_FIELDS
    }
    if network_exists:
        pieces.append(
            update(NETWORKS)
            .where(
                NETWORKS.c.stamp_id == bindparam("nw_stamp"),
                NETWORKS.c.network_hash == bindparam("nw_hash"),
            )
            .values(values)
        )
    elif network_exists is False:
        pieces.append(
            insert(NETWORKS).values(
                stamp_id=bindparam("nw_stamp"),
                network_hash=bindparam("nw_hash"),
                **values,
            )
        )
    pieces.append(
        update(STATS)
        .where(STATS.c.stamp_id == bindparam("ag_stamp"))
        .values({name: bindparam(f"ag_{name}") for name in STATS_FIELDS})
    )
    return tuple(pieces)


@cache
def _combined_once(new_device: bool, network_exists: bool | None, extra: tuple = ()):
    return _combined([*_pieces(new_device, network_exists), *extra])


def _combined(statements):
    """One statement: the scan's insert, its idempotency key's (if it has one:
    the serial's lock makes the key new), the others as data-modifying CTEs."""
    new_scan = statements[0].cte("new_scan")
    key = insert(KEYS).from_select(
        ["key", "scan_id", "scanned_at"],
        select(new_scan.c.idempotency_key, new_scan.c.id, new_scan.c.scanned_at).where(
            new_scan.c.idempotency_key.is_not(None)
        ),
    )
    return select(new_scan.c.id).add_cte(
        key.cte("new_key"),
        *(other.cte(f"change_{n}") for n, other in enumerate(statements[1:])),
    )


def _parameters(writes: Writes) -> list[dict]:
    """Each piece's parameters, in the order of _pieces."""
    scan, stats = writes.scan, writes.stats
    parts = [{f"sc_{name}": getattr(scan, name) for name in SCAN_FIELDS}]
    if writes.new_device is not None:
        device, network, seen = writes.new_device
        parts.append(
            {
                "dv_stamp": stats.stamp_id,
                "dv_device": device,
                "dv_network": network,
                "dv_seen": seen,
            }
        )
    if writes.network is not None:
        network, state, _exists = writes.network
        values = {f"nw_{name}": getattr(state, name) for name in NETWORK_FIELDS}
        parts.append({"nw_stamp": stats.stamp_id, "nw_hash": network, **values})
    values = {f"ag_{name}": getattr(stats, name) for name in STATS_FIELDS}
    parts.append({"ag_stamp": stats.stamp_id, **values})
    return parts


def insert_unknown(session: Session, scan: NewScan) -> int | None:
    """Store the scan of a code we never issued; None when its idempotency key
    was already used (a resend racing the first copy: the key's row, unique,
    makes the second wait for the first's commit and then find it)."""
    values = {f"sc_{name}": getattr(scan, name) for name in SCAN_FIELDS}
    if scan.idempotency_key is None:
        return session.execute(_pieces(False, None)[0], values).scalar_one()
    if _dialect(session) == "postgresql":
        return session.execute(_unknown_keyed(), values).scalar()
    new_id = session.execute(_pieces(False, None)[0], values).scalar_one()
    if _keep_key(session, scan, new_id, if_new=True):
        return new_id
    session.execute(delete(SCAN).where(SCAN.c.id == new_id))
    return None


@cache
def _unknown_keyed():
    """One statement: the key's row with a new scan id, then the scan, only
    if the key is new."""
    key = (
        postgresql_insert(KEYS)
        .values(
            key=bindparam("sc_idempotency_key"),
            scan_id=func.nextval("scan_id_seq"),
            scanned_at=bindparam("sc_scanned_at"),
        )
        .on_conflict_do_nothing()
        .returning(KEYS.c.scan_id)
        .cte("new_key")
    )
    columns = [bindparam(f"sc_{name}", type_=SCAN.c[name].type) for name in SCAN_FIELDS]
    return (
        insert(SCAN)
        .from_select(["id", *SCAN_FIELDS], select(key.c.scan_id, *columns))
        .returning(SCAN.c.id)
        .add_cte(key)
    )


def _keep_key(session: Session, scan: NewScan, scan_id: int, if_new=False) -> bool:
    """SQLite: the scan's idempotency key, after the scan; False if if_new and
    the key was taken."""
    statement = sqlite_insert(KEYS).values(
        key=scan.idempotency_key, scan_id=scan_id, scanned_at=scan.scanned_at
    )
    if if_new:
        statement = statement.on_conflict_do_nothing()
    return session.execute(statement.returning(KEYS.c.key)).first() is not None

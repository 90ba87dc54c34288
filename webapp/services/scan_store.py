"""The statements a scan costs: few round trips, the serial's lock held briefly.

A scan of a known serial is four statements on PostgreSQL: the lookup of the
code, one upsert that creates and locks the serial's aggregates, one read of
what the lock now protects (the device, the network, an earlier copy of this
request), and one statement that writes the scan and every aggregate (data-
modifying CTEs). SQLite, which has no such CTEs, runs the writes one by one.

Rows read here are plain snapshots, never objects the session would flush:
the writes are explicit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, case, insert, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.elements import BindParameter

from webapp.models import Scan, SerialDevice, SerialNetwork, SerialStats
from webapp.services.detection import NetworkState

SCAN = Scan.__table__
STATS = SerialStats.__table__
DEVICES = SerialDevice.__table__
NETWORKS = SerialNetwork.__table__

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
    return statement.on_conflict_do_update(
        index_elements=["stamp_id"], set_={"stamp_id": statement.excluded.stamp_id}
    )


# Statements of the hot path are built once (per engine and shape) and sent
# with parameters: building and hashing them anew cost more than the database.
@cache
def _lock_rows(dialect: str):
    upsert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = upsert(STATS).values(
        stamp_id=bindparam("lock_stamp"), provinces=[], flags=[]
    )
    return statement.on_conflict_do_update(
        index_elements=["stamp_id"], set_={"stamp_id": statement.excluded.stamp_id}
    ).returning(*STATS.c)


def lock_aggregates(session: Session, stamp_id: int) -> SerialStats:
    """The serial's aggregates, locked: a snapshot the session does not track."""
    session.flush()  # pending changes of this transaction come first (no query if none)
    row = session.execute(_lock_rows(_dialect(session)), {"lock_stamp": stamp_id})
    return SerialStats(**row.one()._mapping)


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
    row = session.execute(statement, params).one()
    state = None
    if row.network_seen is not None:
        state = NetworkState(
            row.steady, row.bursts, row.window_start, row.window_count, row.linked
        )
    earlier = row.Scan if key or repeat else None
    return LockedState(row.device_network, state, earlier)


@cache
def _state_statement(by_key: bool, by_view: bool):
    stamp_id: BindParameter[Any] = bindparam("st_stamp")
    anchor = select(literal(1).label("one")).subquery()
    statement = (
        select(
            DEVICES.c.network_hash.label("device_network"),
            NETWORKS.c.network_hash.label("network_seen"),
            NETWORKS.c.steady,
            NETWORKS.c.bursts,
            NETWORKS.c.window_start,
            NETWORKS.c.window_count,
            NETWORKS.c.linked,
        )
        .select_from(anchor)
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
    if not (by_key or by_view):
        return statement
    conditions = []
    if by_key:
        conditions.append(Scan.idempotency_key == bindparam("st_key"))
    if by_view:
        conditions.append(
            and_(
                Scan.stamp_id == stamp_id,
                Scan.device_hash == bindparam("st_device"),
                Scan.role == bindparam("st_role"),
                Scan.scanned_at >= bindparam("st_since", type_=Scan.scanned_at.type),
            )
        )
    first = (
        case((Scan.idempotency_key == bindparam("st_key"), 0), else_=1)
        if by_key
        else literal(1)
    )
    earlier_id = (
        select(Scan.id)
        .where(or_(*conditions))
        .order_by(first, Scan.scanned_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    return statement.add_columns(Scan).outerjoin(Scan, Scan.id == earlier_id)


@dataclass
class Writes:
    """Everything one scan of a known serial changes."""

    scan: Scan
    stats: SerialStats
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
        return session.execute(_combined_once(*shape, extra), params).scalar_one()
    pieces = _pieces(*shape)
    new_id = session.execute(pieces[0], parts[0]).scalar_one()
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
        .returning(SCAN.c.id)
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
    """One statement: the scan's insert, the others as data-modifying CTEs."""
    combined = select(statements[0].cte("new_scan").c.id)
    return combined.add_cte(
        *(other.cte(f"change_{n}") for n, other in enumerate(statements[1:]))
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


def insert_unknown(session: Session, scan: Scan) -> int | None:
    """Store the scan of a code we never issued; None when its idempotency key
    was already used (a resend racing the first copy)."""
    statement = _upsert(session)(SCAN).values(
        {name: getattr(scan, name) for name in SCAN_FIELDS}
    )
    statement = statement.on_conflict_do_nothing().returning(SCAN.c.id)
    return session.execute(statement).scalar()

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

from sqlalchemy import and_, case, insert, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

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


def lock_aggregates(session: Session, stamp_id: int) -> SerialStats:
    """The serial's aggregates, locked: a snapshot the session does not track."""
    session.flush()  # pending changes of this transaction come first (no query if none)
    row = session.execute(lock_statement(session, stamp_id).returning(*STATS.c)).one()
    return SerialStats(**row._mapping)


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
    anchor = select(literal(1).label("one")).subquery()
    columns = [
        DEVICES.c.network_hash.label("device_network"),
        NETWORKS.c.network_hash.label("network_seen"),
        NETWORKS.c.steady,
        NETWORKS.c.bursts,
        NETWORKS.c.window_start,
        NETWORKS.c.window_count,
        NETWORKS.c.linked,
    ]
    statement = (
        select(*columns)
        .select_from(anchor)
        .outerjoin(
            DEVICES,
            and_(DEVICES.c.stamp_id == stamp_id, DEVICES.c.device_hash == device),
        )
        .outerjoin(
            NETWORKS,
            and_(NETWORKS.c.stamp_id == stamp_id, NETWORKS.c.network_hash == network),
        )
    )
    earlier_id = _earlier_id(stamp_id, device, key, repeat)
    if earlier_id is not None:
        statement = statement.add_columns(Scan).outerjoin(Scan, Scan.id == earlier_id)
    row = session.execute(statement).one()
    state = None
    if row.network_seen is not None:
        state = NetworkState(
            row.steady, row.bursts, row.window_start, row.window_count, row.linked
        )
    earlier = row.Scan if earlier_id is not None else None
    return LockedState(row.device_network, state, earlier)


def _earlier_id(stamp_id, device, key, repeat):
    conditions = []
    if key:
        conditions.append(Scan.idempotency_key == key)
    if repeat:
        role, since = repeat
        conditions.append(
            and_(
                Scan.stamp_id == stamp_id,
                Scan.device_hash == device,
                Scan.role == role,
                Scan.scanned_at >= since,
            )
        )
    if not conditions:
        return None
    first = case((Scan.idempotency_key == key, 0), else_=1) if key else literal(1)
    return (
        select(Scan.id)
        .where(or_(*conditions))
        .order_by(first, Scan.scanned_at.desc())
        .limit(1)
        .scalar_subquery()
    )


@dataclass
class Writes:
    """Everything one scan of a known serial changes."""

    scan: Scan
    stats: SerialStats
    new_device: tuple[str, str, datetime] | None = None  # device, network, first seen
    network: tuple[str, NetworkState, bool] | None = None  # hash, state, row exists
    # Further INSERT/UPDATE statements of the same scan, sent in the same
    # round trip on PostgreSQL (counters kept as scans arrive, for instance).
    extra: list = field(default_factory=list)


def write(session: Session, writes: Writes) -> int:
    """Store the scan and the aggregates it changed; the new scan's id."""
    statements = _statements(writes)
    scan_insert = statements[0].returning(SCAN.c.id)
    if _dialect(session) == "postgresql":
        combined = select(scan_insert.cte("new_scan").c.id)
        combined = combined.add_cte(
            *(other.cte(f"change_{n}") for n, other in enumerate(statements[1:]))
        )
        return session.execute(combined).scalar_one()
    new_id = session.execute(scan_insert).scalar_one()
    for statement in statements[1:]:
        session.execute(statement)
    return new_id


def _statements(writes: Writes) -> list:
    scan, stats = writes.scan, writes.stats
    statements = [
        insert(SCAN).values({name: getattr(scan, name) for name in SCAN_FIELDS})
    ]
    if writes.new_device is not None:
        device, network, seen = writes.new_device
        statements.append(
            insert(DEVICES).values(
                stamp_id=stats.stamp_id,
                device_hash=device,
                network_hash=network,
                first_seen_at=seen,
            )
        )
    if writes.network is not None:
        network, state, exists = writes.network
        values = {
            "steady": state.steady,
            "bursts": state.bursts,
            "window_start": state.window_start,
            "window_count": state.window_count,
            "linked": state.linked,
        }
        if exists:
            statements.append(
                update(NETWORKS)
                .where(
                    NETWORKS.c.stamp_id == stats.stamp_id,
                    NETWORKS.c.network_hash == network,
                )
                .values(values)
            )
        else:
            statements.append(
                insert(NETWORKS).values(
                    stamp_id=stats.stamp_id, network_hash=network, **values
                )
            )
    statements.append(
        update(STATS)
        .where(STATS.c.stamp_id == stats.stamp_id)
        .values({name: getattr(stats, name) for name in STATS_FIELDS})
    )
    return statements + writes.extra


def insert_unknown(session: Session, scan: Scan) -> int | None:
    """Store the scan of a code we never issued; None when its idempotency key
    was already used (a resend racing the first copy)."""
    statement = _upsert(session)(SCAN).values(
        {name: getattr(scan, name) for name in SCAN_FIELDS}
    )
    statement = statement.on_conflict_do_nothing().returning(SCAN.c.id)
    return session.execute(statement).scalar()

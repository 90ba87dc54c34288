"""The scan table's months on PostgreSQL: partitions made ahead, old ones dropped.

On PostgreSQL `scan` is partitioned by month of scanned_at (UTC), one table
per month named scan_pYYYYMM, and a default partition `scan_default` that
takes a row no month's partition covers yet (a scan must never be refused for
want of a partition). Making a month's partition moves the rows the default
holds for it. Retention drops whole months, so deleting old scans costs no
row-by-row delete. On SQLite, and on a plain table, everything here is a no-op.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

MONTHS_AHEAD = 3
DEFAULT = "scan_default"
_MONTH_NAME = re.compile(r"^scan_p(\d{4})(\d{2})$")
# DDL on the partitioned table waits for its strongest lock behind running
# queries, and every new scan would queue behind it: better to give up and
# try again at the next run.
LOCK_TIMEOUT = "5s"


def is_partition(name: str) -> bool:
    """A table that is one of scan's partitions (not a table of the models)."""
    return name == DEFAULT or _MONTH_NAME.match(name) is not None


def include_name(name: str, type_: str, parent_names: dict) -> bool:
    """For Alembic's comparison of models and database: partitions are not models."""
    return not (type_ == "table" and is_partition(name))


def partition_name(month: date) -> str:
    return f"scan_p{month.year:04d}{month.month:02d}"


def month_of(at: datetime) -> date:
    at = at.astimezone(UTC)
    return date(at.year, at.month, 1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def partitioned(session: Session) -> bool:
    if session.get_bind().dialect.name != "postgresql":
        return False
    return bool(
        session.scalar(
            text(
                "SELECT EXISTS (SELECT 1 FROM pg_partitioned_table"
                " WHERE partrelid = to_regclass('scan'))"
            )
        )
    )


def months(session: Session) -> list[date]:
    """The months that have a partition, in order."""
    if not partitioned(session):
        return []
    names = session.scalars(
        text(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " WHERE i.inhparent = to_regclass('scan')"
        )
    )
    found = (_MONTH_NAME.match(name) for name in names)
    return sorted(date(int(m[1]), int(m[2]), 1) for m in found if m)


@dataclass(frozen=True)
class Made:
    months: list[date]  # partitions made
    moved: int  # rows moved there from the default partition


def make_ahead(
    session: Session,
    now: datetime,
    ahead: int = MONTHS_AHEAD,
    since: datetime | None = None,
) -> Made:
    """Partitions for this month and `ahead` months after it (and every month
    from `since`, if given), and for every month the default partition holds
    rows of (moved into their month). The caller commits."""
    if not partitioned(session):
        return Made([], 0)
    session.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
    wanted = {month_of(min(since or now, now))}
    for _ in range(ahead + _months_between(min(wanted), month_of(now))):
        wanted.add(next_month(max(wanted)))
    waiting = session.scalars(
        text(
            "SELECT DISTINCT date_trunc('month', scanned_at AT TIME ZONE 'UTC')"
            f" FROM {DEFAULT}"
        )
    )
    stray = {moment.date() for moment in waiting}
    made, moved = [], 0
    for month in sorted((wanted | stray) - set(months(session))):
        moved += _make(session, month, month in stray)
        made.append(month)
    return Made(made, moved)


def _months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def _bounds(month: date) -> str:
    return f"FROM ('{month.isoformat()} 00:00+00') TO ('{next_month(month)} 00:00+00')"


def _make(session: Session, month: date, has_rows: bool) -> int:
    name = partition_name(month)
    if not has_rows:
        session.execute(
            text(f"CREATE TABLE {name} PARTITION OF scan FOR VALUES {_bounds(month)}")
        )
        return 0
    # A new partition may not cover rows the default holds: they move first,
    # with the default locked against new rows of that month meanwhile.
    session.execute(text(f"LOCK TABLE {DEFAULT} IN EXCLUSIVE MODE"))
    session.execute(text(f"CREATE TABLE {name} (LIKE scan INCLUDING DEFAULTS)"))
    moved = session.execute(
        text(
            f"WITH moved AS (DELETE FROM {DEFAULT}"
            " WHERE scanned_at >= :start AND scanned_at < :end RETURNING *)"
            f" INSERT INTO {name} SELECT * FROM moved"
        ),
        {"start": _utc(month), "end": _utc(next_month(month))},
    ).rowcount  # type: ignore[attr-defined]  # SQLAlchemy types it as Result; it is a CursorResult
    session.execute(
        text(f"ALTER TABLE scan ATTACH PARTITION {name} FOR VALUES {_bounds(month)}")
    )
    return moved or 0


def _utc(month: date) -> datetime:
    return datetime(month.year, month.month, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Dropped:
    months: list[date]
    scans: int  # rows they held


def drop_before(session: Session, cutoff: datetime) -> Dropped:
    """Drop the partitions of months wholly before cutoff; the caller deletes
    the older rows of the month at the boundary and of the default partition,
    and commits."""
    if not partitioned(session):
        return Dropped([], 0)
    session.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
    old = [month for month in months(session) if _utc(next_month(month)) <= cutoff]
    scans = 0
    for month in old:
        name = partition_name(month)
        scans += session.scalar(text(f"SELECT count(*) FROM {name}"))
        session.execute(text(f"DROP TABLE {name}"))
    return Dropped(old, scans)

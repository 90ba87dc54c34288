"""Daily scan counts kept beside the raw scans, for dashboards flat in history.

Each scan adds one to its row (day in Vietnam time, province, product, role,
verdict) in the scan's own transaction; `catch_up` recounts a bounded range of
days from the raw scans, for a periodic job or after a bulk load. Dashboards
read these rows, a few hundred per week of history they show, however many
scans are stored.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from sqlalchemy import Date, case, cast, delete, func, literal, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from webapp.models import Batch, Product, Scan, ScanRollup, Stamp
from webapp.models.rollups import NO_PRODUCT, NO_PROVINCE
from webapp.services.clock import VIETNAM

KEY = ("day", "province_code", "product_id", "role", "verdict")
# How many days a periodic catch-up recounts: today and yesterday cover a
# job that ran late across midnight.
CATCH_UP_DAYS = 2


def local_day(moment: datetime) -> date:
    """The day in Vietnam a moment falls on, as the dashboards bin it."""
    return moment.astimezone(VIETNAM).date()


def count(
    session: Session,
    *,
    at: datetime,
    province: str | None,
    product_id: int | None,
    role: str,
    verdict: str,
) -> None:
    """Add one scan to its day's row, inside the caller's transaction.

    The row stays locked until commit, so call this last before committing.
    """
    insert = _insert_for(session)
    statement = insert(ScanRollup).values(
        day=local_day(at),
        province_code=province or NO_PROVINCE,
        product_id=product_id or NO_PRODUCT,
        role=role,
        verdict=verdict,
        scans=1,
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=list(KEY), set_={"scans": ScanRollup.scans + 1}
        )
    )


def catch_up(session: Session, today: date, days: int = CATCH_UP_DAYS) -> int:
    """Recount the last `days` days up to today from the raw scans; the caller
    commits. What a periodic job calls. Returns the rows written."""
    return rebuild(session, today - timedelta(days=days - 1), today)


def rebuild(session: Session, first: date, last: date) -> int:
    """Recount the days first..last (Vietnam time) from the raw scans; the
    caller commits. Returns the rows written.

    Days whose raw scans were already pruned would lose their counts: callers
    keep `first` after the retention cutoff. Scans arriving meanwhile are
    counted once: on PostgreSQL the table is locked against their upserts
    until commit (they wait, then add to the recounted rows); SQLite writes
    one transaction at a time anyway.
    """
    if first > last:
        return 0
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE scan_rollup IN SHARE ROW EXCLUSIVE MODE"))
    session.execute(
        delete(ScanRollup).where(ScanRollup.day >= first, ScanRollup.day <= last)
    )
    start = datetime.combine(first, datetime.min.time(), VIETNAM)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), VIETNAM)
    grouped = recount_query(session.get_bind().dialect.name).where(
        Scan.scanned_at >= start, Scan.scanned_at < end
    )
    session.execute(
        _insert_for(session)(ScanRollup).from_select([*KEY, "scans"], grouped)
    )
    return session.scalar(
        select(func.count())
        .select_from(ScanRollup)
        .where(ScanRollup.day >= first, ScanRollup.day <= last)
    )


def recount_query(dialect: str):
    """Raw scans grouped as the rollup keys them (filter it by time)."""
    day = day_of(Scan.scanned_at, dialect)
    province = func.coalesce(Scan.province_code, literal(NO_PROVINCE))
    product = func.coalesce(Batch.product_id, literal(NO_PRODUCT))
    return (
        select(day, province, product, Scan.role, Scan.verdict, func.count())
        .select_from(Scan)
        .outerjoin(Stamp, Scan.stamp_id == Stamp.id)
        .outerjoin(Batch, Stamp.batch_id == Batch.id)
        .group_by(day, province, product, Scan.role, Scan.verdict)
    )


def day_of(column, dialect: str):
    """SQL for the day in Vietnam of a stored UTC time."""
    if dialect == "postgresql":
        return cast(func.timezone("Asia/Ho_Chi_Minh", column), Date)
    # SQLite keeps UTC text; Vietnam has been UTC+7 all year since 1975.
    return func.date(column, "+7 hours")


def shopper_scans_per_day(
    session: Session, since: date, organisation_id: int | None = None
) -> Counter[date]:
    """Shopper scans per day from `since` on, optionally of one producer's codes."""
    query = (
        select(ScanRollup.day, func.sum(ScanRollup.scans))
        .where(ScanRollup.role == "shopper", ScanRollup.day >= since)
        .group_by(ScanRollup.day)
    )
    query = _of_organisation(query, organisation_id)
    return Counter({day: int(total) for day, total in session.execute(query)})


def shopper_scans_by_province(
    session: Session, since: date, organisation_id: int | None = None
) -> list[tuple[str, int, int]]:
    """(province code, shopper scans, flagged scans) from `since` on, busiest first."""
    total = func.sum(ScanRollup.scans)
    flagged = func.sum(
        case((ScanRollup.verdict != "authentic", ScanRollup.scans), else_=0)
    )
    query = (
        select(ScanRollup.province_code, total, flagged)
        .where(
            ScanRollup.role == "shopper",
            ScanRollup.day >= since,
            ScanRollup.province_code != NO_PROVINCE,
        )
        .group_by(ScanRollup.province_code)
        .order_by(total.desc(), ScanRollup.province_code)
    )
    query = _of_organisation(query, organisation_id)
    return [
        (code, int(scans), int(flagged or 0))
        for code, scans, flagged in session.execute(query)
    ]


def _of_organisation(query, organisation_id: int | None):
    if organisation_id is None:
        return query
    return query.join(Product, Product.id == ScanRollup.product_id).where(
        Product.organisation_id == organisation_id
    )


def _insert_for(session: Session):
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert
    return sqlite_insert

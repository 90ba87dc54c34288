"""Weekly scan counts kept beside the raw scans, for dashboards flat in history.

Each scan adds one to its week's rows (week in Vietnam time, organisation,
province, role, verdict) in the scan's own transaction: the row of every code
and, for an issued stamp, its producer's row. `catch_up` and `rebuild` recount
whole weeks from the raw scans, for a periodic job or after a bulk load.
Dashboards read these rows: at most weeks × provinces × roles × verdicts for
one organisation (or for all), however many scans are stored.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    Date,
    bindparam,
    case,
    cast,
    delete,
    func,
    literal,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from webapp.models import Batch, Product, Scan, ScanRollup, Stamp
from webapp.models.rollups import EVERY_ORGANISATION, NO_PROVINCE
from webapp.services.common.clock import VIETNAM

KEY = ("week", "organisation_id", "province_code", "role", "verdict")
# How many days a periodic catch-up covers: the weeks holding today and
# yesterday (a job that ran late across midnight on a Sunday).
CATCH_UP_DAYS = 2


def local_day(moment: datetime) -> date:
    """The day in Vietnam a moment falls on, as the dashboards bin it."""
    return moment.astimezone(VIETNAM).date()


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_of(moment: datetime) -> date:
    """The Monday (Vietnam time) of the week a moment falls in."""
    return monday_of(local_day(moment))


def counted(
    session: Session,
    *,
    at: datetime,
    province: str | None,
    organisation_id: int | None,
    role: str,
    verdict: str,
) -> tuple[Any, dict]:
    """The statement that adds one scan to its week's rows, and its parameters,
    for the scan's own transaction; built once per shape, so sending it costs no
    compiling. The rows stay locked until commit, so send it last before
    committing; every transaction locks the every-code row first, so two never
    deadlock."""
    params = {
        "ru_week": week_of(at),
        "ru_province": province or NO_PROVINCE,
        "ru_role": role,
        "ru_verdict": verdict,
    }
    if organisation_id:
        params["ru_organisation"] = organisation_id
    dialect = session.get_bind().dialect.name
    return _count_statement(dialect, bool(organisation_id)), params


@cache
def _count_statement(dialect: str, with_producer: bool):
    # INSERT … SELECT rather than a multi-row VALUES, which SQLAlchemy never
    # caches compiled: that cost more CPU than the scan's whole database work.
    # The rows come in the order of the UNION ALL: every code's row first.
    def row(organisation):
        return select(
            bindparam("ru_week", type_=Date).label("week"),
            organisation.label("organisation_id"),
            bindparam("ru_province").label("province_code"),
            bindparam("ru_role").label("role"),
            bindparam("ru_verdict").label("verdict"),
            literal(1).label("scans"),
        )

    rows = [row(literal(EVERY_ORGANISATION))]
    if with_producer:
        rows.append(row(bindparam("ru_organisation")))
    source = union_all(*rows).subquery() if len(rows) > 1 else rows[0].subquery()
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    table = ScanRollup.__table__  # Core: the ORM would read the parameters as a row
    # WHERE true: SQLite reads ON CONFLICT after a bare SELECT as a join clause.
    statement = insert(table).from_select([*KEY, "scans"], select(source).where(true()))
    return statement.on_conflict_do_update(
        index_elements=list(KEY),
        set_={"scans": table.c.scans + statement.excluded.scans},
    )


def catch_up(session: Session, today: date, days: int = CATCH_UP_DAYS) -> int:
    """Recount the weeks holding the last `days` days up to today from the raw
    scans; the caller commits. What a periodic job calls. Returns rows written."""
    return rebuild(session, today - timedelta(days=days - 1), today)


def rebuild(session: Session, first: date, last: date) -> int:
    """Recount every week holding a day from first to last (Vietnam time) from
    the raw scans; the caller commits. Returns the rows written.

    Weeks whose raw scans were partly pruned would lose counts: callers keep
    `first` in a week after the retention cutoff. Scans arriving meanwhile are
    counted once: on PostgreSQL the table is locked against their upserts
    until commit (they wait, then add to the recounted rows); SQLite writes
    one transaction at a time anyway.
    """
    first_week, last_week = monday_of(first), monday_of(last)
    if first_week > last_week:
        return 0
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("LOCK TABLE scan_rollup IN SHARE ROW EXCLUSIVE MODE"))
    in_range = (ScanRollup.week >= first_week, ScanRollup.week <= last_week)
    session.execute(delete(ScanRollup).where(*in_range))
    start = datetime.combine(first_week, datetime.min.time(), VIETNAM)
    end = datetime.combine(last_week + timedelta(weeks=1), datetime.min.time(), VIETNAM)
    session.execute(
        _insert_for(session)(ScanRollup).from_select(
            [*KEY, "scans"], recount_query(dialect, start, end)
        )
    )
    return session.execute(
        select(func.count()).select_from(ScanRollup).where(*in_range)
    ).scalar_one()


def recount_query(dialect: str, start: datetime, end: datetime):
    """Raw scans received in [start, end) grouped as the rollup keys them."""
    week = week_sql(Scan.scanned_at, dialect)
    province = func.coalesce(Scan.province_code, literal(NO_PROVINCE))
    window = (Scan.scanned_at >= start, Scan.scanned_at < end)
    every = (
        select(
            week,
            literal(EVERY_ORGANISATION),
            province,
            Scan.role,
            Scan.verdict,
            func.count(),
        )
        .where(*window)
        .group_by(week, province, Scan.role, Scan.verdict)
    )
    own = (
        select(
            week,
            Product.organisation_id,
            province,
            Scan.role,
            Scan.verdict,
            func.count(),
        )
        .join(Stamp, Scan.stamp_id == Stamp.id)
        .join(Batch, Stamp.batch_id == Batch.id)
        .join(Product, Batch.product_id == Product.id)
        .where(*window)
        .group_by(week, Product.organisation_id, province, Scan.role, Scan.verdict)
    )
    return union_all(every, own)


def week_sql(column, dialect: str):
    """SQL for the Monday (Vietnam time) of the week of a stored UTC time."""
    if dialect == "postgresql":
        local = func.timezone("Asia/Ho_Chi_Minh", column)
        return cast(func.date_trunc("week", local), Date)
    # SQLite keeps UTC text; Vietnam has been UTC+7 all year since 1975. The
    # next Sunday (or the day itself), less six days, is the week's Monday.
    return func.date(column, "+7 hours", "weekday 0", "-6 days")


def shopper_scans_per_week(
    session: Session, since: date, organisation_id: int | None = None
) -> Counter[date]:
    """Shopper scans per week from the week of `since` on, optionally of one
    producer's codes."""
    query = (
        select(ScanRollup.week, func.sum(ScanRollup.scans))
        .where(
            ScanRollup.organisation_id == (organisation_id or EVERY_ORGANISATION),
            ScanRollup.role == "shopper",
            ScanRollup.week >= since,
        )
        .group_by(ScanRollup.week)
    )
    return Counter({week: int(total) for week, total in session.execute(query)})


def shopper_scans_by_province(
    session: Session, since: date, organisation_id: int | None = None
) -> list[tuple[str, int, int]]:
    """(province code, shopper scans, flagged scans) from the week of `since`
    on, busiest first."""
    total = func.sum(ScanRollup.scans)
    flagged = func.sum(
        case((ScanRollup.verdict != "authentic", ScanRollup.scans), else_=0)
    )
    query = (
        select(ScanRollup.province_code, total, flagged)
        .where(
            ScanRollup.organisation_id == (organisation_id or EVERY_ORGANISATION),
            ScanRollup.role == "shopper",
            ScanRollup.week >= since,
            ScanRollup.province_code != NO_PROVINCE,
        )
        .group_by(ScanRollup.province_code)
        .order_by(total.desc(), ScanRollup.province_code)
    )
    return [
        (code, int(scans), int(flagged or 0))
        for code, scans, flagged in session.execute(query)
    ]


def _insert_for(session: Session):
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert
    return sqlite_insert

"""The province's traceability programme in numbers, against its targets.

Targets (Hưng Yên's plan under the national scheme): more than 50 % of key
products, OCOP products and essential pre-packaged goods with traceability
data by 2025, 100 % of OCOP and essential goods by 2030, and 50 % of
producers in the plan's sectors trained in traceability standards by 2025;
per kind and sector in programme/coverage.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from webapp.models import (
    Alert,
    Batch,
    Case,
    Organisation,
    Product,
    Stamp,
    TrainingAttendance,
)
from webapp.services.catalog import completeness
from webapp.services.common.clock import VIETNAM
from webapp.services.programme import coverage
from webapp.services.scans import rollups


@dataclass(frozen=True)
class Share:
    done: int
    total: int

    @property
    def ratio(self) -> float:
        return self.done / self.total if self.total else 0.0


def products_with_complete_data(session: Session, now: datetime) -> tuple[Share, list]:
    """Share of products whose data has every item the Circular requires."""
    products = session.scalars(
        select(Product)
        .options(
            selectinload(Product.organisation),
            selectinload(Product.batches).selectinload(Batch.events),
        )
        .order_by(Product.id)
    ).all()
    rows = [(product, completeness.is_complete(product, now)) for product in products]
    return Share(sum(1 for _, done in rows if done), len(rows)), rows


def producers_trained(session: Session) -> Share:
    """Producers in the plan's named sectors who attended training."""
    in_scope = select(Organisation.id).where(
        Organisation.sector.in_(coverage.NAMED_SECTORS)
    )
    total = session.scalar(
        select(func.count(Organisation.id)).where(Organisation.id.in_(in_scope))
    )
    trained = session.scalar(
        select(func.count(func.distinct(TrainingAttendance.organisation_id))).where(
            TrainingAttendance.organisation_id.in_(in_scope)
        )
    )
    return Share(trained or 0, total or 0)


@dataclass(frozen=True)
class Week:
    start: date
    scans: int
    alerts: int


WEEKS = 12  # the dashboards' window


def window_start(today: date, weeks: int = WEEKS) -> datetime:
    """Monday 00:00 (Vietnam time) of the first of the last `weeks` weeks."""
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    return datetime.combine(first, datetime.min.time(), VIETNAM)


def weekly(
    session: Session,
    today: date,
    weeks: int = WEEKS,
    organisation_id: int | None = None,
) -> list[Week]:
    """Shopper scans and new alerts per week (Monday to Sunday, Vietnam time)."""
    since = window_start(today, weeks)
    starts = [since.date() + timedelta(weeks=n) for n in range(weeks)]
    alert_query = select(Alert.raised_at).where(Alert.raised_at >= since)
    if organisation_id is not None:
        alert_query = alert_query.join(Case, Alert.case_id == Case.id).where(
            Case.stamp_id.in_(_stamps_of(organisation_id))
        )
    scans = rollups.shopper_scans_per_week(session, since.date(), organisation_id)
    alerts = _per_week(session.scalars(alert_query))
    return [Week(start, scans[start], alerts[start]) for start in starts]


def by_province(
    session: Session, since: datetime, organisation_id: int | None = None
) -> list[tuple[str, int, int]]:
    """(province code, shopper scans, flagged scans) since the start of a week
    (window_start), busiest first."""
    return rollups.shopper_scans_by_province(
        session, since.astimezone(VIETNAM).date(), organisation_id
    )


def _stamps_of(organisation_id: int):
    return (
        select(Stamp.id)
        .join(Batch, Stamp.batch_id == Batch.id)
        .join(Product, Batch.product_id == Product.id)
        .where(Product.organisation_id == organisation_id)
    )


def _per_week(moments) -> Counter[date]:
    """How many moments fall in each week, keyed by its Monday (Vietnam time)."""
    days = (moment.astimezone(VIETNAM).date() for moment in moments)
    return Counter(day - timedelta(days=day.weekday()) for day in days)

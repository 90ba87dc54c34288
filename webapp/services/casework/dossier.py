"""An inspector's dossier for one serial: its scan trail, reports and inspections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from webapp.models import Case, Inspection, Report, Scan, Stamp, User
from webapp.services.casework.cases import visible_to
from webapp.services.places.geo import distance_km

TRAIL_LIMIT = 200


@dataclass(frozen=True)
class TrailPoint:
    """One scan as the dossier lists it; phones are numbered, never identified."""

    at: datetime
    role: str
    phone: int
    province: str | None
    lat: float | None
    lon: float | None
    km_from_previous: float | None
    kmh_from_previous: float | None
    verdict: str


def trail(session: Session, stamp: Stamp) -> list[TrailPoint]:
    """The stamp's scans, oldest first, with distance and speed between them."""
    scans = list(
        reversed(
            session.scalars(
                select(Scan)
                .where(Scan.stamp_id == stamp.id)
                .order_by(Scan.scanned_at.desc())
                .limit(TRAIL_LIMIT)
            ).all()
        )
    )
    phones: dict[str, int] = {}
    points = []
    previous = None
    for scan in scans:
        phone = phones.setdefault(scan.device_hash, len(phones) + 1)
        km = kmh = None
        if scan.latitude is not None and previous is not None:
            km = distance_km(
                previous.latitude, previous.longitude, scan.latitude, scan.longitude
            )
            hours = (scan.scanned_at - previous.scanned_at).total_seconds() / 3600
            kmh = km / hours if hours > 0 else None
        if scan.latitude is not None:
            previous = scan
        points.append(
            TrailPoint(
                scan.scanned_at,
                scan.role,
                phone,
                scan.province_code,
                scan.latitude,
                scan.longitude,
                km,
                kmh,
                scan.verdict,
            )
        )
    return points


def reports_about(session: Session, stamp: Stamp, user: User) -> list[Report]:
    """Reports naming this serial, or this batch without a serial, whose case
    the user may see (any inspector may open a dossier, not every case)."""
    batch = stamp.batch
    gtin = batch.product.gtin
    return list(
        session.scalars(
            select(Report)
            .where(
                or_(
                    (Report.serial == stamp.serial)
                    & (Report.gtin.is_(None) | (Report.gtin == gtin)),
                    (Report.gtin == gtin) & (Report.lot == batch.lot_code),
                ),
                Report.case_id.in_(select(Case.id).where(visible_to(user))),
            )
            .order_by(Report.created_at.desc())
        )
    )


def inspections_of(session: Session, stamp: Stamp) -> list[Inspection]:
    return list(
        session.scalars(
            select(Inspection)
            .where(Inspection.stamp_id == stamp.id)
            .order_by(Inspection.at.desc())
        )
    )


def devices_seen(points: list[TrailPoint]) -> int:
    return len({point.phone for point in points})

"""A reload or a language switch of a story is the same page view, not a new scan."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, literal, or_, select
from sqlalchemy.orm import Session

from webapp.models import Scan, SerialStats
from webapp.services.resolution import Resolution


def earlier_view(
    session: Session,
    resolution: Resolution,
    device: str,
    role: str,
    since: datetime,
    key: str | None = None,
) -> tuple[Scan, SerialStats | None] | None:
    """This device's latest scan of the same code, in the same role, since `since`
    (or the scan this idempotency key already recorded), with the serial's
    aggregates as they are now. Read without locking anything."""
    if resolution.stamp is not None:
        code = Scan.stamp_id == resolution.stamp.id
    else:
        link = resolution.link
        code = and_(
            Scan.stamp_id.is_(None), Scan.gtin == link.gtin, Scan.serial == link.serial
        )
    condition = and_(
        Scan.device_hash == device, Scan.role == role, Scan.scanned_at >= since, code
    )
    if key:
        condition = or_(Scan.idempotency_key == key, condition)
    first = case((Scan.idempotency_key == key, 0), else_=1) if key else literal(1)
    found = session.execute(
        select(Scan, SerialStats)
        .outerjoin(SerialStats, SerialStats.stamp_id == Scan.stamp_id)
        .where(condition)
        .order_by(first, Scan.scanned_at.desc())
        .limit(1)
    ).first()
    return None if found is None else (found.Scan, found.SerialStats)

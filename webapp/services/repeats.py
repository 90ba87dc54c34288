"""A reload or a language switch of a story is the same page view, not a new scan."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Scan
from webapp.services.resolution import Resolution


def earlier_view(
    session: Session, resolution: Resolution, device: str, role: str, since: datetime
) -> Scan | None:
    """This device's latest scan of the same code, in the same role, since `since`."""
    same = select(Scan).where(
        Scan.device_hash == device, Scan.role == role, Scan.scanned_at >= since
    )
    if resolution.stamp is not None:
        same = same.where(Scan.stamp_id == resolution.stamp.id)
    else:
        link = resolution.link
        same = same.where(Scan.gtin == link.gtin, Scan.serial == link.serial)
    return session.scalar(same.order_by(Scan.scanned_at.desc()).limit(1))

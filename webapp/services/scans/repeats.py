"""A reload or a language switch of a story is the same page view, not a new scan."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Scan, SerialStats
from webapp.services.catalog.resolution import Resolution
from webapp.services.scans.scan_store import earlier_scan, same_scan


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
    same = select(Scan.id, Scan.scanned_at).where(
        Scan.device_hash == device, Scan.role == role, Scan.scanned_at >= since
    )
    if resolution.stamp_id is not None:
        same = same.where(Scan.stamp_id == resolution.stamp_id)
    else:
        link = resolution.link
        same = same.where(
            Scan.stamp_id.is_(None), Scan.gtin == link.gtin, Scan.serial == link.serial
        )
    earlier = earlier_scan(key or None, same)
    found = session.execute(
        select(Scan, SerialStats)
        .join(earlier, same_scan(earlier))
        .outerjoin(SerialStats, SerialStats.stamp_id == Scan.stamp_id)
    ).first()
    return None if found is None else (found.Scan, found.SerialStats)

"""Delete raw scan detail after the retention period; the aggregates stay."""

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from webapp.models import Scan


def prune_scans(session: Session, now: datetime, retention_days: int) -> int:
    """Delete scans older than the retention period; return how many went."""
    cutoff = now - timedelta(days=retention_days)
    result = session.execute(delete(Scan).where(Scan.scanned_at < cutoff))
    return result.rowcount or 0

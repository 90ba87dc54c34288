"""A human's "genuine" clears the doubts that scans had raised about a serial.

The scans and the evidence stay (the audit entry keeps what was cleared); only
what the rules count from then on starts again: devices counted before the
finding no longer make duplicates, earlier out-of-region sources and travel
conflicts no longer count, and a latched PIN-claim flag is lifted.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import SerialStats
from webapp.services.scans.evidence import Evidence, cleared


def clear_doubts(session: Session, stamp_id: int, at: datetime) -> dict | None:
    """Clear the serial's behaviour doubts; what was cleared, for the audit log."""
    stats = session.scalars(
        select(SerialStats)
        .where(SerialStats.stamp_id == stamp_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
    if stats is None:
        return None
    found = Evidence.from_json(stats.evidence)
    before = {
        "flags": list(stats.flags or []),
        "effective_devices": stats.effective_devices,
        "counted_before": stats.cleared_devices or 0,
        "evidence": found.to_json(),
    }
    stats.flags = []
    stats.cleared_devices = stats.effective_devices
    stats.evidence = cleared(found).to_json()
    stats.cleared_at = at
    return before

"""The audit log: who did what to which record, appended with the change itself."""

from __future__ import annotations

from sqlalchemy.orm import Session

from webapp.models import AuditEntry, User


def audit(
    session: Session,
    user: User | None,
    action: str,
    target_type: str,
    target_id: int,
    **details,
) -> AuditEntry:
    """Append to the audit log (the caller commits with the change it records)."""
    entry = AuditEntry(
        user=user,
        action=action,
        target_type=target_type,
        target_id=target_id,
        details=details,
    )
    session.add(entry)
    return entry

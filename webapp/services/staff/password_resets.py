"""Reset links an administrator makes for a staff member: single use, short-lived."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from webapp.models import PasswordReset, User, utcnow
from webapp.services.common.audit import audit
from webapp.services.staff.accounts import set_password

LIFETIME = timedelta(hours=1)
TOKEN_PATTERN_LENGTH = 43  # secrets.token_urlsafe(32)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(
    session: Session, user: User, admin: User, now: datetime | None = None
) -> str:
    """A new reset token for user (shown once); earlier unused ones stop working."""
    now = now or utcnow()
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    session.add(
        PasswordReset(
            user_id=user.id,
            token_hash=_hash(token),
            created_by_id=admin.id,
            created_at=now,
            expires_at=now + LIFETIME,
        )
    )
    audit(session, admin, "user.reset_link", "user", user.id)
    return token


def find(
    session: Session, token: str, now: datetime | None = None
) -> PasswordReset | None:
    """The unused, unexpired reset of token, or None."""
    if not 20 <= len(token) <= 100:
        return None
    found = session.scalar(
        select(PasswordReset).where(PasswordReset.token_hash == _hash(token))
    )
    now = now or utcnow()
    if found is None or found.used_at is not None or found.expires_at <= now:
        return None
    if not found.user.active:
        return None
    return found


def use(session: Session, reset: PasswordReset, password: str) -> None:
    """Set the new password (raises PasswordRefused) and spend the link."""
    set_password(reset.user, password)
    reset.used_at = utcnow()
    audit(session, reset.user, "user.password_reset", "user", reset.user_id)

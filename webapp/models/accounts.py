"""Staff accounts (consumers stay anonymous) and the audit log of their actions."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import Model
from webapp.models.catalog import Organisation
from webapp.models.types import UTCDateTime, utcnow

ROLES = ("inspector", "producer", "admin")


class User(UserMixin, Model):
    """A market inspector, a producer's staff member or an administrator."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(12))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Part of the session's user id: raising it (sign-out, new password) ends
    # every session the account has, wherever its cookie was copied to.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Wrong passwords in a row, and until when the account is then closed.
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation | None] = relationship()
    provinces: Mapped[list[InspectorProvince]] = relationship(
        cascade="all, delete-orphan", order_by="InspectorProvince.province_code"
    )

    __table_args__ = (
        CheckConstraint(
            "role IN ('inspector', 'producer', 'admin')", name="role_known"
        ),
        CheckConstraint(
            "role != 'producer' OR organisation_id IS NOT NULL",
            name="producer_has_organisation",
        ),
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        """Flask-Login's id in the session: the account and its session version."""
        return f"{self.id}.{self.session_version}"

    @property
    def province_codes(self) -> list[str]:
        return sorted(p.province_code for p in self.provinces)


class InspectorProvince(Model):
    """A province an inspector covers."""

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    province_code: Mapped[str] = mapped_column(String(2), primary_key=True)


class AuditEntry(Model):
    """Who did what to which record, and when; never updated or deleted."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int] = mapped_column()
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    user: Mapped[User | None] = relationship()


class PasswordReset(Model):
    """A single-use, short-lived link an administrator made for an account.

    Only the token's hash is kept: the link is shown once, to the administrator.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id])

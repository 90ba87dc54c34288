"""Traceability training sessions for producers, and who attended."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import Model
from webapp.models.catalog import Organisation
from webapp.models.types import UTCDateTime, utcnow


class TrainingSession(Model):
    """A session on traceability standards (TCVN, GS1, EPCIS) held for producers."""

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date]
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200))
    province_code: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    attendees: Mapped[list[TrainingAttendance]] = relationship(
        cascade="all, delete-orphan"
    )


class TrainingAttendance(Model):
    """A producer that sent someone to a session."""

    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id"), primary_key=True, index=True
    )

    organisation: Mapped[Organisation] = relationship()

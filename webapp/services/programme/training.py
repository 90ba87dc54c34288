"""Traceability training for producers: sessions held and who attended.

They count toward the programme's 2025 target of producers trained.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from webapp.models import Organisation, TrainingAttendance, TrainingSession, User
from webapp.services.common.audit import audit


@dataclass(frozen=True)
class TrainingInput:
    """A session as the administrator entered it, already validated by the form."""

    held_on: date
    title: str
    place: str
    province_code: str
    organisation_ids: Iterable[int]


def record_session(session: Session, data: TrainingInput, by: User) -> TrainingSession:
    """Add the session with its attendees, and audit it (the caller commits)."""
    attended = sorted(set(data.organisation_ids))
    held = TrainingSession(
        held_on=data.held_on,
        title=data.title.strip(),
        place=data.place.strip(),
        province_code=data.province_code,
        attendees=[TrainingAttendance(organisation_id=i) for i in attended],
    )
    session.add(held)
    session.flush()
    audit(
        session,
        by,
        "training.record",
        "training",
        held.id,
        held_on=data.held_on.isoformat(),
        organisations=attended,
    )
    return held


def sessions(session: Session) -> list[TrainingSession]:
    """Every session with who attended, the latest first."""
    return list(
        session.scalars(
            select(TrainingSession)
            .options(
                selectinload(TrainingSession.attendees).selectinload(
                    TrainingAttendance.organisation
                )
            )
            .order_by(TrainingSession.held_on.desc())
        )
    )


def organisations(session: Session) -> list[Organisation]:
    """The producers who may have attended, by name."""
    return list(session.scalars(select(Organisation).order_by(Organisation.name)))

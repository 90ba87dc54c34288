"""What an inspector records in the field: inspections, seizures, PIN resets."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from webapp.models import INSPECTION_RESULTS, Inspection, JourneyEvent, Stamp, User
from webapp.services import regions
from webapp.services.cases import audit, change_status, open_case
from webapp.services.scanning import locked_stats

DISPOSITIONS = {
    "genuine": "conformant",
    "suspected": "non_conformant",
    "counterfeit_seized": "non_conformant",
}


class InspectionError(ValueError):
    """The inspection cannot be recorded as given; `code` says why."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


def record_inspection(
    session: Session,
    stamp: Stamp,
    inspector: User,
    result: str,
    place: str,
    province_code: str | None,
    note: str,
    at: datetime,
    photo_path: str | None = None,
) -> Inspection:
    """Store the inspection and its EPCIS event; a seizure marks the serial fake."""
    if result not in INSPECTION_RESULTS:
        raise InspectionError("unknown_result")
    if not place.strip():
        raise InspectionError("place_required")
    if province_code and not regions.is_province_code(province_code):
        raise InspectionError("unknown_province")
    event = JourneyEvent(
        batch_id=stamp.batch_id,
        stamp_id=stamp.id,
        event_id=f"urn:uuid:{uuid.uuid4()}",
        event_type="ObjectEvent",
        action="OBSERVE",
        biz_step="inspecting",
        disposition=DISPOSITIONS[result],
        event_time=at,
        event_tz_offset="+07:00",
        place_vi=place.strip(),
        province_code=province_code,
        note_vi=note.strip() or None,
    )
    session.add(event)
    session.flush()
    inspection = Inspection(
        stamp_id=stamp.id,
        inspector=inspector,
        at=at,
        result=result,
        note=note.strip() or None,
        place=place.strip(),
        province_code=province_code,
        photo_path=photo_path,
        event_id=event.id,
    )
    session.add(inspection)
    session.flush()
    audit(
        session,
        inspector,
        "inspection.record",
        "stamp",
        stamp.id,
        inspection=inspection.id,
        result=result,
    )
    if result == "counterfeit_seized":
        stamp.confirmed_fake_at = at
        case = open_case(session, stamp, stamp.batch)
        session.flush()
        change_status(
            session,
            case,
            inspector,
            "confirmed_fake",
            note.strip() or f"Seized at {place.strip()}",
        )
    return inspection


def reset_pin_claim(
    session: Session, stamp: Stamp, inspector: User, reason: str
) -> None:
    """Undo a PIN claim made by the wrong phone (the buyer keeps the real item)."""
    if not reason.strip():
        raise InspectionError("reason_required")
    stats = locked_stats(session, stamp.id)
    if stats.claimed_device_hash is None:
        raise InspectionError("not_claimed")
    before = stats.claimed_at.isoformat() if stats.claimed_at else None
    stats.claimed_device_hash = None
    stats.claimed_at = None
    stats.claimed_province_code = None
    stats.flags = [flag for flag in (stats.flags or []) if flag != "claimed_elsewhere"]
    audit(
        session,
        inspector,
        "stamp.pin_reset",
        "stamp",
        stamp.id,
        reason=reason.strip(),
        claimed_at=before,
    )

"""What an inspector records in the field: inspections, seizures, PIN resets."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from webapp.models import (
    INSPECTION_RESULTS,
    Case,
    Inspection,
    JourneyEvent,
    Stamp,
    User,
)
from webapp.services.casework.cases import (
    add_provinces,
    assign,
    audit,
    can_see,
    change_status,
    open_case,
    raise_alert,
)
from webapp.services.casework.reported_codes import ReportedCode
from webapp.services.common.errors import Refusal
from webapp.services.places import regions
from webapp.services.scans.scanning import locked_stats
from webapp.services.staff import access

DISPOSITIONS = {
    "genuine": "conformant",
    "suspected": "non_conformant",
    "counterfeit_seized": "non_conformant",
}
# A code that was never issued cannot be found genuine.
UNISSUED_RESULTS = ("suspected", "counterfeit_seized")


@dataclass(frozen=True)
class Finding:
    """What the inspector found, where and when, and the photo they took."""

    result: str
    place: str
    province_code: str | None
    note: str
    at: datetime
    photo_path: str | None = None


class InspectionError(Refusal):
    """The inspection cannot be recorded as given; `code` says why."""


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
    """Store the inspection and its EPCIS event; a seizure marks the serial fake.

    A seizure closes the serial's open case when the inspector may see it;
    a case held by other provinces gets the inspection and an alert instead,
    for its own inspectors to act on.
    """
    found = Finding(result, place, province_code, note, at, photo_path)
    province = _check(found, inspector)
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
        # The event is published: the province at most, never the stall or the
        # note (those stay on the inspection, for staff).
        place_vi=province.short_label("vi"),
        province_code=province_code,
    )
    session.add(event)
    session.flush()
    inspection = _store(
        session,
        inspector,
        found,
        {"stamp_id": stamp.id, "event_id": event.id},
        ("stamp", stamp.id),
    )
    if result == "counterfeit_seized":
        stamp.confirmed_fake_at = at
        case = open_case(session, stamp, stamp.batch)
        session.flush()
        if can_see(session, inspector, case):
            add_provinces(case, [province.code], "inspector")
            _act_on_case(session, case, inspector, inspection)
        else:
            inspection.case_id, inspection.serial = case.id, stamp.serial
            raise_alert(session, stamp, "counterfeit", ["confirmed_fake"], None, at)
    return inspection


def record_case_inspection(
    session: Session, case: Case, code: ReportedCode, inspector: User, found: Finding
) -> Inspection:
    """Store an inspection of a reported code that was never issued, on its case.

    No EPCIS event is made: an EPCIS event names the objects it saw by their
    identifiers, and a never-issued serial identifies no object in any
    producer's chain (its GTIN may not even be ours). Hung on the batch it
    claims, the event would also publish a seizure in the genuine batch's
    journey. The inspection, its case and the audit log are the record.
    """
    if code.issued:
        raise InspectionError("code_issued", "code")
    if found.result not in UNISSUED_RESULTS:
        raise InspectionError("unknown_result", "result")
    province = _check(found, inspector)
    add_provinces(case, [province.code], "inspector")
    inspection = _store(
        session,
        inspector,
        found,
        {"case_id": case.id, "code_text": code.code_text, "serial": code.serial},
        ("case", case.id),
        code=code.code_text,
        place=found.place.strip(),
    )
    _act_on_case(session, case, inspector, inspection)
    return inspection


def preset_province(user: User, case: Case | None = None) -> str | None:
    """Where an inspection form starts: the case's province the inspector covers.

    Else the first province they cover. Where shoppers bought the item comes
    before the case's other provinces (such as the maker's).
    """
    covered = user.province_codes
    if case is not None:
        bought = [r.province_code for r in case.reports if r.province_code]
        for code in [*bought, *case.province_codes]:
            if access.covers(user, code):
                return code
    return covered[0] if covered else None


def _check(found: Finding, inspector: User) -> regions.Division:
    """The province the inspection was made in, once the finding is valid."""
    if found.result not in INSPECTION_RESULTS:
        raise InspectionError("unknown_result", "result")
    if not found.place.strip():
        raise InspectionError("place_required", "place")
    province = regions.province(found.province_code) if found.province_code else None
    if province is None:
        raise InspectionError("unknown_province", "province")
    if not access.can_record_inspection(inspector, province.code):
        raise InspectionError("province_not_covered", "province")
    return province


def _store(
    session: Session,
    inspector: User,
    found: Finding,
    what: dict,
    target: tuple[str, int],
    **details,
) -> Inspection:
    """Add the inspection of what it names, audited on target (a stamp or a case)."""
    inspection = Inspection(
        inspector=inspector,
        at=found.at,
        result=found.result,
        note=found.note.strip() or None,
        place=found.place.strip(),
        province_code=found.province_code,
        photo_path=found.photo_path,
        **what,
    )
    session.add(inspection)
    session.flush()
    audit(
        session,
        inspector,
        "inspection.record",
        *target,
        inspection=inspection.id,
        result=found.result,
        **details,
    )
    return inspection


def _act_on_case(
    session: Session, case: Case, inspector: User, inspection: Inspection
) -> None:
    """The inspector who checked the item handles the case; a seizure closes it."""
    if case.assigned_to is None:
        assign(session, case, inspector)
    if inspection.result == "counterfeit_seized":
        # The place says where without tying the record to one language.
        outcome = inspection.note or inspection.place
        change_status(session, case, inspector, "confirmed_fake", outcome)


def reset_pin_claim(
    session: Session, stamp: Stamp, inspector: User, reason: str
) -> None:
    """Undo a PIN claim made by the wrong phone (the buyer keeps the real item)."""
    if not reason.strip():
        raise InspectionError("reason_required", "reason")
    stats = locked_stats(session, stamp.id)
    if stats.claimed_device_hash is None and stamp.pin_locked_at is None:
        raise InspectionError("not_claimed", "reason")
    before = stats.claimed_at.isoformat() if stats.claimed_at else None
    locked = stamp.pin_locked_at.isoformat() if stamp.pin_locked_at else None
    # Claiming reopens too, after wrong guesses closed it.
    stamp.pin_failures = 0
    stamp.pin_locked_at = None
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
        pin_locked_at=locked,
    )

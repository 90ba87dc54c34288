"""A producer's batches: creating them, their journey events, recall and void."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.models import Batch, BatchRegion, JourneyEvent, Product, Stamp, User
from webapp.models.codes import BatchStatus
from webapp.services.catalog.completeness import DISTRIBUTION_STEPS
from webapp.services.common.audit import audit
from webapp.services.common.clock import VIETNAM
from webapp.services.common.errors import Refusal
from webapp.services.places import regions
from webapp.services.standards.gtin import is_valid_gln

# What each business step means for the goods, as EPCIS expects it.
EVENT_SHAPES = {
    "harvesting": ("ObjectEvent", "OBSERVE", "active"),
    "commissioning": ("ObjectEvent", "ADD", "active"),
    "creating_class_instance": ("ObjectEvent", "ADD", "active"),
    "packing": ("ObjectEvent", "OBSERVE", "in_progress"),
    "storing": ("ObjectEvent", "OBSERVE", "sellable_not_accessible"),
    "shipping": ("ObjectEvent", "OBSERVE", "in_transit"),
    "transporting": ("ObjectEvent", "OBSERVE", "in_transit"),
    "receiving": ("ObjectEvent", "OBSERVE", "sellable_accessible"),
    "accepting": ("ObjectEvent", "OBSERVE", "sellable_accessible"),
    "stocking": ("ObjectEvent", "OBSERVE", "sellable_accessible"),
    "retail_selling": ("ObjectEvent", "OBSERVE", "sellable_accessible"),
    "sampling": ("ObjectEvent", "OBSERVE", None),
    "holding": ("ObjectEvent", "OBSERVE", "unavailable"),
    "other": ("ObjectEvent", "OBSERVE", None),
}
# The steps a producer records, in the order goods usually go through them.
PRODUCER_STEPS = (
    "harvesting", "creating_class_instance", "packing", "commissioning", "storing",
    "shipping", "transporting", "receiving", "retail_selling", "sampling", "other",
)  # fmt: skip
# The steps most journeys have, one after the other: what the form suggests next.
USUAL_STEPS = (
    "harvesting", "creating_class_instance", "packing", "shipping", "receiving",
    "retail_selling",
)  # fmt: skip
LOT_CHARACTERS = set(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-./"
)


class BatchError(Refusal):
    """The change is refused; `code` says why, `field` where."""


@dataclass(frozen=True)
class BatchInput:
    lot_code: str
    produced_on: date
    expires_on: date | None
    quantity: int
    provinces: Sequence[str]  # official province codes


BATCH_FIELDS = ("lot_code", "produced_on", "expires_on", "quantity", "provinces")


def create_batch(session: Session, product: Product, data: BatchInput) -> Batch:
    """Add a batch of product; the caller commits."""
    lot, codes = _checked(session, product, data)
    batch = Batch(
        product=product,
        lot_code=lot,
        produced_on=data.produced_on,
        expires_on=data.expires_on,
        quantity=data.quantity,
        status=BatchStatus.ACTIVE.value,
        regions=[BatchRegion(province_code=code) for code in codes],
    )
    session.add(batch)
    return batch


def _checked(
    session: Session, product: Product, data: BatchInput, batch: Batch | None = None
) -> tuple[str, list[str]]:
    """The lot code and province codes, once every rule of a batch holds."""
    lot = data.lot_code.strip()
    if not lot or len(lot) > 20 or set(lot) - LOT_CHARACTERS:
        raise BatchError("lot_invalid", "lot_code")
    taken = session.scalar(
        select(Batch.id).where(Batch.product_id == product.id, Batch.lot_code == lot)
    )
    if taken is not None and (batch is None or taken != batch.id):
        raise BatchError("lot_taken", "lot_code")
    if data.expires_on is not None and data.expires_on <= data.produced_on:
        raise BatchError("expiry_before_production", "expires_on")
    if not 1 <= data.quantity <= 10_000_000:
        raise BatchError("quantity_invalid", "quantity")
    codes = sorted(set(data.provinces))
    if not codes or not all(regions.is_province_code(code) for code in codes):
        raise BatchError("provinces_required", "provinces")
    return lot, codes


def locked(batch: Batch, issued: int) -> dict[str, str]:
    """What can no longer change in the batch, each with the reason's code.

    Once stamps are issued, the lot and dates stay as printed and as shoppers
    have seen them.
    """
    if batch.status != BatchStatus.ACTIVE:
        return dict.fromkeys(BATCH_FIELDS, "closed")
    if not issued:
        return {}
    fixed = {"lot_code": "lot_in_codes", "produced_on": "date_shown"}
    if batch.expires_on is not None:  # labels printed without one can get one
        fixed["expires_on"] = "expiry_printed"
    return fixed


def update_batch(
    session: Session,
    batch: Batch,
    data: BatchInput,
    issued: int,
    by: User | None = None,
) -> dict[str, list]:
    """Apply what may still change; return {field: [before, after]}.

    A change is audited in the name of `by`; the caller commits.
    """
    lot, codes = _checked(session, batch.product, data, batch)
    after = {
        "lot_code": lot,
        "produced_on": data.produced_on,
        "expires_on": data.expires_on,
        "quantity": data.quantity,
        "provinces": codes,
    }
    before = {name: getattr(batch, name) for name in BATCH_FIELDS[:-1]}
    before["provinces"] = batch.province_codes
    fixed = locked(batch, issued)
    for name in after:
        if name in fixed and after[name] != before[name]:
            raise BatchError("locked_" + fixed[name], name)
    if data.quantity < issued:
        raise BatchError("quantity_below_issued", "quantity")
    if issued and set(before["provinces"]) - set(codes):
        raise BatchError("provinces_removed", "provinces")
    if _events_before(batch, data.produced_on):
        raise BatchError("events_before_production", "produced_on")
    changes = {k: [before[k], v] for k, v in after.items() if v != before[k]}
    for name in BATCH_FIELDS[:-1]:
        setattr(batch, name, after[name])
    if "provinces" in changes:  # rows kept as they are: (batch, province) is the key
        batch.regions = [r for r in batch.regions if r.province_code in codes] + [
            BatchRegion(province_code=code)
            for code in codes
            if code not in before["provinces"]
        ]
    changed = {k: [_plain(v) for v in pair] for k, pair in changes.items()}
    if changed:
        audit(session, by, "batch.edit", "batch", batch.id, **changed)
    return changed


def _events_before(batch: Batch, produced_on: date) -> bool:
    """Does any distribution step of the journey come before this production date?"""
    return any(
        event.biz_step in DISTRIBUTION_STEPS
        and event.event_time.astimezone(VIETNAM).date() < produced_on
        for event in batch.events
    )


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def stamps_issued(session: Session, batch: Batch) -> int:
    return session.execute(
        select(func.count(Stamp.id)).where(Stamp.batch_id == batch.id)
    ).scalar_one()


def can_issue(session: Session, batch: Batch, count: int) -> str | None:
    """Why count more stamps cannot be issued for the batch, or None."""
    if batch.status != BatchStatus.ACTIVE:
        return "batch_not_active"
    if count < 1:
        return "count_invalid"
    if stamps_issued(session, batch) + count > batch.quantity:
        return "more_than_quantity"
    return None


@dataclass(frozen=True)
class EventInput:
    biz_step: str
    event_time: datetime  # aware
    place_vi: str
    place_en: str | None
    province_code: str | None
    ward_code: str | None
    note_vi: str | None
    note_en: str | None
    photo_path: str | None = None
    gln: str | None = None


def suggested_step(batch: Batch) -> str:
    """The usual step after the furthest one recorded (the harvest when none is)."""
    order = PRODUCER_STEPS.index
    done = [order(e.biz_step) for e in batch.events if e.biz_step in PRODUCER_STEPS]
    furthest = max(done, default=-1)
    return next(
        (step for step in USUAL_STEPS if order(step) > furthest), USUAL_STEPS[-1]
    )


def add_event(
    session: Session, batch: Batch, data: EventInput, now: datetime
) -> JourneyEvent:
    """Record a step of the batch's journey; the caller commits."""
    if data.biz_step not in EVENT_SHAPES:
        raise BatchError("unknown_step", "biz_step")
    if data.event_time > now:
        raise BatchError("event_in_future", "event_time")
    if (
        data.event_time.astimezone(VIETNAM).date() < batch.produced_on
        and data.biz_step in DISTRIBUTION_STEPS
    ):
        raise BatchError("event_before_production", "event_time")
    if not data.place_vi.strip():
        raise BatchError("place_required", "place_vi")
    if data.province_code and not regions.is_province_code(data.province_code):
        raise BatchError("unknown_province", "province")
    _check_location(data.province_code, data.ward_code, data.gln)
    event_type, action, disposition = EVENT_SHAPES[data.biz_step]
    offset = data.event_time.strftime("%z")  # e.g. +0700
    event = JourneyEvent(
        batch_id=batch.id,
        event_id=f"urn:uuid:{uuid.uuid4()}",
        event_type=event_type,
        action=action,
        biz_step=data.biz_step,
        disposition=disposition,
        event_time=data.event_time,
        event_tz_offset=f"{offset[:3]}:{offset[3:]}",
        place_vi=data.place_vi.strip(),
        place_en=(data.place_en or "").strip() or None,
        province_code=data.province_code or None,
        ward_code=data.ward_code or None,
        gln=(data.gln or "").strip() or None,
        note_vi=(data.note_vi or "").strip() or None,
        note_en=(data.note_en or "").strip() or None,
        photo_path=data.photo_path,
    )
    session.add(event)
    return event


def set_location(
    event: JourneyEvent, province: str | None, ward: str | None, gln: str | None
) -> None:
    """Give a stage recorded without a location code its ward or GLN (only then)."""
    if event.ward_code or event.gln:
        raise BatchError("already_located", "ward")
    if province and not regions.is_province_code(province):
        raise BatchError("unknown_province", "province")
    _check_location(province, ward, gln)
    event.province_code = province or event.province_code
    event.ward_code = ward or None
    event.gln = (gln or "").strip() or None


def locate_event(
    session: Session,
    event: JourneyEvent,
    province: str | None,
    ward: str | None,
    gln: str | None,
    by: User | None = None,
) -> None:
    """set_location, audited in the name of `by`; the caller commits."""
    set_location(event, province, ward, gln)
    audit(
        session, by, "event.locate", "journey_event", event.id,
        ward=event.ward_code, gln=event.gln,
    )  # fmt: skip


def _check_location(province: str | None, ward: str | None, gln: str | None) -> None:
    """A stage needs a location code: an official ward, or a GLN (check digit right)."""
    if ward and not (province and regions.ward_in_province(ward, province)):
        raise BatchError("unknown_ward", "ward")
    gln = (gln or "").strip()
    if gln and not is_valid_gln(gln):
        raise BatchError("gln_invalid", "gln")
    if not (ward or gln):
        raise BatchError("location_required", "ward")


def change_status(
    session: Session, batch: Batch, status: str, by: User | None = None
) -> None:
    """Recall or void the batch (see set_status), audited in the name of `by`."""
    set_status(batch, status)
    audit(session, by, "batch.status", "batch", batch.id, after=batch.status)


def set_status(batch: Batch, status: str) -> None:
    """Recall or void a batch; every later scan of its stamps says so. Never undone."""
    recalled, void = BatchStatus.RECALLED, BatchStatus.VOID
    if status not in (recalled, void):
        raise BatchError("unknown_status", "status")
    if batch.status == void or (batch.status == recalled and status == recalled):
        raise BatchError("already_" + batch.status, "status")
    batch.status = BatchStatus(status).value

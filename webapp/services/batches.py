"""A producer's batches: creating them, their journey events, recall and void."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.models import Batch, BatchRegion, JourneyEvent, Product, Stamp
from webapp.services import regions
from webapp.services.clock import VIETNAM
from webapp.services.completeness import DISTRIBUTION_STEPS
from webapp.services.errors import FieldError

# What each business step means for the goods, as EPCIS expects it.
EVENT_SHAPES = {
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
LOT_CHARACTERS = set(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-./"
)


class BatchError(FieldError):
    """The change is refused; `code` says why, `field` where."""


@dataclass(frozen=True)
class BatchInput:
    lot_code: str
    produced_on: date
    expires_on: date | None
    quantity: int
    province_codes: Sequence[str]


def create_batch(session: Session, product: Product, data: BatchInput) -> Batch:
    """Add a batch of product; the caller commits."""
    lot = data.lot_code.strip()
    if not lot or len(lot) > 20 or set(lot) - LOT_CHARACTERS:
        raise BatchError("lot_invalid", "lot_code")
    taken = session.scalar(
        select(Batch.id).where(Batch.product_id == product.id, Batch.lot_code == lot)
    )
    if taken is not None:
        raise BatchError("lot_taken", "lot_code")
    if data.expires_on is not None and data.expires_on <= data.produced_on:
        raise BatchError("expiry_before_production", "expires_on")
    if not 1 <= data.quantity <= 10_000_000:
        raise BatchError("quantity_invalid", "quantity")
    codes = sorted(set(data.province_codes))
    if not codes or not all(regions.is_province_code(code) for code in codes):
        raise BatchError("provinces_required", "provinces")
    batch = Batch(
        product=product,
        lot_code=lot,
        produced_on=data.produced_on,
        expires_on=data.expires_on,
        quantity=data.quantity,
        status="active",
        regions=[BatchRegion(province_code=code) for code in codes],
    )
    session.add(batch)
    return batch


def stamps_issued(session: Session, batch: Batch) -> int:
    return session.scalar(
        select(func.count(Stamp.id)).where(Stamp.batch_id == batch.id)
    )


def can_issue(session: Session, batch: Batch, count: int) -> str | None:
    """Why count more stamps cannot be issued for the batch, or None."""
    if batch.status != "active":
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
    if data.ward_code and not (
        data.province_code
        and regions.ward_in_province(data.ward_code, data.province_code)
    ):
        raise BatchError("unknown_ward", "ward")
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
        note_vi=(data.note_vi or "").strip() or None,
        note_en=(data.note_en or "").strip() or None,
        photo_path=data.photo_path,
    )
    session.add(event)
    return event


def set_status(batch: Batch, status: str) -> None:
    """Recall or void a batch; every later scan of its stamps says so. Never undone."""
    if status not in ("recalled", "void"):
        raise BatchError("unknown_status", "status")
    if batch.status == "void" or (batch.status == "recalled" and status == "recalled"):
        raise BatchError("already_" + batch.status, "status")
    batch.status = status

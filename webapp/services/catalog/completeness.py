"""Before a product or batch goes public: what is missing, and what is implausible.

"Missing" follows the ten minimum data items of Circular 02/2024/TT-BKHCN:
product name and image, the producer's name and address, the production
stages (each with a location code and a time), the trace code, trademark and
serial, shelf life where there is one, and the standards applied. These apply
to every kind of product; what a kind adds applies to that kind only: a valid
OCOP certificate for OCOP products, the net content of an essential
pre-packaged good (Decree 43/2017/NĐ-CP on goods labels). A product
counts as having complete traceability data when nothing is missing for it
and for at least one of its batches.

"Implausible" catches what inspectors keep finding in practice: expiry before
production, a journey out of time order or faster than goods move by road,
boiler-plate text copied across unrelated products (every vegetable with the
same "10-day pesticide interval"), and one photo used for several products.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Batch, JourneyEvent, Product
from webapp.services.common.clock import VIETNAM
from webapp.services.common.files import content_hash
from webapp.services.places import geo

ROAD_KMH = 80  # door-to-door average a lorry cannot beat over a day's drive
POSITION_SLACK_KM = 30  # a province's centre stands for places anywhere in it
COPIED_TEXT_MIN = 30  # shorter texts ("500 g", "Để nơi khô ráo") may repeat honestly
TEXT_FIELDS = ("summary_vi", "story_vi", "ingredients_vi", "storage_vi")
# Steps that only happen to finished goods: dated before production, they are wrong.
# (Harvest, fermentation, sampling of a maturing sauce come before it, honestly.)
DISTRIBUTION_STEPS = (
    "shipping", "transporting", "receiving", "accepting", "stocking", "retail_selling",
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """One thing to fix: `code` names it, `kind` is missing or implausible."""

    kind: str
    code: str
    details: dict = field(default_factory=dict, hash=False, compare=False)


def check_product(product: Product, now: datetime | None = None) -> list[Finding]:
    """What a product's own record lacks (items 1-4, 8, 10 of the Circular)."""
    found = _kind_findings(product, now)
    organisation = product.organisation
    if not product.name_vi:
        found.append(Finding("missing", "product_name"))
    if not product.image_path:
        found.append(Finding("missing", "product_image"))
    if not organisation.name:
        found.append(Finding("missing", "producer_name"))
    if not (organisation.address_line and organisation.ward_code):
        found.append(Finding("missing", "producer_address"))
    if not product.standards:
        found.append(Finding("missing", "standards"))
    if not product.trademark and not product.gtin:
        found.append(Finding("missing", "trademark_or_code"))
    return found


def _kind_findings(product: Product, now: datetime | None) -> list[Finding]:
    """What the product's kinds add: the OCOP certificate only for OCOP products."""
    found = []
    if product.is_ocop and not product.ocop_certificate_no:
        found.append(Finding("missing", "ocop_certificate"))
    elif now is not None and not product.certificate_valid_on(
        now.astimezone(VIETNAM).date()
    ):
        found.append(Finding("missing", "ocop_certificate_expired"))
    if product.is_key and not product.key_decision_no:
        found.append(Finding("missing", "key_decision"))
    if product.is_essential and not (product.declaration_no and product.net_content):
        found.append(Finding("missing", "declaration"))
    return found


def check_batch(batch: Batch, now: datetime) -> list[Finding]:
    """What a batch lacks (items 5, 6, 9) and what in its journey cannot be true."""
    found = []
    if batch.expires_on is None and batch.product.shelf_life_days:
        found.append(Finding("missing", "shelf_life"))
    if batch.expires_on is not None and batch.expires_on <= batch.produced_on:
        found.append(Finding("implausible", "expiry_before_production"))
    events = list(batch.events)
    if not events:
        found.append(Finding("missing", "stages"))
    for event in events:
        if not (event.gln or event.ward_code):
            found.append(
                Finding("missing", "stage_location", {"place": event.place_vi})
            )
        if event.event_time > now:
            found.append(
                Finding("implausible", "stage_in_future", {"place": event.place_vi})
            )
        if (
            event.event_time.astimezone(VIETNAM).date() < batch.produced_on
            and event.biz_step in DISTRIBUTION_STEPS
        ):
            found.append(
                Finding(
                    "implausible", "stage_before_production", {"place": event.place_vi}
                )
            )
    found += _too_fast(events)
    return found


def _too_fast(events: list[JourneyEvent]) -> list[Finding]:
    """Consecutive stages further apart than a lorry could drive in the time between."""
    found = []
    ordered = sorted(events, key=lambda e: e.event_time)
    for before, after in zip(ordered, ordered[1:], strict=False):
        start, end = _position(before), _position(after)
        if start is None or end is None:
            continue
        km = max(0.0, geo.distance_km(*start, *end) - POSITION_SLACK_KM)
        hours = (after.event_time - before.event_time).total_seconds() / 3600
        if km > 0 and (hours <= 0 or km / hours > ROAD_KMH):
            found.append(
                Finding(
                    "implausible",
                    "faster_than_road",
                    {"from": before.place_vi, "to": after.place_vi, "km": round(km)},
                )
            )
    return found


def _position(event: JourneyEvent) -> tuple[float, float] | None:
    if event.latitude is not None and event.longitude is not None:
        return event.latitude, event.longitude
    if event.province_code:
        return _province_centre(event.province_code)
    return None


@cache
def _province_centre(code: str) -> tuple[float, float] | None:
    area = geo._shapes().get(code)
    if area is None:
        return None
    point = area.representative_point()
    return point.y, point.x


def other_products(session: Session, product: Product) -> list:
    """The columns the copy checks compare, for every other product (no objects)."""
    columns = [getattr(Product, name) for name in TEXT_FIELDS]
    return list(
        session.execute(
            select(
                Product.category, Product.name_vi, Product.image_path, *columns
            ).where(Product.id != product.id)
        ).all()
    )


def copied_text(
    session: Session, product: Product, others: list | None = None
) -> list[Finding]:
    """Long texts this product shares with a product of another category."""
    found = []
    if others is None:
        others = other_products(session, product)
    others = [other for other in others if other.category != product.category]
    for name in TEXT_FIELDS:
        text = _normalised(getattr(product, name))
        if len(text) < COPIED_TEXT_MIN:
            continue
        for other in others:
            if _normalised(getattr(other, name)) == text:
                found.append(
                    Finding(
                        "implausible",
                        "copied_text",
                        {"field": name, "other": other.name_vi},
                    )
                )
                break
    return found


def copied_notes(session: Session, batch: Batch) -> list[Finding]:
    """Journey notes this batch shares with a batch of a product of another category."""
    mine = [
        (event, _normalised(event.note_vi))
        for event in batch.events
        if len(_normalised(event.note_vi)) >= COPIED_TEXT_MIN
    ]
    if not mine:
        return []
    others: dict[str, str] = {}
    for note, name in session.execute(
        select(JourneyEvent.note_vi, Product.name_vi)
        .join(Batch, JourneyEvent.batch_id == Batch.id)
        .join(Product, Batch.product_id == Product.id)
        .where(
            Product.category != batch.product.category,
            JourneyEvent.note_vi.is_not(None),
        )
    ):
        others.setdefault(_normalised(note), name)
    return [
        Finding(
            "implausible",
            "copied_note",
            {"place": event.place_vi, "other": others[text]},
        )
        for event, text in mine
        if text in others
    ]


def reused_photo(
    session: Session,
    product: Product,
    locate: Callable[[str], Path],
    others: list | None = None,
) -> list[Finding]:
    """Another product showing the same picture (same file, or the same bytes)."""
    if not product.image_path:
        return []
    if others is None:
        others = other_products(session, product)
    mine = content_hash(locate(product.image_path))
    for other in others:
        if other.image_path is None:
            continue
        if other.image_path == product.image_path or (
            mine and content_hash(locate(other.image_path)) == mine
        ):
            return [Finding("implausible", "photo_reused", {"other": other.name_vi})]
    return []


def review(
    session: Session,
    product: Product,
    batch: Batch | None,
    now: datetime,
    locate: Callable[[str], Path],
) -> list[Finding]:
    """Everything to show before publishing (and to inspectors afterwards)."""
    others = other_products(session, product)  # one scan serves both copy checks
    findings = check_product(product, now) + copied_text(session, product, others)
    findings += reused_photo(session, product, locate, others)
    if batch is not None:
        findings += check_batch(batch, now) + copied_notes(session, batch)
    return findings


def is_complete(product: Product, now: datetime) -> bool:
    """Every item the Circular requires is there, for the product and one batch."""
    if any(f.kind == "missing" for f in check_product(product, now)):
        return False
    return any(
        not any(f.kind == "missing" for f in check_batch(batch, now))
        for batch in product.batches
    )


def _normalised(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().lower())

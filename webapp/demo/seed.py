"""Load the demo catalog into an empty database and issue its stamps."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.demo import timeline
from webapp.demo.accounts import seed_accounts
from webapp.demo.catalog import (
    PRODUCERS,
    PRODUCTS,
    BatchSpec,
    EventSpec,
    ProducerSpec,
    ProductSpec,
)
from webapp.models import (
    Batch,
    BatchRegion,
    JourneyEvent,
    Organisation,
    Product,
    TrainingAttendance,
    TrainingSession,
    utcnow,
)
from webapp.services.catalog.ocop import certificate_valid_until
from webapp.services.common.clock import VIETNAM
from webapp.services.common.settings import Settings
from webapp.services.programme.sectors import sector_of_set
from webapp.services.stamps.issuance import IssuedStamp, issue_stamps

IMAGE_DIR = "img/products"


class SeedError(RuntimeError):
    """The demo cannot be loaded here; str(error) says why."""


def seed_demo(
    session: Session,
    settings: Settings,
    now: datetime | None = None,
) -> list[IssuedStamp]:
    """Add every demo producer, product, batch, event, stamp and staff account.

    Its dates are moved to read as of now (see timeline). The caller commits.
    """
    if session.scalar(select(func.count()).select_from(Organisation)):
        raise SeedError("the database already holds producers; seed an empty one")
    now = now or utcnow()
    today = now.astimezone(VIETNAM).date()
    year_round = timeline.year_round(today)
    producers = {p["key"]: _organisation(p) for p in PRODUCERS}
    session.add_all(producers.values())
    issued: list[IssuedStamp] = []
    for spec in PRODUCTS:
        product = _product(spec, producers[spec["producer"]], year_round)
        session.add(product)
        shift = timeline.for_product(spec, today)
        lots: set[str] = set()
        for batch_spec in spec["batches"]:
            batch = _batch(batch_spec, product, shift, lots)
            session.add(batch)
            session.flush()
            active = batch.status
            batch.status = "active"  # recalls happen after the stamps are printed
            issued += issue_stamps(
                session,
                batch,
                batch_spec["stamps"],
                settings,
                batch_spec["pins"],
                issued_by_label="demo data",
                at=commissioned_at(batch),
            )
            batch.status = active
    seed_accounts(session, producers)
    session.add(_training(producers, year_round))
    for organisation in producers.values():  # the demo catalogue is published
        organisation.approved_at = now
        for product in organisation.products:
            product.approved_at = now
    session.flush()
    return issued


def commissioned_at(batch: Batch) -> datetime:
    """When the batch's stamps were applied (its commissioning event)."""
    return next(e.event_time for e in batch.events if e.biz_step == "commissioning")


def _training(
    producers: dict[str, Organisation], shift: timeline.Shift
) -> TrainingSession:
    """A session the province held, attended by some of the demo producers."""
    attended = ("hong-chau", "pho-hien", "dong-tao", "vit-bien")
    return TrainingSession(
        held_on=shift.date(date(2026, 9, 18)),
        title="Truy xuất nguồn gốc theo Thông tư 02/2024/TT-BKHCN, "
        "GS1 Digital Link và EPCIS 2.0",
        place="Hội trường Sở Khoa học và Công nghệ, Phường Phố Hiến",
        province_code="33",
        attendees=[TrainingAttendance(organisation=producers[key]) for key in attended],
    )


def _organisation(spec: ProducerSpec) -> Organisation:
    return Organisation(
        name=spec["name"],
        kind=spec["kind"],
        tax_code=spec["tax_code"],
        gln=spec["gln"],
        address_line=spec["address_line"],
        ward_code=spec["ward_code"],
        sector=spec["sector"],
        province_code="33",
        phone=spec.get("phone"),
        email=spec.get("email"),
        website=spec.get("website"),
        is_demo=True,
    )


def _product(
    spec: ProductSpec, organisation: Organisation, shift: timeline.Shift
) -> Product:
    kinds = spec.get("kinds", ("ocop",))
    return Product(
        organisation=organisation,
        gtin=spec["gtin"],
        name_vi=spec["name_vi"],
        name_en=spec["name_en"],
        summary_vi=spec["summary_vi"],
        summary_en=spec["summary_en"],
        story_vi=spec["story_vi"],
        story_en=spec["story_en"],
        ingredients_vi=spec["ingredients_vi"],
        ingredients_en=spec["ingredients_en"],
        storage_vi=spec["storage_vi"],
        storage_en=spec["storage_en"],
        category=spec["category"],
        sector=spec.get("sector") or sector_of_set(spec["category"]),
        is_ocop="ocop" in kinds,
        is_key="key" in kinds,
        is_essential="essential" in kinds,
        key_decision_no=spec.get("key_decision_no"),
        declaration_no=spec.get("declaration_no"),
        **_ocop_fields(spec, shift),
        trademark=spec.get("trademark"),
        standards=list(spec["standards"]),
        net_content=spec.get("net_content"),
        shelf_life_days=spec.get("shelf_life_days"),
        image_path=f"{IMAGE_DIR}/{spec['image']}",
    )


def _ocop_fields(spec: ProductSpec, shift: timeline.Shift) -> dict:
    if "ocop_certified_on" not in spec:
        return {}
    certified_on = shift.date(date.fromisoformat(spec["ocop_certified_on"]))
    return {
        "ocop_stars": spec["ocop_stars"],
        "ocop_certificate_no": spec["ocop_certificate_no"],
        "ocop_issuer": spec["ocop_issuer"],
        "ocop_certified_on": certified_on,
        "ocop_valid_until": certificate_valid_until(certified_on),
    }


def _batch(
    spec: BatchSpec, product: Product, shift: timeline.Shift, lots: set[str]
) -> Batch:
    produced_on = shift.date(date.fromisoformat(spec["produced_on"]))
    written = spec.get("expires_on")
    expires_on = shift.date(date.fromisoformat(written)) if written else None
    lot = timeline.lot_code(spec["lot"], produced_on, lots)
    notes = partial(
        timeline.fill, lot=lot, produced_on=produced_on, expires_on=expires_on
    )
    return Batch(
        product=product,
        lot_code=lot,
        produced_on=produced_on,
        expires_on=expires_on,
        quantity=spec["quantity"],
        status=spec.get("status", "active"),
        regions=[BatchRegion(province_code=code) for code in spec["regions"]],
        events=[_event(e, shift, notes) for e in spec["events"]],
    )


def _event(spec: EventSpec, shift: timeline.Shift, notes) -> JourneyEvent:
    moment = shift.moment(datetime.fromisoformat(spec["time"]))
    return JourneyEvent(
        event_id=f"urn:uuid:{uuid.uuid4()}",
        event_type=spec["event_type"],
        action=spec.get("action"),
        biz_step=spec["biz_step"],
        disposition=spec.get("disposition"),
        event_time=moment,
        event_tz_offset=moment.strftime("%z")[:3] + ":" + moment.strftime("%z")[3:],
        place_vi=spec["place_vi"],
        place_en=spec.get("place_en"),
        gln=spec.get("gln"),
        ward_code=spec.get("ward_code"),
        province_code=spec.get("province_code"),
        latitude=spec.get("lat"),
        longitude=spec.get("lon"),
        note_vi=notes(spec.get("note_vi")),
        note_en=notes(spec.get("note_en")),
    )

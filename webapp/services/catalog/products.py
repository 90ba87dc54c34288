"""A producer's product records: created and edited with what must hold checked."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from webapp.models import SECTORS, Batch, Organisation, Product, User
from webapp.services.catalog import approvals
from webapp.services.catalog.ocop import certificate_valid_until
from webapp.services.common.audit import audit
from webapp.services.common.errors import DigitalLinkError, Refusal
from webapp.services.standards.gtin import is_valid_gln, normalize_gtin

OCOP_SETS = {f"{n:02d}" for n in range(1, 27)}


class ProductError(Refusal):
    """The record is refused; `code` says why, `field` where."""


@dataclass(frozen=True)
class ProductInput:
    gtin: str
    name_vi: str
    name_en: str | None
    summary_vi: str | None
    summary_en: str | None
    story_vi: str | None
    story_en: str | None
    ingredients_vi: str | None
    ingredients_en: str | None
    storage_vi: str | None
    storage_en: str | None
    category: str
    ocop_stars: int | None
    ocop_certificate_no: str | None
    ocop_issuer: str | None
    ocop_certified_on: date | None
    trademark: str | None
    standards: list[str]
    net_content: str | None
    shelf_life_days: int | None
    duplicate_threshold: int | None
    label_name: str | None = None
    sector: str = "other"
    is_ocop: bool = True
    is_key: bool = False
    is_essential: bool = False
    key_decision_no: str | None = None
    declaration_no: str | None = None


def save_product(
    session: Session,
    organisation: Organisation,
    data: ProductInput,
    product: Product | None = None,
    image_path: str | None = None,
    by: User | None = None,
) -> Product:
    """Create (product None) or update the product; the caller commits.

    Changes to an approved product's public fields wait for approval. The
    save is audited in the name of `by`.
    """
    try:
        gtin = normalize_gtin(data.gtin.strip())
    except DigitalLinkError as error:
        raise ProductError(error.code, "gtin") from None
    taken = session.scalar(select(Product.id).where(Product.gtin == gtin))
    if taken is not None and (product is None or taken != product.id):
        raise ProductError("gtin_taken", "gtin")
    if data.category not in OCOP_SETS:
        raise ProductError("unknown_category", "category")
    check_kinds(data)
    if data.duplicate_threshold is not None and not 1 <= data.duplicate_threshold <= 50:
        raise ProductError("threshold_range", "duplicate_threshold")
    if data.shelf_life_days is not None and not 1 <= data.shelf_life_days <= 3650:
        raise ProductError("shelf_life_range", "shelf_life_days")
    if product is None:
        product = Product(organisation=organisation)
        session.add(product)
    values = {}
    for item in fields(ProductInput):
        value = getattr(data, item.name)
        values[item.name] = (value.strip() or None) if isinstance(value, str) else value
    values.update(
        gtin=gtin,
        name_vi=data.name_vi.strip(),
        standards=[s.strip() for s in data.standards if s.strip()],
    )
    _keep_only_own_kind_fields(values)
    if image_path is not None:
        values["image_path"] = image_path
    approvals.stage(product, values)
    session.flush()
    audit(session, by, "product.save", "product", product.id, gtin=product.gtin)
    return product


def _blank(value: str | None) -> bool:
    return not (value or "").strip()


def check_kinds(data: ProductInput) -> None:
    """Refuse a record without a kind, or missing what one of its kinds needs."""
    if not (data.is_ocop or data.is_key or data.is_essential):
        raise ProductError("no_kind", "kinds")
    if data.sector not in SECTORS:
        raise ProductError("unknown_sector", "sector")
    if data.is_ocop:
        if data.ocop_stars not in (3, 4, 5):
            raise ProductError("stars_3_to_5", "ocop_stars")
        if _blank(data.ocop_certificate_no):
            raise ProductError("certificate_required", "ocop_certificate_no")
        if data.ocop_certified_on is None:
            raise ProductError("certified_on_required", "ocop_certified_on")
    if data.is_key and _blank(data.key_decision_no):
        raise ProductError("key_decision_required", "key_decision_no")
    if data.is_essential and _blank(data.declaration_no):
        raise ProductError("declaration_required", "declaration_no")
    if data.is_essential and _blank(data.net_content):
        raise ProductError("net_content_required", "net_content")


def _keep_only_own_kind_fields(values: dict) -> None:
    """Clear what belongs to a kind the product is not; date the OCOP certificate."""
    if values["is_ocop"]:
        values["ocop_valid_until"] = certificate_valid_until(
            values["ocop_certified_on"]
        )
    else:
        for name in OCOP_FIELDS:
            values[name] = None
    if not values["is_key"]:
        values["key_decision_no"] = None
    if not values["is_essential"]:
        values["declaration_no"] = None


OCOP_FIELDS = (
    "ocop_stars",
    "ocop_certificate_no",
    "ocop_issuer",
    "ocop_certified_on",
    "ocop_valid_until",
)


@dataclass(frozen=True)
class ProfileInput:
    name: str
    address_line: str
    ward_code: str
    province_code: str
    gln: str | None
    phone: str | None
    email: str | None
    website: str | None
    sector: str = "other"


def save_profile(
    session: Session,
    organisation: Organisation,
    data: ProfileInput,
    by: User | None = None,
) -> None:
    """Update the organisation's profile (its tax code stays as registered).

    Once approved, a new name or address waits for approval. The save is
    audited in the name of `by`; the caller commits.
    """
    if data.gln and not is_valid_gln(data.gln.strip()):
        raise ProductError("gln_invalid", "gln")
    if data.sector not in SECTORS:
        raise ProductError("unknown_sector", "sector")
    approvals.stage(
        organisation,
        {
            "name": data.name.strip(),
            "address_line": data.address_line.strip(),
            "ward_code": data.ward_code,
            "province_code": data.province_code,
            "gln": (data.gln or "").strip() or None,
            "phone": (data.phone or "").strip() or None,
            "email": (data.email or "").strip() or None,
            "website": (data.website or "").strip() or None,
            "sector": data.sector,
        },
    )
    audit(session, by, "organisation.save", "organisation", organisation.id)


def of_organisation(
    session: Session, organisation_id: int | None, with_batches: bool = False
) -> list[Product]:
    """An organisation's products in the order they were added (with their
    batches and journeys loaded when the page shows them)."""
    stmt = select(Product).where(Product.organisation_id == organisation_id)
    if with_batches:
        stmt = stmt.options(selectinload(Product.batches).selectinload(Batch.events))
    return list(session.scalars(stmt.order_by(Product.id)))

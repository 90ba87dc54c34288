"""A producer's product records: created and edited with what must hold checked."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Organisation, Product
from webapp.services import approvals
from webapp.services.errors import DigitalLinkError, FieldError
from webapp.services.gtin import is_valid_gln, normalize_gtin
from webapp.services.ocop import certificate_valid_until

OCOP_SETS = {f"{n:02d}" for n in range(1, 27)}


class ProductError(FieldError):
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
    ocop_stars: int
    ocop_certificate_no: str
    ocop_issuer: str | None
    ocop_certified_on: date
    trademark: str | None
    standards: list[str]
    net_content: str | None
    shelf_life_days: int | None
    duplicate_threshold: int | None
    label_name: str | None = None


def save_product(
    session: Session,
    organisation: Organisation,
    data: ProductInput,
    product: Product | None = None,
    image_path: str | None = None,
) -> Product:
    """Create (product None) or update the product; the caller commits.

    Changes to an approved product's public fields wait for approval.
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
    if data.ocop_stars not in (3, 4, 5):
        raise ProductError("stars_3_to_5", "ocop_stars")
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
        ocop_certificate_no=data.ocop_certificate_no.strip(),
        standards=[s.strip() for s in data.standards if s.strip()],
        ocop_valid_until=certificate_valid_until(data.ocop_certified_on),
    )
    if image_path is not None:
        values["image_path"] = image_path
    approvals.stage(product, values)
    return product


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


def save_profile(organisation: Organisation, data: ProfileInput) -> None:
    """Update the organisation's profile (its tax code stays as registered).

    Once approved, a new name or address waits for approval.
    """
    if data.gln and not is_valid_gln(data.gln.strip()):
        raise ProductError("gln_invalid", "gln")
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
        },
    )

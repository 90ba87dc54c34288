"""Producers, their products (OCOP, key and essential goods) and production batches."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import Model
from webapp.models.types import Bilingual, UTCDateTime, utcnow

if TYPE_CHECKING:
    from webapp.models.events import JourneyEvent

ORGANISATION_KINDS = ("cooperative", "company", "household")
BATCH_STATUSES = ("active", "recalled", "void")
# What the province's plan traces: OCOP products, its key products (sản phẩm chủ
# lực) and essential pre-packaged consumer goods; a product may be several.
PRODUCT_KINDS = ("ocop", "key", "essential")
# The sectors the plan names for traceability and training, and "other".
SECTORS = (
    "agriculture",
    "forestry",
    "fisheries",
    "plant_varieties",
    "livestock_breeds",
    "food",
    "pharmaceuticals",
    "other",
)
SECTOR_CHECK = "sector IN (" + ", ".join(f"'{s}'" for s in SECTORS) + ")"
OCOP_CHECK = (
    "NOT is_ocop OR (ocop_stars IS NOT NULL AND ocop_certificate_no IS NOT NULL "
    "AND ocop_certified_on IS NOT NULL AND ocop_valid_until IS NOT NULL)"
)
ESSENTIAL_CHECK = (
    "NOT is_essential OR (declaration_no IS NOT NULL AND net_content IS NOT NULL)"
)


class Organisation(Model):
    """A producer: cooperative (HTX), company or household business."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    tax_code: Mapped[str] = mapped_column(String(14), unique=True)
    gln: Mapped[str | None] = mapped_column(String(13))
    address_line: Mapped[str] = mapped_column(String(200))
    ward_code: Mapped[str] = mapped_column(String(5))
    province_code: Mapped[str] = mapped_column(String(2), index=True)
    sector: Mapped[str] = mapped_column(String(20), default="other")
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(120))
    website: Mapped[str | None] = mapped_column(String(200))
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set by the province's administrator; until then its stories stay private.
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Edits of public fields waiting for approval; the row stays as approved.
    pending_changes: Mapped[dict | None] = mapped_column(JSON)

    products: Mapped[list[Product]] = relationship(
        back_populates="organisation", order_by="Product.id"
    )

    __table_args__ = (
        CheckConstraint(
            "kind IN ('cooperative', 'company', 'household')", name="kind_known"
        ),
        CheckConstraint(SECTOR_CHECK, name="sector_known"),
    )


class Product(Bilingual, Model):
    """A trade item identified by its GTIN, with its kinds, sector and story."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id"), index=True
    )
    gtin: Mapped[str] = mapped_column(String(14), unique=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    # Printed on stamp labels where the whole name does not fit.
    label_name: Mapped[str | None] = mapped_column(String(40))
    summary_vi: Mapped[str | None] = mapped_column(String(400))
    summary_en: Mapped[str | None] = mapped_column(String(400))
    story_vi: Mapped[str | None] = mapped_column(Text)
    story_en: Mapped[str | None] = mapped_column(Text)
    ingredients_vi: Mapped[str | None] = mapped_column(Text)
    ingredients_en: Mapped[str | None] = mapped_column(Text)
    storage_vi: Mapped[str | None] = mapped_column(Text)
    storage_en: Mapped[str | None] = mapped_column(Text)
    # Product group: the 26 sets of Decision 148/QĐ-TTg classify any product.
    category: Mapped[str] = mapped_column(String(2))
    sector: Mapped[str] = mapped_column(String(20), default="other")
    is_ocop: Mapped[bool] = mapped_column(default=True)
    is_key: Mapped[bool] = mapped_column(default=False)
    is_essential: Mapped[bool] = mapped_column(default=False)
    # OCOP products only: rating and certificate.
    ocop_stars: Mapped[int | None]
    ocop_certificate_no: Mapped[str | None] = mapped_column(String(80))
    ocop_issuer: Mapped[str | None] = mapped_column(String(200))
    ocop_certified_on: Mapped[date | None]
    ocop_valid_until: Mapped[date | None]
    # Key products only: the province's decision that lists it as a key product.
    key_decision_no: Mapped[str | None] = mapped_column(String(80))
    # Essential pre-packaged goods only: its declaration of conformity (or its
    # registration number for medicines); the net quantity is required too.
    declaration_no: Mapped[str | None] = mapped_column(String(80))
    trademark: Mapped[str | None] = mapped_column(String(120))
    standards: Mapped[list[str]] = mapped_column(JSON, default=list)
    net_content: Mapped[str | None] = mapped_column(String(40))
    shelf_life_days: Mapped[int | None]
    image_path: Mapped[str | None] = mapped_column(String(200))
    # Distinct shopper phones one item may plausibly see; None uses the defaults.
    duplicate_threshold: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Edits of public fields waiting for approval; the row stays as approved.
    pending_changes: Mapped[dict | None] = mapped_column(JSON)

    organisation: Mapped[Organisation] = relationship(back_populates="products")
    batches: Mapped[list[Batch]] = relationship(
        back_populates="product", order_by="Batch.produced_on.desc()"
    )

    __table_args__ = (
        CheckConstraint("ocop_stars BETWEEN 3 AND 5", name="ocop_stars_3_to_5"),
        CheckConstraint(
            "ocop_valid_until >= ocop_certified_on", name="certificate_dates_ordered"
        ),
        CheckConstraint("is_ocop OR is_key OR is_essential", name="has_a_kind"),
        CheckConstraint(OCOP_CHECK, name="ocop_has_certificate"),
        CheckConstraint("NOT is_key OR key_decision_no IS NOT NULL", name="key_listed"),
        CheckConstraint(ESSENTIAL_CHECK, name="essential_declared"),
        CheckConstraint(SECTOR_CHECK, name="sector_known"),
    )

    @property
    def kinds(self) -> list[str]:
        """Its kinds in the order of PRODUCT_KINDS."""
        flags = (self.is_ocop, self.is_key, self.is_essential)
        return [kind for kind, flag in zip(PRODUCT_KINDS, flags, strict=True) if flag]

    @property
    def public(self) -> bool:
        """Approved, and its producer too: its story may be shown."""
        organisation_approved = self.organisation.approved_at is not None
        return self.approved_at is not None and organisation_approved

    def certificate_valid_on(self, day: date) -> bool:
        """True when the OCOP certificate covers the given day (not OCOP: True)."""
        return certificate_covers(
            self.is_ocop, self.ocop_certified_on, self.ocop_valid_until, day
        )


def certificate_covers(
    is_ocop: bool, certified_on: date | None, valid_until: date | None, day: date
) -> bool:
    """True when an OCOP certificate covers the given day (not OCOP: True)."""
    if not is_ocop:
        return True
    if certified_on is None or valid_until is None:
        return False  # the database refuses an OCOP product without both
    return certified_on <= day <= valid_until


class Batch(Model):
    """One production lot of a product, with where it may be sold."""

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    lot_code: Mapped[str] = mapped_column(String(20))
    produced_on: Mapped[date]
    expires_on: Mapped[date | None]
    quantity: Mapped[int]
    status: Mapped[str] = mapped_column(String(12), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    product: Mapped[Product] = relationship(back_populates="batches")
    regions: Mapped[list[BatchRegion]] = relationship(
        back_populates="batch",
        cascade="all, delete-orphan",
        order_by="BatchRegion.province_code",
    )
    # The batch's own journey; events about one item hang off its stamp.
    events: Mapped[list[JourneyEvent]] = relationship(
        overlaps="batch",
        primaryjoin="and_(Batch.id == JourneyEvent.batch_id, "
        "JourneyEvent.stamp_id.is_(None))",
        order_by="JourneyEvent.event_time",
    )

    __table_args__ = (
        UniqueConstraint("product_id", "lot_code", name="uq_batch_product_lot"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint(
            "expires_on IS NULL OR expires_on >= produced_on",
            name="expiry_after_production",
        ),
        CheckConstraint(
            "status IN ('active', 'recalled', 'void')", name="status_known"
        ),
    )

    @property
    def province_codes(self) -> list[str]:
        """Authorised provinces in code order (also before the rows are reloaded)."""
        return sorted(region.province_code for region in self.regions)


class BatchRegion(Model):
    """A province (official code) where a batch is authorised for sale."""

    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"), primary_key=True)
    province_code: Mapped[str] = mapped_column(String(2), primary_key=True)

    batch: Mapped[Batch] = relationship(back_populates="regions")

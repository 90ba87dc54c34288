"""Consumers' reports of suspected fakes."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import Model
from webapp.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from webapp.models.cases import Case

REPORT_PROBLEMS = (
    "code_not_recognised",
    "packaging_different",
    "quality_different",
    "price_too_low",
    "no_stamp",
    "other",
)


class Report(Model):
    """What a shopper saw and where; anonymous unless they leave a contact."""

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    code_text: Mapped[str | None] = mapped_column(String(500))
    gtin: Mapped[str | None] = mapped_column(String(14), index=True)
    lot: Mapped[str | None] = mapped_column(String(20))
    serial: Mapped[str | None] = mapped_column(String(20), index=True)
    province_code: Mapped[str | None] = mapped_column(String(2), index=True)
    ward_code: Mapped[str | None] = mapped_column(String(5))
    place: Mapped[str] = mapped_column(String(200))
    bought_on: Mapped[date | None]
    price_vnd: Mapped[int | None]
    problems: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str | None] = mapped_column(Text)
    # The reporter's contact, encrypted (services/casework/contacts); reads are audited.
    contact_sealed: Mapped[str | None] = mapped_column(Text)
    # Keyed hash of the secret shown once to the reporter, who may withdraw with it.
    withdraw_hash: Mapped[str | None] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(2), default="vi")
    status: Mapped[str] = mapped_column(String(20), default="received")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"), index=True)
    # Set by the form (or the phone's offline queue): a resend files nothing new.
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    case: Mapped[Case | None] = relationship(back_populates="reports")
    photos: Mapped[list[ReportPhoto]] = relationship(
        cascade="all, delete-orphan", order_by="ReportPhoto.id"
    )

    __table_args__ = (
        CheckConstraint(
            "price_vnd IS NULL OR price_vnd >= 0", name="price_not_negative"
        ),
    )


class ReportPhoto(Model):
    """A photo sent with a report, re-encoded without its metadata."""

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"), index=True)
    path: Mapped[str] = mapped_column(String(200))
    width: Mapped[int]
    height: Mapped[int]
    size_bytes: Mapped[int]

"""Cases for inspectors: alerts from detection and consumer reports about one code."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import Model
from webapp.models.accounts import User
from webapp.models.catalog import Batch
from webapp.models.stamps import BigId, Stamp
from webapp.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from webapp.models.reports import Report

CASE_STATUSES = ("new", "investigating", "confirmed_fake", "genuine", "dismissed")
OPEN_STATUSES = ("new", "investigating")
INSPECTION_RESULTS = ("genuine", "suspected", "counterfeit_seized")


class Case(Model):
    """Everything about one serial (or one batch, or one unidentified code)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    stamp_id: Mapped[int | None] = mapped_column(ForeignKey("stamp.id"), index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batch.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    severity: Mapped[int] = mapped_column(default=1)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, index=True
    )
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    outcome_note: Mapped[str | None] = mapped_column(Text)

    stamp: Mapped[Stamp | None] = relationship()
    batch: Mapped[Batch | None] = relationship()
    assigned_to: Mapped[User | None] = relationship()
    provinces: Mapped[list[CaseProvince]] = relationship(cascade="all, delete-orphan")
    alerts: Mapped[list[Alert]] = relationship(
        back_populates="case", order_by="Alert.raised_at.desc()"
    )
    reports: Mapped[list[Report]] = relationship(
        back_populates="case", order_by="Report.created_at.desc()"
    )
    # Inspections of codes reported here that were never issued.
    inspections: Mapped[list[Inspection]] = relationship(
        order_by="Inspection.at.desc()"
    )

    __table_args__ = (
        CheckConstraint(
            "status IN ('new', 'investigating', 'confirmed_fake', 'genuine', "
            "'dismissed')",
            name="status_known",
        ),
    )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def province_codes(self) -> list[str]:
        return sorted(p.province_code for p in self.provinces)


CASE_PROVINCE_SOURCES = ("maker", "scans", "inspector", "report", "claimed")
# "report": where a never-issued code was bought, for a case with no maker to
# route it. "claimed" (what reports or single scans said, before) opens nothing.
VISIBLE_SOURCES = ("maker", "scans", "inspector", "report")


class CaseProvince(Model):
    """A province a case concerns, and the fact behind it.

    The maker's province, one where scans from independent sources placed the
    code, or one an inspector recorded. A report's claim adds one only to a
    case with no maker (a never-issued code), where it is the only lead.
    """

    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), primary_key=True)
    province_code: Mapped[str] = mapped_column(String(2), primary_key=True)
    source: Mapped[str] = mapped_column(
        String(12), default="maker", server_default="maker"
    )


class Alert(Model):
    """Detection flagged a serial; later flagged scans update the same alert."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    verdict: Mapped[str] = mapped_column(String(12))
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    flagged_scans: Mapped[int] = mapped_column(default=1)

    case: Mapped[Case] = relationship(back_populates="alerts")


class Inspection(Model):
    """An inspector's check of one item in the field.

    Of an issued stamp (stamp_id), or of a code shoppers reported that was never
    issued (case_id and the code as reported): such a code names no item of ours.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    stamp_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("stamp.id"), index=True
    )
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"), index=True)
    code_text: Mapped[str | None] = mapped_column(String(500))
    serial: Mapped[str | None] = mapped_column(String(20))
    inspector_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    result: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str] = mapped_column(String(200))
    province_code: Mapped[str | None] = mapped_column(String(2))
    photo_path: Mapped[str | None] = mapped_column(String(200))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("journey_event.id"))

    inspector: Mapped[User] = relationship()

    __table_args__ = (
        CheckConstraint(
            "result IN ('genuine', 'suspected', 'counterfeit_seized')",
            name="result_known",
        ),
        CheckConstraint(
            "stamp_id IS NOT NULL OR case_id IS NOT NULL", name="names_what_it_checked"
        ),
    )

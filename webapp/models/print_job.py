"""Where an issuance's print files stand: seen alike by the web and the worker."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import Model
from webapp.models.issuance import IssuanceRecord
from webapp.models.types import UTCDateTime, utcnow

PRINT_JOB_STATES = ("queued", "running", "done", "failed")


class PrintJob(Model):
    """The rendering of one issuance's PDF sheet and workbook from its codes CSV.

    The CSV (every link and PIN) is written before the stamps are committed;
    the sheet and workbook are made from it afterwards, so a failed rendering
    loses nothing and can simply run again.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    issuance_id: Mapped[int] = mapped_column(
        ForeignKey("issuance_record.id"), unique=True
    )
    layout: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="queued")
    labels_total: Mapped[int]
    labels_done: Mapped[int] = mapped_column(default=0)
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    issuance: Mapped[IssuanceRecord] = relationship()

    def stalled(self, seconds: int) -> bool:
        """Running without a sign of life for this long: its worker is gone."""
        quiet = utcnow() - self.updated_at
        return self.status == "running" and quiet > timedelta(seconds=seconds)

    def retryable(self, seconds: int) -> bool:
        return (self.status == "failed" and self.error != "files_gone") or self.stalled(
            seconds
        )

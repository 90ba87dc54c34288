"""Printed stamps: one serial per physical item."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import Model
from webapp.models.catalog import Batch
from webapp.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from webapp.models.events import JourneyEvent

# SQLite only auto-increments a column declared exactly INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer, "sqlite")

STAMP_STATUSES = ("active", "void")


class Stamp(Model):
    """A serialised stamp of one batch; the optional PIN is kept only as a hash."""

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"), index=True)
    # The issuance log entry that vouches for this serial.
    issuance_id: Mapped[int | None] = mapped_column(
        ForeignKey("issuance_record.id"), index=True
    )
    serial: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="active")
    pin_hash: Mapped[str | None] = mapped_column(String(64))
    # Set when an inspector confirms this serial counterfeit (it then always says so).
    confirmed_fake_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Wrong PINs entered for this stamp since its last right one; too many close
    # claiming until an inspector or administrator opens it again.
    pin_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    pin_locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    batch: Mapped[Batch] = relationship()
    events: Mapped[list[JourneyEvent]] = relationship(
        viewonly=True, order_by="JourneyEvent.event_time"
    )

    __table_args__ = (
        CheckConstraint("status IN ('active', 'void')", name="status_known"),
    )

    @property
    def has_pin(self) -> bool:
        return self.pin_hash is not None

"""The append-only, hash-chained log of stamp issuances."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import Model
from webapp.models.accounts import User
from webapp.models.catalog import Batch
from webapp.models.types import UTCDateTime, utcnow


class IssuanceRecord(Model):
    """Which serials went to which batch, when and by whom; never updated.

    `record_hash` covers every field and the previous record's hash, and the
    serials themselves through `serials_digest`, so a changed, removed or
    inserted record, or a stamp added to a batch outside an issuance, shows
    when the chain is checked. `previous_hash` is unique: two issuances can
    never follow the same record.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"), index=True)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    issued_by_label: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    count: Mapped[int]
    with_pin: Mapped[bool] = mapped_column(default=False)
    serials_digest: Mapped[str] = mapped_column(String(64))
    previous_hash: Mapped[str] = mapped_column(String(64), unique=True)
    record_hash: Mapped[str] = mapped_column(String(64), unique=True)

    batch: Mapped[Batch] = relationship()
    issued_by: Mapped[User | None] = relationship()

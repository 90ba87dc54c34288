"""Journey events of a batch, shaped after EPCIS 2.0 and CBV 2.0."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import Model
from webapp.models.catalog import Batch
from webapp.models.types import Bilingual, UTCDateTime, utcnow

EVENT_TYPES = ("ObjectEvent", "AggregationEvent", "TransformationEvent")
ACTIONS = ("ADD", "OBSERVE", "DELETE")


class JourneyEvent(Bilingual, Model):
    """What happened to a batch, where and when (one EPCIS event)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"), index=True)
    # Set for events about one item (an inspection), not the whole batch.
    stamp_id: Mapped[int | None] = mapped_column(ForeignKey("stamp.id"), index=True)
    event_id: Mapped[str] = mapped_column(String(80), unique=True)
    event_type: Mapped[str] = mapped_column(String(24))
    action: Mapped[str | None] = mapped_column(String(8))
    biz_step: Mapped[str] = mapped_column(String(32))
    disposition: Mapped[str | None] = mapped_column(String(32))
    event_time: Mapped[datetime] = mapped_column(UTCDateTime)
    event_tz_offset: Mapped[str] = mapped_column(String(6), default="+07:00")
    place_vi: Mapped[str] = mapped_column(String(200))
    place_en: Mapped[str | None] = mapped_column(String(200))
    gln: Mapped[str | None] = mapped_column(String(13))
    ward_code: Mapped[str | None] = mapped_column(String(5))
    province_code: Mapped[str | None] = mapped_column(String(2))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    note_vi: Mapped[str | None] = mapped_column(Text)
    note_en: Mapped[str | None] = mapped_column(Text)
    # A picture of the step (re-encoded upload), shown on the story.
    photo_path: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    batch: Mapped[Batch] = relationship(overlaps="events")

    __table_args__ = (
        CheckConstraint(
            "event_type IN ('ObjectEvent', 'AggregationEvent', 'TransformationEvent')",
            name="event_type_known",
        ),
        CheckConstraint(
            "action IS NULL OR action IN ('ADD', 'OBSERVE', 'DELETE')",
            name="action_known",
        ),
    )

"""The outbox of records waiting to reach the national traceability portal."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import Model
from webapp.models.types import UTCDateTime, utcnow

PORTAL_KINDS = ("organisation", "product", "production_order", "chain", "stage")
PORTAL_STATES = ("queued", "sending", "retrying", "done", "rejected")


class PortalItem(Model):
    """One of our records to create on the portal, sent once, in order.

    `parent` must be done first (a product needs its organisation, a stage
    event its chain). `remote_id` is what the portal answered (its id, or the
    trace code for a chain). Created once per record: (kind, object_id) is
    unique, so nothing is queued twice.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int]
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("portal_item.id"))
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    remote_id: Mapped[str | None] = mapped_column(String(80))
    error_code: Mapped[str | None] = mapped_column(String(40))
    error_detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    parent: Mapped[PortalItem | None] = relationship(remote_side=[id])

    __table_args__ = (
        UniqueConstraint("kind", "object_id", name="one_item_per_record"),
        CheckConstraint(
            "kind IN ('organisation', 'product', 'production_order', 'chain', 'stage')",
            name="kind_known",
        ),
        CheckConstraint(
            "status IN ('queued', 'sending', 'retrying', 'done', 'rejected')",
            name="status_known",
        ),
    )

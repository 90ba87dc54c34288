"""Scans of stamps, and the per-serial aggregates detection reads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import Model
from webapp.models.stamps import BigId
from webapp.models.types import UTCDateTime, utcnow


class Scan(Model):
    """One scan as recorded; raw detail is pruned after the retention period.

    Device ids and client addresses are kept only as keyed hashes, positions
    only coarsened (about 1 km).
    """

    # A stamp's recent scans, found at once however long its history: a reload
    # of the same story is the same scan (services/scans/repeats), and the dossier
    # lists the latest. Never-issued codes have a small index of their own.
    __table_args__ = (
        Index("ix_scan_stamp_recent", "stamp_id", "scanned_at"),
        Index(
            "ix_scan_unknown_recent",
            "serial",
            "scanned_at",
            postgresql_where=text("stamp_id IS NULL"),
            sqlite_where=text("stamp_id IS NULL"),
        ),
    )

    # On PostgreSQL the table is partitioned by month of scanned_at (migration
    # 0021, services/scans/scan_partitions), and its primary key is (id, scanned_at)
    # as partitioning requires; ids still come from one sequence.
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    stamp_id: Mapped[int | None] = mapped_column(ForeignKey("stamp.id"))
    gtin: Mapped[str | None] = mapped_column(String(14))
    lot: Mapped[str | None] = mapped_column(String(20))
    serial: Mapped[str | None] = mapped_column(String(20))
    scanned_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, index=True
    )
    role: Mapped[str] = mapped_column(String(12), default="shopper")
    device_hash: Mapped[str] = mapped_column(String(64))
    network_hash: Mapped[str] = mapped_column(String(64))
    location_consent: Mapped[bool] = mapped_column(default=False)
    province_code: Mapped[str | None] = mapped_column(String(2))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    verdict: Mapped[str] = mapped_column(String(12))
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    notices: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Kept here for the answer to a resend; unique in ScanIdempotency, since a
    # unique index on a table partitioned by month must hold the month too.
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    # When the phone says a scan it queued offline was made, if plausible; the
    # rules go by it. scanned_at is the server's time of receipt.
    made_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ScanIdempotency(Model):
    """The scan an idempotency key (its scoped hash) recorded: one scan per key,
    whatever the month. Deleted with the scan."""

    __tablename__ = "scan_idempotency"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    scan_id: Mapped[int] = mapped_column(BigId)
    # The scan's own: it finds the scan within its month, and goes with it.
    scanned_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SerialStats(Model):
    """Running aggregates of one stamp's scans, kept when raw scans are pruned."""

    stamp_id: Mapped[int] = mapped_column(ForeignKey("stamp.id"), primary_key=True)
    scan_count: Mapped[int] = mapped_column(default=0)
    shopper_scans: Mapped[int] = mapped_column(default=0)
    devices: Mapped[int] = mapped_column(default=0)
    effective_devices: Mapped[int] = mapped_column(default=0)
    provinces: Mapped[list[str]] = mapped_column(JSON, default=list)
    first_scan_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_scan_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_position_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_latitude: Mapped[float | None]
    last_longitude: Mapped[float | None]
    last_device_hash: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_device_hash: Mapped[str | None] = mapped_column(String(64))
    claimed_province_code: Mapped[str | None] = mapped_column(String(2))
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Bounded location evidence with its sources (services/scans/evidence).
    evidence: Mapped[dict | None] = mapped_column(JSON, default=dict)
    # When a human found the item genuine, and the devices counted by then.
    cleared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cleared_devices: Mapped[int] = mapped_column(default=0)


class SerialDevice(Model):
    """A shopper device that has scanned a stamp (one row per device, not per scan)."""

    stamp_id: Mapped[int] = mapped_column(ForeignKey("stamp.id"), primary_key=True)
    device_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    network_hash: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SerialNetwork(Model):
    """How new devices arrived from one client network for one stamp."""

    stamp_id: Mapped[int] = mapped_column(ForeignKey("stamp.id"), primary_key=True)
    network_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    steady: Mapped[int] = mapped_column(default=0)
    bursts: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    window_count: Mapped[int] = mapped_column(default=0)
    # A device already counted for this stamp has used this network (its household).
    linked: Mapped[bool] = mapped_column(default=False)

"""Delete raw scan detail after the retention period; the counts stay."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from webapp.models import (
    Scan,
    ScanIdempotency,
    SerialDevice,
    SerialNetwork,
    SerialStats,
)
from webapp.services.scans import scan_partitions
from webapp.services.scans.evidence import Evidence, forgotten


@dataclass(frozen=True)
class PrunedScans:
    """What one run of the scan retention job deleted."""

    scans: int
    devices: int  # rows of one device on one serial
    networks: int  # rows of one client network on one serial
    months: int = 0  # whole months dropped (PostgreSQL's partitions)


def prune_scans(session: Session, now: datetime, retention_days: int) -> PrunedScans:
    """Delete scans older than the retention period, and what they left behind.

    A serial nobody scanned within the period also loses its rows per device
    and per network, the hashes and position of its last scan, and the hashes
    and positions of its location evidence (each source stays one): what stays
    are counts, provinces, flags and times, which identify nobody. A PIN claim
    keeps its device hash, so the buyer who claimed it is still recognised.
    """
    cutoff = now - timedelta(days=retention_days)
    # On PostgreSQL whole months go at once; the rows left to delete one by
    # one are those of the month at the boundary (and the default partition's).
    dropped = scan_partitions.drop_before(session, cutoff)
    result = session.execute(delete(Scan).where(Scan.scanned_at < cutoff))
    session.execute(delete(ScanIdempotency).where(ScanIdempotency.scanned_at < cutoff))
    quiet = select(SerialStats.stamp_id).where(SerialStats.last_scan_at < cutoff)
    _lock_quiet_with_rows(session, cutoff)
    devices = session.execute(
        delete(SerialDevice).where(SerialDevice.stamp_id.in_(quiet))
    )
    networks = session.execute(
        delete(SerialNetwork).where(SerialNetwork.stamp_id.in_(quiet))
    )
    session.execute(
        update(SerialStats)
        .where(SerialStats.last_scan_at < cutoff)
        .where(
            (SerialStats.last_device_hash.is_not(None))
            | (SerialStats.last_latitude.is_not(None))
        )
        .values(
            last_device_hash=None,
            last_latitude=None,
            last_longitude=None,
            last_position_at=None,
        )
        .execution_options(synchronize_session=False)
    )
    _forget_evidence(session, cutoff)
    # A DELETE's result is a CursorResult; SQLAlchemy types Session.execute() as
    # returning the Result base, which has no rowcount.
    return PrunedScans(
        dropped.scans + (result.rowcount or 0),  # type: ignore[attr-defined]
        devices.rowcount or 0,  # type: ignore[attr-defined]
        networks.rowcount or 0,  # type: ignore[attr-defined]
        len(dropped.months),
    )


def _lock_quiet_with_rows(session: Session, cutoff: datetime) -> None:
    """Take the lock of each quiet serial whose device or network rows are about
    to go, as every change to what that lock guards does: writing its
    aggregates' row is what tells a scan that read those rows before, without
    the lock, to read them again (scan_store.LockingLookup)."""
    holding = select(SerialDevice.stamp_id).union(select(SerialNetwork.stamp_id))
    session.execute(
        update(SerialStats)
        .where(SerialStats.last_scan_at < cutoff, SerialStats.stamp_id.in_(holding))
        .values(stamp_id=SerialStats.stamp_id)
        .execution_options(synchronize_session=False)
    )


def _forget_evidence(session: Session, cutoff: datetime) -> None:
    """Location evidence of quiet serials keeps no hash and no position."""
    quiet = (
        select(SerialStats)
        .where(SerialStats.last_scan_at < cutoff, SerialStats.evidence.is_not(None))
        .execution_options(yield_per=500)
    )
    for stats in session.scalars(quiet):
        kept = forgotten(Evidence.from_json(stats.evidence)).to_json()
        if kept != stats.evidence:
            stats.evidence = kept

"""Append to and check the hash-chained issuance log.

No blockchain is needed for the two questions that matter: were more stamps
made for a batch than were recorded (a stamp whose serial is not covered by
its record's digest), and was a record changed after the fact (its hash, or
the next record's link to it, no longer matches).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Batch, IssuanceRecord, Stamp, User

GENESIS = "0" * 64


def serials_digest(serials: Iterable[str]) -> str:
    """SHA-256 over the sorted serials, one per line."""
    return hashlib.sha256("\n".join(sorted(serials)).encode()).hexdigest()


def record_hash(record: IssuanceRecord, batch: Batch) -> str:
    """The hash that seals a record and chains it to the one before."""
    fields = [
        record.previous_hash,
        str(record.id),
        batch.product.gtin,
        batch.lot_code,
        str(record.batch_id),
        str(record.count),
        "pin" if record.with_pin else "no-pin",
        record.serials_digest,
        _moment(record.issued_at),
        record.issued_by_label,
    ]
    return hashlib.sha256("|".join(fields).encode()).hexdigest()


def append(
    session: Session,
    batch: Batch,
    serials: list[str],
    with_pin: bool,
    at: datetime,
    issued_by: User | None,
    issued_by_label: str,
) -> IssuanceRecord:
    """Add the record for a new issuance; the caller inserts its stamps and commits.

    The unique previous_hash makes a concurrent issuance that read the same
    last record fail at commit instead of forking the chain.
    """
    last = session.scalar(select(IssuanceRecord).order_by(IssuanceRecord.id.desc()))
    record = IssuanceRecord(
        batch=batch,
        issued_by=issued_by,
        issued_by_label=issued_by.email if issued_by else issued_by_label,
        issued_at=at,
        count=len(serials),
        with_pin=with_pin,
        serials_digest=serials_digest(serials),
        previous_hash=last.record_hash if last else GENESIS,
        record_hash="",
    )
    session.add(record)
    session.flush()  # the id is part of what the hash seals
    record.record_hash = record_hash(record, batch)
    return record


@dataclass
class ChainCheck:
    """What checking the log found; empty problems means intact."""

    records: int = 0
    stamps: int = 0
    problems: list[tuple[int | None, str]] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def records_of(session: Session, batch: Batch) -> list[IssuanceRecord]:
    """A batch's issuances, the latest first."""
    return list(
        session.scalars(
            select(IssuanceRecord)
            .where(IssuanceRecord.batch_id == batch.id)
            .order_by(IssuanceRecord.id.desc())
        )
    )


def check_chain(session: Session) -> ChainCheck:
    """Re-derive every record's hash and digest from the data as it is now."""
    result = ChainCheck()
    previous = GENESIS
    for record in session.scalars(select(IssuanceRecord).order_by(IssuanceRecord.id)):
        result.records += 1
        if record.previous_hash != previous:
            result.problems.append((record.id, "broken_link"))
        if record.record_hash != record_hash(record, record.batch):
            result.problems.append((record.id, "record_changed"))
        serials = _serials_of(session, record.id)
        result.stamps += len(serials)
        if (
            serials_digest(serials) != record.serials_digest
            or len(serials) != record.count
        ):
            result.problems.append((record.id, "stamps_differ"))
        previous = record.record_hash
    unlogged = session.scalar(
        select(Stamp.id).where(Stamp.issuance_id.is_(None)).limit(1)
    )
    if unlogged is not None:
        result.problems.append((None, "stamps_outside_log"))
    return result


@dataclass(frozen=True)
class SerialCheck:
    """Whether a serial is vouched for by an intact issuance record."""

    record: IssuanceRecord | None
    problem: str | None  # not_logged, record_changed, stamps_differ, other_batch


def check_serial(session: Session, stamp: Stamp) -> SerialCheck:
    """Check one stamp against its issuance record (and that record's seal)."""
    record = (
        session.get(IssuanceRecord, stamp.issuance_id) if stamp.issuance_id else None
    )
    if record is None:
        return SerialCheck(None, "not_logged")
    if record.batch_id != stamp.batch_id:
        return SerialCheck(record, "other_batch")
    if record.record_hash != record_hash(record, record.batch):
        return SerialCheck(record, "record_changed")
    following = session.scalar(
        select(IssuanceRecord.previous_hash)
        .where(IssuanceRecord.id > record.id)
        .order_by(IssuanceRecord.id)
        .limit(1)
    )
    if following is not None and following != record.record_hash:
        return SerialCheck(record, "record_changed")
    serials = _serials_of(session, record.id)
    if serials_digest(serials) != record.serials_digest:
        return SerialCheck(record, "stamps_differ")
    return SerialCheck(record, None)


def _serials_of(session: Session, issuance_id: int) -> list[str]:
    return list(
        session.scalars(select(Stamp.serial).where(Stamp.issuance_id == issuance_id))
    )


def _moment(at: datetime) -> str:
    """A timestamp as the same text on SQLite and PostgreSQL (UTC, microseconds)."""
    return at.astimezone(UTC).isoformat(timespec="microseconds")

"""Which demo stamps to suggest trying first, chosen as of the day they are shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from webapp.models import OPEN_STATUSES, Alert, Batch, Case, Scan, Stamp


@dataclass(frozen=True)
class Suggestion:
    label: str
    url: str
    pin: str


def suggestions(session: Session, rows: list[dict], today: date) -> list[Suggestion]:
    """A fresh genuine stamp, one with a PIN, the recall example, the busiest copy.

    rows are the demo's codes (url, gtin, lot, serial, pin, regions).
    """
    stamps = {
        stamp.serial: stamp
        for stamp in session.scalars(
            select(Stamp).options(joinedload(Stamp.batch).joinedload(Batch.product))
        )
    }
    scanned = set(session.scalars(select(Scan.serial).distinct()))
    fresh = [
        row
        for row in rows
        if row["serial"] not in scanned and _current(stamps.get(row["serial"]), today)
    ]
    plain = next((row for row in fresh if not row["pin"]), None)
    with_pin = next(
        (
            row
            for row in fresh
            if row["pin"] and row["gtin"] != (plain or {}).get("gtin")
        ),
        next((row for row in fresh if row["pin"]), None),
    )
    recalled = next(
        (row for row in rows if _batch_status(stamps, row) == "recalled"), None
    )
    copied = _busiest_copy(session, rows)
    chosen = [
        ("genuine, never scanned", plain),
        ("with a scratch-off PIN", with_pin),
        ("from a recalled batch", recalled),
        ("copied: scanned by many phones", copied),
    ]
    return [Suggestion(label, row["url"], row["pin"]) for label, row in chosen if row]


def _current(stamp: Stamp | None, today: date) -> bool:
    """Genuine, on sale and unexpired today, with a valid OCOP certificate."""
    if stamp is None or stamp.status != "active" or stamp.confirmed_fake_at:
        return False
    batch = stamp.batch
    return (
        batch.status == "active"
        and (batch.expires_on is None or batch.expires_on >= today)
        and batch.product.certificate_valid_on(today)
    )


def _batch_status(stamps: dict[str, Stamp], row: dict) -> str | None:
    stamp = stamps.get(row["serial"])
    return stamp.batch.status if stamp is not None else None


def _busiest_copy(session: Session, rows: list[dict]) -> dict | None:
    """The stamp of the open case with the most flagged scans."""
    serial = session.scalar(
        select(Stamp.serial)
        .join(Case, Case.stamp_id == Stamp.id)
        .join(Alert, Alert.case_id == Case.id)
        .where(Case.status.in_(OPEN_STATUSES))
        .order_by(Alert.flagged_scans.desc(), Case.id)
        .limit(1)
    )
    return next((row for row in rows if row["serial"] == serial), None)

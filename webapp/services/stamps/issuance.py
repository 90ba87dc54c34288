"""Issue serialised stamps for a batch and hand out their codes once."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from webapp.models import Batch, Product, Stamp, User, utcnow
from webapp.models.codes import StampStatus
from webapp.services.catalog import batches
from webapp.services.common.csv_cells import safe_row
from webapp.services.common.errors import Refusal
from webapp.services.common.settings import Settings
from webapp.services.stamps import issuance_log, serials
from webapp.services.stamps.stamp_signatures import Signer, signed_uri
from webapp.services.standards.digital_link import DigitalLink

MAX_STAMPS_PER_ISSUE = 100_000
CSV_COLUMNS = ("url", "gtin", "lot", "serial", "pin", "regions")


class IssuanceError(Refusal):
    """The stamps cannot be issued as asked; `code` says why."""


@dataclass(frozen=True)
class IssuedStamp:
    """A new stamp as the printer needs it; the PIN exists only here."""

    url: str
    gtin: str
    lot: str
    serial: str
    pin: str | None
    regions: tuple[str, ...]
    issuance_id: int | None = None  # the issuance record it was logged in

    def csv_row(self) -> list[str]:
        return [
            self.url,
            self.gtin,
            self.lot,
            self.serial,
            self.pin or "",
            ";".join(self.regions),
        ]


def find_batch(session: Session, reference: str, gtin: str | None = None) -> Batch:
    """Find a batch by numeric id, or by lot code (with gtin when ambiguous)."""
    if reference.isdigit() and gtin is None:
        batch = session.get(Batch, int(reference))
        if batch is not None:
            return batch
    stmt = select(Batch).join(Batch.product).where(Batch.lot_code == reference)
    if gtin:
        stmt = stmt.where(Product.gtin == gtin)
    found = session.scalars(stmt).all()
    if not found:
        raise IssuanceError("no_batch", "batch", reference=reference)
    if len(found) > 1:
        raise IssuanceError("lot_ambiguous", "batch", reference=reference)
    return found[0]


def issue_stamps(
    session: Session,
    batch: Batch,
    count: int,
    settings: Settings,
    with_pin: bool = False,
    issued_by: User | None = None,
    issued_by_label: str = "system",
    at: datetime | None = None,
) -> list[IssuedStamp]:
    """Add count new stamps for batch, and their issuance record; the caller commits.

    at is when they were issued: now, unless loading a history (the demo).
    """
    if count > MAX_STAMPS_PER_ISSUE:
        raise IssuanceError("count_invalid", "count", most=MAX_STAMPS_PER_ISSUE)
    problem = batches.can_issue(session, batch, count)
    if problem:
        raise IssuanceError(
            problem,
            "count",
            lot=batch.lot_code,
            status=batch.status,
            most=MAX_STAMPS_PER_ISSUE,
        )
    key, base_url = settings.stamp_keys[0], settings.base_url
    gtin, lot = batch.product.gtin, batch.lot_code
    regions = tuple(batch.province_codes)
    codes: dict[str, str | None] = {}
    while len(codes) < count:
        codes.setdefault(serials.new_serial(gtin, lot, key), None)
    if with_pin:
        codes = {serial: serials.new_pin() for serial in codes}
    now = at or utcnow()
    record = issuance_log.append(
        session, batch, list(codes), with_pin, now, issued_by, issued_by_label
    )
    rows = [
        {
            "batch_id": batch.id,
            "issuance_id": record.id,
            "serial": serial,
            "status": StampStatus.ACTIVE.value,
            "pin_hash": serials.hash_pin(pin, serial, key) if pin else None,
            "issued_at": now,
        }
        for serial, pin in codes.items()
    ]
    session.execute(insert(Stamp), rows)
    signer = Signer(key, batch.product.organisation_id)
    return [
        IssuedStamp(
            printed_link(signer, base_url, gtin, lot, serial),
            gtin,
            lot,
            serial,
            pin,
            regions,
            record.id,
        )
        for serial, pin in codes.items()
    ]


def printed_link(
    signer: Signer, base_url: str, gtin: str, lot: str | None, serial: str
) -> str:
    """The link a stamp's QR carries: the item's Digital Link, signed."""
    link = DigitalLink(gtin, lot=lot, serial=serial).uri(base_url)
    return signed_uri(link, signer.query_value(gtin, lot, serial))


def write_codes_csv(path: Path, stamps: Iterable[IssuedStamp]) -> Path:
    """Write the codes to a temporary file beside path; the caller publishes it.

    PINs exist nowhere else, so the file is written completely before the
    stamps are committed, and moved into place only after the commit.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(safe_row(stamp.csv_row()) for stamp in stamps)
    return Path(temp_name)


def commit_with_codes(
    session: Session, staged: Path | None, target: Path | None
) -> None:
    """Commit the new stamps only once their codes are on disk, then publish them.

    staged is what write_codes_csv (or a print job's staging folder) holds:
    the only copy of the PINs. A failed commit removes it, so no file names
    stamps that do not exist; after the commit it moves to target, whole.
    """
    try:
        session.commit()
    except Exception:
        session.rollback()
        if staged is not None:
            _remove(staged)
        raise
    if staged is not None and target is not None:
        staged.replace(target)


def _remove(staged: Path) -> None:
    if staged.is_dir():
        shutil.rmtree(staged, ignore_errors=True)
    else:
        staged.unlink(missing_ok=True)

"""File a consumer's report of a suspected fake."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from webapp.models import Batch, Product, Report, ReportPhoto, Stamp, utcnow
from webapp.services.casework.cases import attach_report
from webapp.services.casework.contacts import seal
from webapp.services.common.errors import DigitalLinkError
from webapp.services.common.photos import StoredPhoto
from webapp.services.stamps import serials
from webapp.services.standards import digital_link

REFERENCE_LENGTH = 8


@dataclass(frozen=True)
class ReportInput:
    """What the reporter told us, already validated by the form."""

    code_text: str | None
    province_code: str | None
    ward_code: str | None
    place: str
    bought_on: date | None
    price_vnd: int | None
    problems: list[str]
    description: str | None
    contact: str | None
    lang: str
    idempotency_key: str | None = None


class ReportAlreadyFiled(Exception):
    """The report's idempotency key was filed before: its sender is resending.

    `report` is the one filed first; nothing new was stored.
    """

    def __init__(self, report: Report) -> None:
        super().__init__(report.reference)
        self.report = report


def new_reference() -> str:
    """A short reference a person can read out on the phone: R-7K2P9Q4M."""
    body = "".join(secrets.choice(serials.ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"R-{body}"


def file_report(
    session: Session,
    data: ReportInput,
    photos: Sequence[StoredPhoto] | Callable[[], Sequence[StoredPhoto]] = (),
    privacy_key: str | None = None,
) -> Report:
    """Add the report to its case (the caller commits) and return it.

    A contact is stored only sealed under the privacy key. A report whose
    idempotency key was filed before raises ReportAlreadyFiled (with the first
    one) and stores nothing: photos given as a callable are stored only for a
    new report. When two copies arrive at once the database refuses the second:
    the session is rolled back and ReportAlreadyFiled raised for it too.
    """
    if data.contact and not privacy_key:
        raise ValueError("a contact is stored only sealed: pass the privacy key")
    earlier = filed_under(session, data.idempotency_key)
    if earlier is not None:
        raise ReportAlreadyFiled(earlier)
    if callable(photos):
        photos = photos()
    gtin = lot = serial = None
    if data.code_text:
        gtin, lot, serial = _identifiers(data.code_text)
    report = Report(
        reference=new_reference(),
        code_text=data.code_text,
        gtin=gtin,
        lot=lot,
        serial=serial,
        province_code=data.province_code,
        ward_code=data.ward_code,
        place=data.place,
        bought_on=data.bought_on,
        price_vnd=data.price_vnd,
        problems=list(data.problems),
        description=data.description,
        contact_sealed=(
            seal(data.contact, privacy_key) if data.contact and privacy_key else None
        ),
        lang=data.lang,
        idempotency_key=data.idempotency_key,
        created_at=utcnow(),
        photos=[
            ReportPhoto(
                path=p.path, width=p.width, height=p.height, size_bytes=p.size_bytes
            )
            for p in photos
        ],
    )
    try:
        session.add(report)
        stamp, batch = _named(session, gtin, lot, serial)
        attach_report(session, report, stamp, batch)
        if data.idempotency_key:  # inserted now: a copy filed meanwhile shows
            session.flush()
    except IntegrityError:
        earlier = _filed_meanwhile(session, data.idempotency_key)
        if earlier is None:
            raise
        raise ReportAlreadyFiled(earlier) from None
    return report


def _filed_meanwhile(session: Session, key: str | None) -> Report | None:
    """After a refused insert: the copy another request filed under the key."""
    if not key:
        return None
    session.rollback()
    return filed_under(session, key)


def filed_under(session: Session, key: str | None) -> Report | None:
    """The report filed with this (scoped) idempotency key, if any."""
    if not key:
        return None
    return session.scalar(select(Report).where(Report.idempotency_key == key))


def by_reference(session: Session, typed: str) -> Report | None:
    """The report a person's typed reference names, if it exists."""
    reference = normalize_reference(typed)
    if reference is None:
        return None
    return session.scalar(select(Report).where(Report.reference == reference))


@dataclass(frozen=True)
class Progress:
    """The path a report has taken, as the reporter follows it."""

    looked_at: bool  # an inspector took the case, or inspected the item
    closed_as: str | None  # the case's outcome once closed
    closed_at: datetime | None


def progress_of(report: Report) -> Progress:
    """Received → looked at (only when it was) → closed with its outcome."""
    case = report.case
    if case is None:
        return Progress(False, None, None)
    looked_at = case.assigned_to_id is not None or case.status == "investigating"
    if case.is_open:
        return Progress(looked_at, None, None)
    return Progress(looked_at, case.status, case.updated_at)


def normalize_reference(text: str) -> str | None:
    """R-7K2P9Q4M from what a person typed (r-7k2p 9q4m, 7K2P9Q4M…), else None."""
    body = serials.normalize_typed(text)
    if len(body) == REFERENCE_LENGTH + 1 and body.startswith("R"):
        body = body[1:]
    if len(body) != REFERENCE_LENGTH or any(c not in serials.ALPHABET for c in body):
        return None
    return f"R-{body}"


def _named(session: Session, gtin, lot, serial) -> tuple[Stamp | None, Batch | None]:
    """The stamp and batch a report names, where they exist."""
    stamp = None
    if serial:
        stmt = select(Stamp).where(Stamp.serial == serial)
        stamp = session.scalar(stmt)
    if stamp is not None:
        return stamp, stamp.batch
    if gtin and lot:
        batch = session.scalar(
            select(Batch)
            .join(Batch.product)
            .where(Product.gtin == gtin, Batch.lot_code == lot)
        )
        return None, batch
    return None, None


def _identifiers(code_text: str) -> tuple[str | None, str | None, str | None]:
    """GTIN, lot and serial from a link; a bare serial when that is all there is."""
    try:
        link = digital_link.parse(code_text)
    except DigitalLinkError:
        candidate = serials.normalize_typed(code_text)
        return None, None, candidate if serials.looks_like_serial(candidate) else None
    return link.gtin, link.lot, link.serial

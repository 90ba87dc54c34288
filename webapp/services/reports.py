"""File a consumer's report of a suspected fake."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from webapp.models import Report
from webapp.services import digital_link, serials
from webapp.services.errors import DigitalLinkError

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


def new_reference() -> str:
    """A short reference a person can read out on the phone: R-7K2P9Q4M."""
    body = "".join(secrets.choice(serials.ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"R-{body}"


def file_report(session: Session, data: ReportInput) -> Report:
    """Add the report to the session (the caller commits) and return it."""
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
        contact=data.contact,
        lang=data.lang,
    )
    session.add(report)
    return report


def _identifiers(code_text: str) -> tuple[str | None, str | None, str | None]:
    """GTIN, lot and serial from a link; a bare serial when that is all there is."""
    try:
        link = digital_link.parse(code_text)
    except DigitalLinkError:
        candidate = serials.normalize_typed(code_text)
        return None, None, candidate if serials.looks_like_serial(candidate) else None
    return link.gtin, link.lot, link.serial

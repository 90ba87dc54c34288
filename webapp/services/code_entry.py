"""Make sense of a code a person typed or pasted: a whole link or a bare serial."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from webapp.models import Batch, Stamp
from webapp.services import digital_link, serials
from webapp.services.digital_link import DigitalLink
from webapp.services.errors import DigitalLinkError


@dataclass(frozen=True)
class Entry:
    """The link a typed code stands for, or why it stands for none."""

    link: DigitalLink | None
    problem: str | None = None
    foreign_host: str | None = None


def interpret(session: Session, text: str) -> Entry:
    """Read text as a Digital Link (URL or path) or as a printed serial."""
    text = text.strip()
    if not text:
        return Entry(None, "empty")
    if "/01/" in text or text.startswith("01/"):
        try:
            link = digital_link.parse(text if "/01/" in text else f"/{text}")
        except DigitalLinkError as error:
            return Entry(None, error.code)
        return Entry(link)
    candidate = serials.normalize_typed(text)
    if not serials.looks_like_serial(candidate):
        return Entry(None, "not_a_code")
    stamp = session.scalar(
        select(Stamp)
        .where(Stamp.serial == candidate)
        .options(joinedload(Stamp.batch).joinedload(Batch.product))
    )
    if stamp is None:
        return Entry(None, "unknown_code")
    batch = stamp.batch
    return Entry(
        DigitalLink(batch.product.gtin, lot=batch.lot_code, serial=stamp.serial)
    )

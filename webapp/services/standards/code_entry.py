"""Make sense of a code a person typed, pasted or scanned: a link, or a bare serial."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from webapp.models import Batch, Stamp
from webapp.services.common.errors import DigitalLinkError
from webapp.services.stamps import serials
from webapp.services.standards import digital_link
from webapp.services.standards.digital_link import DigitalLink


@dataclass(frozen=True)
class Entry:
    """The link a code stands for, or why it stands for none.

    A link on another website that imitates ours keeps its parsed form in
    `foreign_link`, so the visitor can check the same code with us instead.
    """

    link: DigitalLink | None
    problem: str | None = None
    foreign_host: str | None = None
    foreign_link: DigitalLink | None = None


def interpret(session: Session, text: str, own_hosts: Collection[str]) -> Entry:
    """Read text as one of our Digital Links, another site's link, or a serial."""
    text = text.strip()
    if not text:
        return Entry(None, "empty")
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") and parts.netloc.lower() not in own_hosts:
        return _foreign(text, parts.netloc.lower())
    if "/01/" in text or text.startswith("01/"):
        try:
            return Entry(digital_link.parse(text if "/01/" in text else f"/{text}"))
        except DigitalLinkError as error:
            return Entry(None, error.code)
    if parts.scheme:
        return Entry(None, "not_ours")
    return _typed_serial(session, text)


def _foreign(text: str, host: str) -> Entry:
    if "/01/" not in text:
        return Entry(None, "not_ours")
    try:
        link = digital_link.parse(text)
    except DigitalLinkError:
        link = None
    return Entry(None, "foreign_host", foreign_host=host, foreign_link=link)


def _typed_serial(session: Session, text: str) -> Entry:
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

"""Build and parse GS1 Digital Link URIs for GTIN-identified items.

Supported: `/01/{gtin}` with the key qualifiers 22 (variant), 10 (lot) and
21 (serial) in that order, or 235 (third-party serial extension) alone, an
optional path prefix before `/01/`, and the expiry date (AI 17) as a query
attribute or, leniently, as a last path pair (redirected to the query). Every
AI in the query is checked against GS1's AI table (`dl_syntax`); query
parameters that are not AIs (linkType, s, …) pass through.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from webapp.services.common.errors import DigitalLinkError
from webapp.services.standards import dl_syntax
from webapp.services.standards.gtin import normalize_gtin

QUALIFIER_ORDER = ("22", "10", "21")
QUALIFIER_NAMES = {"22": "variant", "10": "lot", "21": "serial", "235": "extension"}
MAX_VALUE_LENGTH = 20
# GS1 AI encodable character set 82 (General Specifications, figure 7.11-1).
CSET82 = re.compile(r"[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+")
PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class DigitalLink:
    """The identifiers one Digital Link carries."""

    gtin: str
    lot: str | None = None
    serial: str | None = None
    variant: str | None = None
    expiry: date | None = None
    extension: str | None = None  # AI 235, instead of 22/10/21
    attributes: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def level(self) -> str:
        """'item' with a serial, 'batch' with a lot only, else 'product'."""
        if self.serial:
            return "item"
        return "batch" if self.lot else "product"

    @property
    def path(self) -> str:
        """The canonical path, e.g. /01/08931234567897/10/L1/21/A7K2."""
        parts = ["", "01", self.gtin]
        if self.extension:
            return "/".join([*parts, "235", quote(self.extension, safe="")])
        for ai in QUALIFIER_ORDER:
            value = getattr(self, QUALIFIER_NAMES[ai])
            if value:
                parts += [ai, quote(value, safe="")]
        return "/".join(parts)

    @property
    def query(self) -> str:
        return f"17={format_expiry(self.expiry)}" if self.expiry else ""

    def uri(self, base_url: str) -> str:
        """The full URI on base_url (scheme, host and optional path prefix)."""
        query = f"?{self.query}" if self.query else ""
        return f"{base_url.rstrip('/')}{self.path}{query}"


def build(
    base_url: str,
    gtin: str,
    lot: str | None = None,
    serial: str | None = None,
    expiry: date | None = None,
    variant: str | None = None,
) -> str:
    """Validate the parts and return the canonical Digital Link URI."""
    link = DigitalLink(
        gtin=normalize_gtin(gtin),
        lot=_checked_value(lot, "lot") if lot is not None else None,
        serial=_checked_value(serial, "serial") if serial is not None else None,
        variant=_checked_value(variant, "variant") if variant is not None else None,
        expiry=expiry,
    )
    return link.uri(base_url)


def parse(text: str, today: date | None = None) -> DigitalLink:
    """Parse a Digital Link URI, or just its path, into its identifiers."""
    return _parse_kept(text, today or date.today())


# Phones scan the same few thousand stamps over and over: a link parsed once
# is not parsed again (links that fail are not kept; the table is bounded).
@lru_cache(maxsize=4096)
def _parse_kept(text: str, today: date) -> DigitalLink:
    link = _parse(text, today)
    return replace(link, attributes=MappingProxyType(link.attributes))


def _parse(text: str, today: date) -> DigitalLink:
    split = urlsplit(text.strip())
    segments = [s for s in split.path.split("/")]
    while segments and segments[-1] == "":
        segments.pop()
    try:
        start = next(i for i in range(len(segments) - 1) if segments[i] == "01")
    except StopIteration:
        raise DigitalLinkError("not_digital_link", "path", text) from None
    gtin = normalize_gtin(_decode(segments[start + 1], "gtin"))
    qualifiers, path_expiry = _parse_pairs(segments[start + 2 :], today)
    query_expiry, attributes = _parse_query(split.query, today)
    if path_expiry and query_expiry and path_expiry != query_expiry:
        raise DigitalLinkError("conflicting_expiry", "expiry")
    extension = qualifiers.get("235")
    canonical_path = DigitalLink(
        gtin,
        lot=qualifiers.get("10"),
        serial=qualifiers.get("21"),
        variant=qualifiers.get("22"),
        extension=extension,
    ).path
    # GS1's AI table: the AIs of the query, as the path now reads canonically.
    dl_syntax.check(
        f"{canonical_path}?{split.query}" if split.query else canonical_path
    )
    return DigitalLink(
        gtin=gtin,
        lot=qualifiers.get("10"),
        serial=qualifiers.get("21"),
        variant=qualifiers.get("22"),
        expiry=path_expiry or query_expiry,
        extension=extension,
        attributes=attributes,
    )


def _parse_pairs(
    segments: list[str], today: date | None
) -> tuple[dict[str, str], date | None]:
    if len(segments) % 2:
        raise DigitalLinkError("missing_value", "path", "/".join(segments))
    qualifiers: dict[str, str] = {}
    expiry = None
    last_rank = -1
    for ai, raw in zip(segments[::2], segments[1::2], strict=True):
        if expiry is not None:  # AI 17 is only tolerated as the very last pair
            raise DigitalLinkError("qualifier_order", "path", ai)
        if ai == "17":
            expiry = parse_expiry(_decode(raw, "expiry"), today)
            continue
        if ai == "235" or "235" in qualifiers:  # the other order: 235 alone
            if qualifiers:
                raise DigitalLinkError("qualifier_order", "path", ai)
            qualifiers[ai] = _decode(raw, "extension")
            continue
        if ai not in QUALIFIER_ORDER:
            raise DigitalLinkError("unknown_qualifier", "path", ai)
        if ai in qualifiers:
            raise DigitalLinkError("duplicate_qualifier", QUALIFIER_NAMES[ai], ai)
        rank = QUALIFIER_ORDER.index(ai)
        if rank < last_rank:
            raise DigitalLinkError("qualifier_order", QUALIFIER_NAMES[ai], ai)
        last_rank = rank
        name = QUALIFIER_NAMES[ai]
        qualifiers[ai] = _checked_value(_decode(raw, name), name)
    return qualifiers, expiry


def _parse_query(query: str, today: date | None) -> tuple[date | None, dict[str, str]]:
    expiry = None
    attributes: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key == "17":
            expiry = parse_expiry(value, today)
        elif key.isdigit():
            attributes[key] = value
    return expiry, attributes


def _decode(raw: str, part: str) -> str:
    if PERCENT.search(raw):
        raise DigitalLinkError("bad_encoding", part, raw)
    try:
        value = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        raise DigitalLinkError("bad_encoding", part, raw) from None
    if not value:
        raise DigitalLinkError("missing_value", part, raw)
    return value


def _checked_value(value: str, part: str) -> str:
    if not value:
        raise DigitalLinkError("missing_value", part, value)
    if len(value) > MAX_VALUE_LENGTH:
        raise DigitalLinkError("too_long", part, value)
    if not CSET82.fullmatch(value):
        raise DigitalLinkError("bad_characters", part, value)
    return value


def parse_expiry(text: str, today: date | None = None) -> date:
    """Read a GS1 YYMMDD date; day 00 means the last day of the month."""
    if len(text) != 6 or not (text.isascii() and text.isdigit()):
        raise DigitalLinkError("bad_expiry", "expiry", text)
    yy, month, day = int(text[:2]), int(text[2:4]), int(text[4:])
    if not 1 <= month <= 12:
        raise DigitalLinkError("bad_expiry", "expiry", text)
    year = _gs1_century(yy, today or date.today())
    last_day = calendar.monthrange(year, month)[1]
    if day == 0:
        day = last_day
    if day > last_day:
        raise DigitalLinkError("bad_expiry", "expiry", text)
    return date(year, month, day)


def format_expiry(value: date) -> str:
    return value.strftime("%y%m%d")


def _gs1_century(yy: int, today: date) -> int:
    """Pick the century that puts YY within -49..+50 years of today (GS1 7.12)."""
    century = today.year // 100 * 100
    difference = yy - today.year % 100
    if 51 <= difference <= 99:
        century -= 100
    elif -99 <= difference <= -50:
        century += 100
    return century + yy

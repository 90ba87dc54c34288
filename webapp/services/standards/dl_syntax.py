"""GS1 Digital Link URI syntax, checked as GS1's syntax engine checks it.

`check` takes a Digital Link URI (or its path and query) and returns the AI
element strings it carries, path first, or raises DigitalLinkError naming
what is wrong. The rules (GS1 Digital Link standard 1.4, as the engine in
gs1/gs1-syntax-engine applies them):

- the path info starts at its rightmost primary key (an AI marked `dlpkey`),
  whatever stem comes before; qualifiers follow in one of the key's orders;
- query parameters whose name is all digits are AIs: each must be a known AI
  allowed as a data attribute, with a non-empty valid value, and not one that
  belongs in the path as a qualifier of the key; other parameters (linkType,
  s, …) are not AIs and pass through untouched;
- no AI twice; values valid for their AI (format and check digits); an AI's
  requisite AIs present and its excluded ones absent;
- GTIN-8, -12 and -13 in the path or as (01) are accepted and padded to 14
  digits (the engine's "permit zero-suppressed GTIN" option), as printed
  codes of older issue still carry them.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from webapp.services.common.errors import DigitalLinkError
from webapp.services.standards import ai_table

URI_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")
HOST = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:\[\]]+")


def check(text: str) -> list[tuple[str, str]]:
    """The AIs and values of a Digital Link, or DigitalLinkError."""
    if not URI_CHARACTERS.fullmatch(text):
        raise DigitalLinkError("bad_characters", "path", text)
    absolute = bool(SCHEME.match(text))
    if absolute:
        scheme, _, rest = text.partition("://")
        host = rest.split("/", 1)[0].split("?", 1)[0]
        if scheme not in ("http", "https", "HTTP", "HTTPS") or not host:
            raise DigitalLinkError("not_digital_link", "path", text)
        if not HOST.fullmatch(host) or "%" in host:
            raise DigitalLinkError("not_digital_link", "path", host)
    split = urlsplit(text)
    path, query = split.path, split.query
    segments = path.split("/")[1:] if absolute else path.lstrip("/").split("/")
    if not segments or segments[-1] == "":
        raise DigitalLinkError("not_digital_link", "path", text)
    pairs = _path_pairs(segments)
    key, key_value = pairs[0]
    entry = ai_table.table()[key]
    qualifiers = [ai for ai, _ in pairs[1:]]
    alternatives = [
        alt for alt in entry.qualifiers or () if _in_order(qualifiers, list(alt))
    ]
    if qualifiers and not alternatives:
        unknown = [
            ai
            for ai in qualifiers
            if not any(ai in alt for alt in entry.qualifiers or ())
        ]
        code = "unknown_qualifier" if unknown else "qualifier_order"
        raise DigitalLinkError(code, "path", (unknown or qualifiers)[0])
    if not qualifiers:
        alternatives = list(entry.qualifiers or ())
    elements = [(ai, _value(ai, raw, "path")) for ai, raw in pairs]
    in_path = {ai for alt in alternatives for ai in alt}
    for name, raw in _query_pairs(query):
        if in_path and name in in_path:
            raise DigitalLinkError("qualifier_in_query", "query", name)
        attribute = ai_table.table().get(name)
        if attribute is None:
            raise DigitalLinkError("unknown_ai", "query", name)
        if not attribute.attribute:
            raise DigitalLinkError("not_an_attribute", "query", name)
        elements.append((name, _value(name, raw, "query", plus_is_space=True)))
    seen: set[str] = set()
    for ai, _ in elements:
        if ai in seen:
            raise DigitalLinkError("duplicate_ai", "query", ai)
        seen.add(ai)
    problem = ai_table.association_problem([ai for ai, _ in elements])
    if problem:
        raise DigitalLinkError("ai_association", "query", problem)
    return elements


def _path_pairs(segments: list[str]) -> list[tuple[str, str]]:
    """From the end, pairs back to the rightmost primary key."""
    pairs: list[tuple[str, str]] = []
    index = len(segments) - 2
    while index >= 0:
        ai, raw = segments[index], segments[index + 1]
        if not (ai.isascii() and ai.isdigit()):
            break
        pairs.insert(0, (ai, raw))
        entry = ai_table.table().get(ai)
        if entry is not None and entry.qualifiers is not None:
            return pairs
        index -= 2
    raise DigitalLinkError("not_digital_link", "path", "/".join(segments))


def _in_order(given: list[str], order: list[str]) -> bool:
    position = 0
    for ai in given:
        if ai not in order[position:]:
            return False
        position = order.index(ai, position) + 1
    return True


def _query_pairs(query: str) -> list[tuple[str, str]]:
    pairs = []
    for part in query.split("&"):
        if not part or "=" not in part:
            continue  # empty or a singleton: not an AI
        name, raw = part.split("=", 1)
        if name.isascii() and name.isdigit():
            pairs.append((name, raw))
    return pairs


def _value(ai: str, raw: str, part: str, plus_is_space: bool = False) -> str:
    if plus_is_space:
        raw = raw.replace("+", " ")
    if re.search(r"%(?![0-9A-Fa-f]{2})", raw):
        raise DigitalLinkError("bad_encoding", part, raw)
    try:
        value = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        raise DigitalLinkError("bad_encoding", part, raw) from None
    if not value:
        raise DigitalLinkError("missing_value", part, ai)
    if ai == "01" and len(value) in (8, 12, 13) and value.isdigit():
        value = value.zfill(14)
    problem = ai_table.value_problem(ai, value)
    if problem == "unknown AI":
        raise DigitalLinkError("unknown_ai", part, ai)
    if problem:
        raise DigitalLinkError("bad_ai_value", part, f"({ai}) {problem}")
    return value

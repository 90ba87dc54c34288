"""GS1's Application Identifier table, read from GS1's Barcode Syntax Dictionary.

`webapp/data/gs1-syntax-dictionary.txt` is GS1's published file (from
gs1/gs1-syntax-engine, Apache 2.0), unchanged. For each AI it gives the format
of its value (components such as `N14,csum` or `X..20`), whether it may be a
Digital Link data attribute (flag `?`), the Digital Link qualifiers of a
primary key (`dlpkey=22,10,21|235`) and the AIs it requires or excludes.

Value checks: the character sets N, X (CSET 82), Y (CSET 39), Z (base64url),
lengths, optional components, and the linters `csum` (GS1 check digit),
`yymmd0`, `yymmdd`, `yyyymmdd`, `hhmi`, `nonzero`, `zero`, `yesno`; other
linters (country and currency codes, coupons…) are not run.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import cache

from webapp.services import DATA_DIR

DICTIONARY = (
    DATA_DIR / "gs1-syntax-dictionary.txt"
)
CSET82 = re.compile(r"[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*")
CSET39 = re.compile(r"[#\-/0-9A-Z]*")
CSET64 = re.compile(r"[\-0-9A-Z_a-z=]*")
SETS = {"N": re.compile(r"[0-9]*"), "X": CSET82, "Y": CSET39, "Z": CSET64}


@dataclass(frozen=True)
class Component:
    kind: str  # N, X, Y or Z
    low: int
    high: int
    optional: bool
    linters: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    ai: str
    attribute: bool  # may be a Digital Link data attribute (query)
    components: tuple[Component, ...]
    # None: not a primary key; () a key without qualifiers; else alternatives.
    qualifiers: tuple[tuple[str, ...], ...] | None = None
    requires: tuple[tuple[str, ...], ...] = field(default=())
    excludes: tuple[str, ...] = field(default=())


@cache
def table() -> dict[str, Entry]:
    """Every AI GS1 defines, by AI."""
    entries: dict[str, Entry] = {}
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        words = line.split()
        ais = _expand(words.pop(0))
        flags = words.pop(0) if words and words[0][0] not in "NXYZ[" else ""
        components, attributes, optional = [], [], False
        for word in words:
            if re.match(r"\[?[NXYZ]", word):
                optional = optional or word.startswith("[")
                components.append(_component(word, optional))
            else:
                attributes.append(word)
        qualifiers, requires, excludes = None, [], []
        for attribute in attributes:
            key, _, value = attribute.partition("=")
            if key == "dlpkey":
                qualifiers = tuple(
                    tuple(alt.split(",")) for alt in value.split("|") if alt
                )
            elif key == "req":
                requires.append(tuple(value.split(",")))
            elif key == "ex":
                excludes += value.split(",")
        for ai in ais:
            entries[ai] = Entry(
                ai,
                "?" in flags,
                tuple(components),
                qualifiers,
                tuple(requires),
                tuple(excludes),
            )
    return entries


def _expand(text: str) -> list[str]:
    if "-" not in text:
        return [text]
    first, last = text.split("-")
    return [str(n).zfill(len(first)) for n in range(int(first), int(last) + 1)]


def _component(word: str, optional: bool) -> Component:
    spec, *linters = word.replace("[", "").replace("]", "").split(",")
    kind, size = spec[0], spec[1:]
    if size.startswith(".."):
        low, high = 1, int(size[2:])
    else:
        low = high = int(size)
    return Component(kind, low, high, optional, tuple(linters))


def value_problem(ai: str, value: str) -> str | None:
    """Why value is not a valid value of ai (a short phrase), or None."""
    entry = table().get(ai)
    if entry is None:
        return "unknown AI"
    rest = value
    for component in entry.components:
        if not rest:
            if component.optional:
                break
            return "too short"
        part = rest[: component.high]
        if len(part) < component.low:
            return "too short"
        if not SETS[component.kind].fullmatch(part):
            return "characters not allowed"
        for linter in component.linters:
            if not _lint(linter, part):
                return f"fails {linter}"
        rest = rest[len(part) :]
    if rest:
        return "too long"
    return None


def matches(pattern: str, ai: str) -> bool:
    """Whether ai matches a dictionary pattern such as 31nn or 394n."""
    return len(pattern) == len(ai) and all(
        p == "n" or p == a for p, a in zip(pattern, ai, strict=True)
    )


def association_problem(ais: list[str]) -> str | None:
    """A requisite AI missing or an excluded pair present, or None."""
    present = set(ais)
    for ai in ais:
        entry = table()[ai]
        for group in entry.requires:
            if not any(
                all(
                    any(matches(p, other) for other in present)
                    for p in option.split("+")
                )
                for option in group
            ):
                return f"({ai}) needs one of {', '.join(group)}"
        for pattern in entry.excludes:
            if any(other != ai and matches(pattern, other) for other in present):
                return f"({ai}) cannot be given with {pattern}"
    return None


def _lint(name: str, text: str) -> bool:
    if name == "csum":
        digits = [int(c) for c in text]
        total = sum(
            d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits[:-1]))
        )
        return (10 - total % 10) % 10 == digits[-1]
    if name in ("yymmd0", "yymmdd"):
        month, day = int(text[2:4]), int(text[4:6])
        if not 1 <= month <= 12:
            return False
        if day == 0:
            return name == "yymmd0"
        return day <= calendar.monthrange(2000 + int(text[:2]), month)[1]
    if name == "yyyymmdd":
        month, day = int(text[4:6]), int(text[6:8])
        return (
            1 <= month <= 12
            and 1 <= day <= calendar.monthrange(int(text[:4]), month)[1]
        )
    if name == "hhmi":
        return int(text[:2]) <= 23 and int(text[2:4]) <= 59
    if name == "nonzero":
        return int(text) != 0
    if name == "zero":
        return int(text) == 0
    if name == "yesno":
        return text in ("0", "1")
    return True  # a linter we do not run

"""Decompress a compressed GS1 Digital Link (GS1 Digital Link: Compression, 2019).

A fully compressed link is one path segment of base64url characters that
encodes a bit string: a sequence of AIs (or an optimisation code standing for
a sequence of AIs) each followed by its value, and non-GS1 key=value pairs.
The tables (which AIs exist and how long their keys are, the format of each
value, the optimisation codes) are those of GS1's Digital Link toolkit,
shipped as `webapp/data/gs1-dl-compression-tables.json`; the algorithm follows
the toolkit's decompressBinaryToGS1AIarray, and the tests check it against
links the toolkit itself compressed.
"""

from __future__ import annotations

import json
import math
from functools import cache

from webapp.services import DATA_DIR

TABLES = (
    DATA_DIR / "gs1-dl-compression-tables.json"
)
BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
HEX = "0123456789ABCDEF"


class NotCompressed(ValueError):
    """The text is not a compressed GS1 Digital Link."""


@cache
def _tables() -> dict:
    return json.loads(TABLES.read_text(encoding="utf-8"))


def decompress(segment: str) -> list[tuple[str, str]]:
    """The (key, value) pairs a compressed path segment encodes, in order."""
    if not segment or any(c not in BASE64URL for c in segment):
        raise NotCompressed(segment)
    bits = "".join(format(BASE64URL.index(c), "06b") for c in segment)
    try:
        return _pairs(bits)
    except (KeyError, ValueError, IndexError):
        raise NotCompressed(segment) from None


def _pairs(bits: str) -> list[tuple[str, str]]:
    tables = _tables()
    pairs: list[tuple[str, str]] = []
    cursor = 0
    while len(bits) - cursor > 8:
        h1, h2 = _hex(bits[cursor : cursor + 4]), _hex(bits[cursor + 4 : cursor + 8])
        cursor += 8
        head = h1 + h2
        if h1.isdigit() and h2.isdigit():
            length = tables["tableP"][head]  # KeyError: reserved range
            ai = head
            for _ in range(length - 2):
                digit = _hex(bits[cursor : cursor + 4])
                if not digit.isdigit():
                    raise ValueError("AI keys are all digits")
                ai += digit
                cursor += 4
            value, cursor = _value(ai, bits, cursor)
            pairs.append((ai, value))
        elif head in tables["tableOpt"]:
            for ai in tables["tableOpt"][head]:
                value, cursor = _value(ai, bits, cursor)
                pairs.append((ai, value))
        elif h1 == "F":  # a non-GS1 key=value pair
            key_length = int(bits[cursor - 4 : cursor + 3], 2)
            cursor += 3
            key = "".join(
                BASE64URL[int(bits[cursor + 6 * i : cursor + 6 * i + 6], 2)]
                for i in range(key_length)
            )
            cursor += 6 * key_length
            encoding = int(bits[cursor : cursor + 3], 2)
            count = int(bits[cursor + 3 : cursor + 10], 2)
            cursor += 10
            value, cursor = _decode(encoding, bits, cursor, count)
            pairs.append((key, value))
        else:
            raise ValueError(f"no optimisation {head}")
    return pairs


def _value(ai: str, bits: str, cursor: int) -> tuple[str, int]:
    value = ""
    for part in _tables()["tableF"][ai]:
        if part["E"] == "N" and "L" in part:
            size = int(part["L"])
            width = _value_bits(size)
            value += str(int(bits[cursor : cursor + width], 2)).zfill(size)
            cursor += width
        elif part["E"] == "N":
            width = _length_bits(int(part["M"]))
            digits = int(bits[cursor : cursor + width], 2)
            cursor += width
            span = _value_bits(digits)
            if digits:
                value += str(int(bits[cursor : cursor + span], 2))
            cursor += span
        elif "L" in part:
            encoding = int(bits[cursor : cursor + 3], 2)
            text, cursor = _decode(encoding, bits, cursor + 3, int(part["L"]))
            value += text
        else:
            encoding = int(bits[cursor : cursor + 3], 2)
            width = _length_bits(int(part["M"]))
            count = int(bits[cursor + 3 : cursor + 3 + width], 2)
            text, cursor = _decode(encoding, bits, cursor + 3 + width, count)
            value += text
    return value, cursor


def _decode(encoding: int, bits: str, cursor: int, count: int) -> tuple[str, int]:
    if encoding == 0:  # all digits, as one binary number
        width = _value_bits(count)
        return str(int(bits[cursor : cursor + width], 2)), cursor + width
    if encoding in (1, 2):
        text = _chars(bits, cursor, count, 4, HEX)
        return (text.lower() if encoding == 1 else text.upper()), cursor + 4 * count
    if encoding == 3:
        return _chars(bits, cursor, count, 6, BASE64URL), cursor + 6 * count
    if encoding == 4:
        return _chars(bits, cursor, count, 7, None), cursor + 7 * count
    raise ValueError(f"encoding {encoding}")


def _chars(bits: str, cursor: int, count: int, width: int, alphabet) -> str:
    codes = [
        int(bits[cursor + width * i : cursor + width * (i + 1)], 2)
        for i in range(count)
    ]
    if len(bits) < cursor + width * count:
        raise ValueError("truncated")
    return "".join(chr(c) if alphabet is None else alphabet[c] for c in codes)


def _hex(nibble: str) -> str:
    if len(nibble) != 4:
        raise ValueError("truncated")
    return HEX[int(nibble, 2)]


def _length_bits(maximum: int) -> int:
    return math.ceil(math.log(maximum) / math.log(2) + 0.01)


def _value_bits(digits: int) -> int:
    return math.ceil(digits * math.log(10) / math.log(2) + 0.01)

"""Unguessable, self-checking stamp serials and scratch-off PINs.

A serial is 10 random Crockford base-32 characters (50 bits) followed by a
6-character keyed MAC (30 bits) over the GTIN, the lot and the random part.
A forged or mistyped serial fails the MAC before anything is looked up, and a
genuine serial moved to another product or lot fails it too. Crockford's
alphabet has no I, L, O or U, so printed serials are easy to read aloud and
type; every character is valid in GS1 AI 21.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 10
MAC_LENGTH = 6
SERIAL_LENGTH = RANDOM_LENGTH + MAC_LENGTH
PIN_LENGTH = 8
# What people type for characters Crockford leaves out.
_TYPO_MAP = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_serial(gtin: str, lot: str | None, key: str) -> str:
    """Return a fresh serial for an item of gtin/lot, signed with key."""
    random_part = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return random_part + _mac(gtin, lot, random_part, key)


def check_serial(serial: str, gtin: str, lot: str | None, keys: Sequence[str]) -> bool:
    """True when serial is well formed and its MAC matches under one of keys."""
    if len(serial) != SERIAL_LENGTH or any(c not in ALPHABET for c in serial):
        return False
    random_part, mac = serial[:RANDOM_LENGTH], serial[RANDOM_LENGTH:]
    return any(
        hmac.compare_digest(mac, _mac(gtin, lot, random_part, key)) for key in keys
    )


def looks_like_serial(text: str) -> bool:
    """True when text has the shape of one of our serials (no key needed)."""
    return len(text) == SERIAL_LENGTH and all(c in ALPHABET for c in text)


def normalize_typed(text: str) -> str:
    """Turn what a person typed from a label into a serial candidate."""
    compact = "".join(text.split()).replace("-", "").upper()
    return compact.translate(_TYPO_MAP)


def group(serial: str, size: int = 4) -> str:
    """Split a serial into groups for printing: ABCD EFGH JKMN PQRS."""
    return " ".join(serial[i : i + size] for i in range(0, len(serial), size))


def new_pin() -> str:
    """Return a random numeric scratch-off PIN."""
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


def hash_pin(pin: str, serial: str, key: str) -> str:
    """Keyed hash of a PIN, salted by its serial.

    A PIN has only 10^8 values, so a plain or even a slow hash would fall to
    a brute-force search; without the server key the stored hash reveals
    nothing. HMAC keeps issuing 10,000 stamps cheap.
    """
    message = f"pin|{serial}|{pin}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def verify_pin(pin: str, serial: str, stored: str, keys: Sequence[str]) -> bool:
    """True when pin matches the stored hash under one of keys."""
    candidate = "".join(pin.split())
    return any(
        hmac.compare_digest(stored, hash_pin(candidate, serial, key)) for key in keys
    )


def _mac(gtin: str, lot: str | None, random_part: str, key: str) -> str:
    message = f"{gtin}|{lot or ''}|{random_part}".encode()
    digest = hmac.new(key.encode(), message, hashlib.sha256).digest()
    value = int.from_bytes(digest[:4], "big") >> (32 - 5 * MAC_LENGTH)
    chars = []
    for _ in range(MAC_LENGTH):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))

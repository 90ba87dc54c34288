"""Producer signatures printed in a stamp's link, checkable without a network.

Each organisation signs its stamps with its own Ed25519 key. The key is not
stored anywhere: it is derived (HKDF-SHA256) from one of the server's stamp
keys and the organisation's id, so rotating STAMP_KEYS rotates every
producer's signing key, and the public halves can be listed at any time.

The signature covers GTIN, lot and serial and travels in the Digital Link's
query as `s=KID.SIGNATURE`: a 4-character key id and the 64-byte signature,
both in upper-case base32 so a QR encoder can pack them in alphanumeric mode.
A phone holding the public keys can then tell, offline, which producer issued
a code. It cannot tell whether the code was copied: a copy carries the same
signature, which is why the signature never makes a scan "genuine".
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

QUERY_KEY = "s"
KEY_ID_LENGTH = 4  # base32 characters (20 bits); colliding ids are all tried
SIGNATURE_LENGTH = 103  # 64 bytes in unpadded base32
_BASE32 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


@dataclass(frozen=True)
class PublicKey:
    """One organisation's verifying key under one stamp key."""

    key_id: str
    organisation_id: int
    raw: bytes  # 32 bytes

    def jwk(self) -> dict[str, str]:
        """The key as a JSON Web Key (RFC 8037), as WebCrypto imports it."""
        x = base64.urlsafe_b64encode(self.raw).decode().rstrip("=")
        return {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": self.key_id}


@lru_cache(maxsize=4096)
def signing_key(stamp_key: str, organisation_id: int) -> Ed25519PrivateKey:
    """The organisation's signing key under stamp_key (derived, never stored)."""
    seed = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"ocop-trace stamp signature",
        info=f"organisation:{organisation_id}".encode(),
    ).derive(stamp_key.encode())
    return Ed25519PrivateKey.from_private_bytes(seed)


@cache  # one per organisation and stamp key: the key set lists them all
def public_key(stamp_key: str, organisation_id: int) -> PublicKey:
    raw = (
        signing_key(stamp_key, organisation_id)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    return PublicKey(key_id(raw), organisation_id, raw)


def public_keys(
    stamp_keys: Sequence[str], organisation_ids: Iterable[int]
) -> list[PublicKey]:
    """Every key a stamp of these organisations may have been signed with."""
    return [
        public_key(stamp_key, organisation_id)
        for organisation_id in organisation_ids
        for stamp_key in stamp_keys
    ]


def key_id(raw_public_key: bytes) -> str:
    digest = hashlib.sha256(raw_public_key).digest()
    return _base32(digest)[:KEY_ID_LENGTH]


def message(gtin: str, lot: str | None, serial: str) -> bytes:
    """What is signed: the identifiers exactly as the link carries them."""
    return f"{gtin}|{lot or ''}|{serial}".encode()


class Signer:
    """Signs the stamps of one organisation with the current stamp key."""

    def __init__(self, stamp_key: str, organisation_id: int) -> None:
        self._key = signing_key(stamp_key, organisation_id)
        self.key_id = public_key(stamp_key, organisation_id).key_id

    def query_value(self, gtin: str, lot: str | None, serial: str) -> str:
        """The value of the link's `s` query parameter for one stamp."""
        signature = self._key.sign(message(gtin, lot, serial))
        return f"{self.key_id}.{_base32(signature)}"


def signed_uri(uri: str, value: str) -> str:
    """uri with the signature added to its query."""
    return f"{uri}{'&' if '?' in uri else '?'}{QUERY_KEY}={value}"


def signer_of(
    value: str,
    gtin: str,
    lot: str | None,
    serial: str,
    keys: Mapping[str, Sequence[PublicKey]],
) -> PublicKey | None:
    """The key that signed this stamp, or None (unknown key, bad signature).

    keys maps key ids to the keys that carry them (usually one).
    """
    key_part, _, signature_part = value.partition(".")
    if not _is_base32(key_part, KEY_ID_LENGTH) or not _is_base32(
        signature_part, SIGNATURE_LENGTH
    ):
        return None
    signature = base64.b32decode(signature_part + "=" * 1)
    signed = message(gtin, lot, serial)
    for candidate in keys.get(key_part, ()):
        try:
            Ed25519PublicKey.from_public_bytes(candidate.raw).verify(signature, signed)
        except InvalidSignature:
            continue
        return candidate
    return None


def by_key_id(keys: Iterable[PublicKey]) -> dict[str, list[PublicKey]]:
    index: dict[str, list[PublicKey]] = {}
    for key in keys:
        index.setdefault(key.key_id, []).append(key)
    return index


def _base32(data: bytes) -> str:
    return base64.b32encode(data).decode().rstrip("=")


def _is_base32(text: str, length: int) -> bool:
    return len(text) == length and set(text) <= _BASE32

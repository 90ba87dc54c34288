"""Keyed hashes for device ids and client addresses."""

import hashlib
import hmac


def keyed_hash(value: str, key: str, purpose: str) -> str:
    """HMAC-SHA256 of value, separated by purpose so hashes cannot be joined."""
    message = f"{purpose}|{value}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def derive_key(secret: str) -> str:
    """A privacy key derived from the app secret when none is configured."""
    return hmac.new(secret.encode(), b"privacy-key", hashlib.sha256).hexdigest()

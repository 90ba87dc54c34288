"""Idempotency keys are the client's: bound to who sent them and for what.

A key is stored as a hash of the key with its scope (the device, the code),
so a key another client happens to send, or copies, finds nothing of theirs.
"""

from __future__ import annotations

import hashlib

SEPARATOR = "\x1f"


def scoped_key(key: str, *scope: str) -> str:
    """The stored form of key within scope: 64 hex characters."""
    joined = SEPARATOR.join((*scope, key))
    return hashlib.sha256(joined.encode()).hexdigest()

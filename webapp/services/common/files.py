"""Content hashes of files on disk, computed once per version of each file."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=2048)
def _hash(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def content_hash(path: Path) -> str | None:
    """SHA-256 of the file's bytes; None when it does not exist.

    Cached by modification time and size, so a page that compares many
    pictures, or fingerprints every static file, reads each one once.
    """
    try:
        stat = path.stat()
    except OSError:
        return None
    return _hash(str(path), stat.st_mtime_ns, stat.st_size)

"""Rendered stories kept for reuse, and the versions that make them stale.

A story is the same for everyone until its producer, product or lot changes:
each has a version counter, and a kept story's key holds the versions it was
made from, so a write anywhere (another app server too) makes its old key
unreachable at once. The serial's own state (status, a confirmed fake, its
own events) is read from the database on every request and is part of the
key as well.

Counters and stories live in Redis when one is configured (shared by every
app server), else in this process (an LRU with a time limit, so another
process's change is seen within STORY_CACHE_SECONDS). A Redis that fails
costs the cache, never the page: reads miss, and the story is made afresh.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable

log = logging.getLogger(__name__)

# What a story is made from, by kind: changing one bumps its counter.
KINDS = ("org", "product", "batch")


class MemoryStore:
    """This process's LRU of stories and its version counters."""

    def __init__(self, size: int = 2048, seconds: int = 300):
        self.size, self.seconds = size, seconds
        self.items: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self.counters: dict[str, int] = {}
        self.lock = threading.Lock()

    def versions(self, names: list[str]) -> list[int]:
        return [self.counters.get(name, 0) for name in names]

    def bump(self, names: Iterable[str]) -> None:
        with self.lock:
            for name in names:
                self.counters[name] = self.counters.get(name, 0) + 1

    def get(self, key: str) -> bytes | None:
        with self.lock:
            found = self.items.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                del self.items[key]
                return None
            self.items.move_to_end(key)
            return found[1]

    def put(self, key: str, value: bytes) -> None:
        with self.lock:
            self.items[key] = (time.monotonic() + self.seconds, value)
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


class RedisStore:
    """Stories and counters in Redis, under a prefix; errors only miss."""

    def __init__(self, client, prefix: str = "story:", seconds: int = 300):
        self.client, self.prefix, self.seconds = client, prefix, seconds

    def versions(self, names: list[str]) -> list[int] | None:
        try:
            found = self.client.mget([self.prefix + "v:" + name for name in names])
        except Exception:  # noqa: BLE001 — any Redis failure: no cache this time
            log.warning("story cache unavailable (Redis)", exc_info=True)
            return None
        return [int(value or 0) for value in found]

    def bump(self, names: Iterable[str]) -> None:
        try:
            with self.client.pipeline(transaction=False) as pipe:
                for name in names:
                    pipe.incr(self.prefix + "v:" + name)
                pipe.execute()
        except Exception:  # noqa: BLE001 — kept stories expire on their own
            log.warning("story versions not bumped (Redis)", exc_info=True)

    def get(self, key: str) -> bytes | None:
        try:
            return self.client.get(self.prefix + key)
        except Exception:  # noqa: BLE001
            log.warning("story cache unavailable (Redis)", exc_info=True)
            return None

    def put(self, key: str, value: bytes) -> None:
        try:
            self.client.set(self.prefix + key, value, ex=self.seconds)
        except Exception:  # noqa: BLE001
            log.warning("story not kept (Redis)", exc_info=True)


def counter_names(org_id: int, product_id: int, batch_id: int | None) -> list[str]:
    names = [f"org:{org_id}", f"product:{product_id}"]
    if batch_id is not None:
        names.append(f"batch:{batch_id}")
    return names


def story_key(parts: Iterable[object]) -> str:
    """A short, fixed-length key (and ETag) for everything a story depends on."""
    joined = "\x1f".join(str(part) for part in parts)
    return hashlib.blake2b(joined.encode(), digest_size=16).hexdigest()

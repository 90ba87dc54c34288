"""Codes the domain stores and speaks of, each defined once.

Services, the API's schemas and `webapp.vocab` (their words in each language)
take them from here, so a new code cannot be accepted in one place and
unknown in another.
"""

from __future__ import annotations

from enum import StrEnum


class ScanRole(StrEnum):
    """Who a scan says made it: only shoppers' scans raise alerts and count as sales."""

    SHOPPER = "shopper"
    INSPECTOR = "inspector"
    PRODUCER = "producer"


SCAN_ROLES: tuple[str, ...] = tuple(role.value for role in ScanRole)

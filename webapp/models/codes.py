"""Codes the domain stores and speaks of, each defined once.

Services, the API's schemas and `webapp.web.vocab` (their words in each language)
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


class BatchStatus(StrEnum):
    """A batch on sale, recalled (its scans warn) or void (its codes are cancelled)."""

    ACTIVE = "active"
    RECALLED = "recalled"
    VOID = "void"


class StampStatus(StrEnum):
    """A stamp is valid until cancelled."""

    ACTIVE = "active"
    VOID = "void"

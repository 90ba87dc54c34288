"""Scratch-off PIN claims: the first buyer to enter the hidden PIN claims the item."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from webapp.models import SerialStats, Stamp
from webapp.services import serials
from webapp.services.scanning import locked_stats


@dataclass(frozen=True)
class ClaimResult:
    """claimed | already_yours | claimed_elsewhere | wrong_pin | no_pin"""

    outcome: str
    stats: SerialStats | None


def claim_pin(
    session: Session,
    stamp: Stamp,
    pin: str,
    device_hash: str,
    province: str | None,
    at: datetime,
    keys: Sequence[str],
) -> ClaimResult:
    """Check the PIN and, if it is right and unclaimed, claim it for this device."""
    if stamp.pin_hash is None:
        return ClaimResult("no_pin", None)
    if not serials.verify_pin(pin, stamp.serial, stamp.pin_hash, keys):
        return ClaimResult("wrong_pin", None)
    stats = locked_stats(session, stamp.id)
    if stats.claimed_device_hash is None:
        stats.claimed_device_hash = device_hash
        stats.claimed_at = at
        stats.claimed_province_code = province
        return ClaimResult("claimed", stats)
    if stats.claimed_device_hash == device_hash:
        return ClaimResult("already_yours", stats)
    # A second claim: the PIN was copied too, or the first claim was not the buyer's.
    stats.flags = sorted({*(stats.flags or []), "claimed_elsewhere"})
    return ClaimResult("claimed_elsewhere", stats)

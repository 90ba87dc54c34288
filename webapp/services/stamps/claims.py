"""Scratch-off PIN claims: the first buyer to enter the hidden PIN claims the item."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from webapp.models import SerialStats, Stamp
from webapp.services.scans.scanning import locked_stats
from webapp.services.stamps import serials

# Wrong PINs one stamp takes before claiming closes, whatever addresses and
# phones they come from (a PIN has 10^8 values: ten guesses find it once in
# ten million). An inspector or administrator opens it again.
MAX_PIN_GUESSES = 10


@dataclass(frozen=True)
class ClaimResult:
    """claimed | already_yours | claimed_elsewhere | wrong_pin | pin_locked | no_pin"""

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
    # Locked first: concurrent guesses on one stamp are counted one by one.
    session.refresh(stamp, ["pin_failures", "pin_locked_at"], with_for_update=True)
    if stamp.pin_locked_at is not None:
        return ClaimResult("pin_locked", None)
    if not serials.verify_pin(pin, stamp.serial, stamp.pin_hash, keys):
        stamp.pin_failures += 1
        if stamp.pin_failures >= MAX_PIN_GUESSES:
            stamp.pin_locked_at = at
            return ClaimResult("pin_locked", None)
        return ClaimResult("wrong_pin", None)
    stamp.pin_failures = 0
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

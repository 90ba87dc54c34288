"""PIN claims called directly: the first right PIN claims, wrong ones close claiming."""

from __future__ import annotations

from datetime import UTC, datetime

from tests import factories
from webapp.services.stamps.claims import MAX_PIN_GUESSES, claim_pin

AT = datetime.now(UTC)


def _claim(stamp, pin, device="phone-a"):
    """One request's claim, committed as the request does (a savepoint here)."""
    session = factories.session()
    result = claim_pin(session, stamp, pin, device, "33", AT, factories.STAMP_KEYS)
    session.commit()
    return result


def _with_pin():
    issued = factories.stamp(factories.batch(), with_pin=True)
    return issued, factories.stamp_row(issued)


def test_no_pin_no_claim(db_session):
    stamp = factories.stamp_row(factories.stamp(factories.batch()))
    result = _claim(stamp, "12345678")
    assert (result.outcome, result.stats) == ("no_pin", None)


def test_the_first_right_pin_claims_then_a_second_phone_is_flagged(db_session):
    issued, stamp = _with_pin()
    first = _claim(stamp, issued.pin)
    assert first.outcome == "claimed"
    assert (first.stats.claimed_device_hash, first.stats.claimed_province_code) == (
        "phone-a", "33",
    )  # fmt: skip
    assert _claim(stamp, issued.pin).outcome == "already_yours"
    second = _claim(stamp, issued.pin, device="phone-b")
    assert second.outcome == "claimed_elsewhere"
    assert "claimed_elsewhere" in second.stats.flags
    assert second.stats.claimed_device_hash == "phone-a"  # the first claim stays


def test_wrong_pins_lock_claiming(db_session):
    issued, stamp = _with_pin()
    wrong = "0" * len(issued.pin) if issued.pin != "0" * len(issued.pin) else "1" * 8
    for _ in range(MAX_PIN_GUESSES - 1):
        assert _claim(stamp, wrong).outcome == "wrong_pin"
    assert stamp.pin_failures == MAX_PIN_GUESSES - 1
    assert _claim(stamp, wrong).outcome == "pin_locked"
    assert stamp.pin_locked_at == AT
    assert _claim(stamp, issued.pin).outcome == "pin_locked"  # even the right one


def test_a_right_pin_forgives_earlier_mistakes(db_session):
    issued, stamp = _with_pin()
    wrong = "0" * len(issued.pin) if issued.pin != "0" * len(issued.pin) else "1" * 8
    _claim(stamp, wrong)
    assert _claim(stamp, issued.pin).outcome == "claimed"
    assert stamp.pin_failures == 0

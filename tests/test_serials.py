"""Serials: unguessable, self-checking, bound to their GTIN and lot; hashed PINs."""

import hashlib
import hmac

from hypothesis import given
from hypothesis import strategies as st

from webapp.services.stamps import serials
from webapp.services.standards.digital_link import CSET82

GTIN = "08931234567897"
KEYS = ("new-key", "old-key")


def test_serial_is_valid_gs1_ai21_and_checks_under_its_key():
    serial = serials.new_serial(GTIN, "L1", KEYS[0])
    assert len(serial) == 16 and CSET82.fullmatch(serial)
    assert serials.check_serial(serial, GTIN, "L1", KEYS)


def test_serial_fails_for_another_lot_gtin_or_key():
    serial = serials.new_serial(GTIN, "L1", KEYS[0])
    assert not serials.check_serial(serial, GTIN, "L2", KEYS)
    assert not serials.check_serial(serial, "08931234567880", "L1", KEYS)
    assert not serials.check_serial(serial, GTIN, "L1", ("unknown-key",))


def test_rotated_key_still_verifies_old_serials():
    old = serials.new_serial(GTIN, None, "old-key")
    assert serials.check_serial(old, GTIN, None, KEYS)


@given(st.text(alphabet=serials.ALPHABET, min_size=16, max_size=16))
def test_random_serials_almost_never_pass(candidate):
    # 30 MAC bits: a random guess passes about once in a billion tries.
    genuine = serials.check_serial(candidate, GTIN, "L1", KEYS)
    assert not genuine or candidate[10:] == serials._mac(
        GTIN, "L1", candidate[:10], KEYS[0]
    )


def test_serials_already_printed_keep_checking():
    # Stamps in the field carry MACs made by the recipe as it is: a change to
    # it, however consistent between issuing and checking, would fail them all.
    assert serials.check_serial("7K2P9Q4MXTW9XDQS", GTIN, "L1", KEYS)
    assert serials.check_serial("0000000000V13D1T", GTIN, "L1", KEYS)  # older key
    # An item without a lot is signed over an empty lot.
    assert serials.check_serial("7K2P9Q4MXT64QZWR", GTIN, None, KEYS)
    assert serials.check_serial("7K2P9Q4MXT64QZWR", GTIN, "", KEYS)


def test_the_mac_is_the_first_30_bits_of_the_hmac_in_crockford_base_32():
    message = f"{GTIN}|L1|7K2P9Q4MXT".encode()
    digest = hmac.new(b"new-key", message, hashlib.sha256).digest()
    bits = int.from_bytes(digest[:4], "big") >> 2
    expected = "".join(
        serials.ALPHABET[(bits >> shift) & 31] for shift in range(25, -1, -5)
    )
    assert expected == "W9XDQS"
    assert serials._mac(GTIN, "L1", "7K2P9Q4MXT", "new-key") == expected


def test_one_wrong_character_is_caught():
    serial = serials.new_serial(GTIN, "L1", KEYS[0])
    for position in range(len(serial)):
        replacement = "0" if serial[position] != "0" else "1"
        typo = serial[:position] + replacement + serial[position + 1 :]
        assert not serials.check_serial(typo, GTIN, "L1", KEYS)


def test_serials_do_not_repeat():
    assert len({serials.new_serial(GTIN, "L1", KEYS[0]) for _ in range(5000)}) == 5000


def test_typed_serial_is_normalised():
    assert serials.normalize_typed(" 7k2p-9q4m xt3b 6hco ") == "7K2P9Q4MXT3B6HC0"
    assert serials.normalize_typed("ilo") == "110"
    assert serials.group("7K2P9Q4MXT3B6HC1") == "7K2P 9Q4M XT3B 6HC1"


def test_pin_is_stored_only_as_a_keyed_hash():
    pin = serials.new_pin()
    stored = serials.hash_pin(pin, "SERIAL", KEYS[0])
    assert pin not in stored and len(stored) == 64
    assert serials.verify_pin(pin, "SERIAL", stored, KEYS)
    assert not serials.verify_pin(pin, "OTHER", stored, KEYS)
    assert not serials.verify_pin(
        "00000000" if pin != "00000000" else "1", "SERIAL", stored, KEYS
    )
    assert serials.hash_pin(pin, "SERIAL", "another-key") != stored

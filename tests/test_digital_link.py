"""GS1 Digital Link building and parsing, including every malformed part."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from webapp.services.common.errors import DigitalLinkError
from webapp.services.standards import digital_link as dl
from webapp.services.standards.gtin import (
    check_digit,
    complete_gtin,
    is_valid_gln,
    normalize_gtin,
)

CSET82 = (
    "!\"%&'()*+,-./0123456789:;<=>?"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)
values = st.text(alphabet=CSET82, min_size=1, max_size=20)
gtins = st.from_regex(r"\A[0-9]{13}\Z").map(complete_gtin)
expiries = st.dates(min_value=date(2000, 1, 1), max_value=date(2070, 12, 31))
bases = st.sampled_from(
    ["https://trace.example.vn", "http://127.0.0.1:8000", "https://x.vn/p"]
)
TODAY = date(2026, 11, 29)


@given(gtins, st.none() | values, st.none() | values, st.none() | expiries, bases)
def test_build_then_parse_gives_back_the_parts(gtin, lot, serial, expiry, base):
    uri = dl.build(base, gtin, lot=lot, serial=serial, expiry=expiry)
    link = dl.parse(uri, today=expiry or TODAY)
    assert (link.gtin, link.lot, link.serial, link.expiry) == (
        gtin,
        lot,
        serial,
        expiry,
    )


@given(gtins, st.none() | values, st.none() | values, bases)
def test_parse_then_build_gives_back_the_uri(gtin, lot, serial, base):
    uri = dl.build(base, gtin, lot=lot, serial=serial)
    link = dl.parse(uri)
    assert dl.build(base, link.gtin, lot=link.lot, serial=link.serial) == uri
    assert link.uri(base) == uri


def test_gs1_check_digit_examples():
    assert check_digit("0950600013435") == 2
    assert check_digit("0952123454321") == 3
    assert is_valid_gln("8931234000011")
    assert not is_valid_gln("8931234000012")


@pytest.mark.parametrize(
    ("given", "expected"),
    [("8931234567897", "08931234567897"), ("96385074", "00000096385074")],
)
def test_short_gtins_are_padded_to_14(given, expected):
    assert normalize_gtin(given) == expected


def test_parses_the_documented_example():
    link = dl.parse(
        "https://trace.example.vn/01/08931234567897/10/L2025-07/21/A7K2P9Q4?17=260731"
    )
    assert link == dl.DigitalLink(
        "08931234567897", "L2025-07", "A7K2P9Q4", expiry=date(2026, 7, 31)
    )
    assert link.level == "item"


def test_short_form_and_prefixes_and_levels():
    assert dl.parse("/01/08931234567897/21/ABC").level == "item"
    assert dl.parse("/01/08931234567897/10/L1").level == "batch"
    assert dl.parse("https://shop.vn/products/01/08931234567897").level == "product"


def test_expiry_in_path_and_query_agree():
    link = dl.parse("/01/08931234567897/10/L1/17/260731?17=260731")
    assert link.expiry == date(2026, 7, 31)


def test_percent_encoded_values_round_trip():
    link = dl.parse("/01/08931234567897/10/A%2FB/21/x%25y")
    assert (link.lot, link.serial) == ("A/B", "x%y")
    assert link.path == "/01/08931234567897/10/A%2FB/21/x%25y"


def test_expiry_day_00_means_end_of_month_and_century_follows_gs1():
    assert dl.parse_expiry("260200", TODAY) == date(2026, 2, 28)
    assert dl.parse_expiry("991231", TODAY) == date(
        1999, 12, 31
    )  # 73 years ahead → past
    assert dl.parse_expiry("760101", TODAY) == date(2076, 1, 1)  # 50 ahead → future


@pytest.mark.parametrize(
    ("uri", "code", "part"),
    [
        ("https://example.vn/products/123", "not_digital_link", "path"),
        ("/01/0893123456789X", "gtin_not_digits", "gtin"),
        ("/01/123456789", "gtin_length", "gtin"),
        ("/01/08931234567898", "gtin_check_digit", "gtin"),
        ("/01/08931234567897/10", "missing_value", "path"),
        ("/01/08931234567897/99/X", "unknown_qualifier", "path"),
        ("/01/08931234567897/21/S1/10/L1", "qualifier_order", "lot"),
        ("/01/08931234567897/10/A/10/B", "duplicate_qualifier", "lot"),
        ("/01/08931234567897/21/S%20T", "bad_characters", "serial"),
        ("/01/08931234567897/21/Sê", "bad_characters", "serial"),
        ("/01/08931234567897/21/" + "A" * 21, "too_long", "serial"),
        ("/01/08931234567897/21/A%ZZ", "bad_encoding", "serial"),
        ("/01/08931234567897/21/A%FF", "bad_encoding", "serial"),
        ("/01/08931234567897/21/A?17=261332", "bad_expiry", "expiry"),
        ("/01/08931234567897/21/A?17=2612", "bad_expiry", "expiry"),
        ("/01/08931234567897/21/A/17/260731?17=260801", "conflicting_expiry", "expiry"),
        ("/01/08931234567897/17/260731/21/A", "qualifier_order", "path"),
    ],
)
def test_malformed_links_raise_typed_errors(uri, code, part):
    with pytest.raises(DigitalLinkError) as caught:
        dl.parse(uri)
    assert (caught.value.code, caught.value.part) == (code, part)


def test_build_refuses_bad_parts():
    with pytest.raises(DigitalLinkError):
        dl.build("https://x.vn", "08931234567897", serial="")
    with pytest.raises(DigitalLinkError):
        dl.build("https://x.vn", "08931234567890")

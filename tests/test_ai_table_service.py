"""GS1's Application Identifier table and its value checks, asked directly."""

from __future__ import annotations

import pytest

from webapp.services.standards.ai_table import (
    Component,
    association_problem,
    matches,
    table,
    value_problem,
)

GTIN = "09506000134352"  # GS1's own example GTIN, check digit 2
GLN = "9506000000008"  # 13 digits, check digit 8


def test_the_gtin_entry_reads_as_gs1_publishes_it():
    gtin = table()["01"]
    assert gtin.components == (Component("N", 14, 14, False, ("csum", "gcppos2")),)
    assert gtin.attribute is True
    assert gtin.qualifiers == (("22", "10", "21"), ("235",))
    assert gtin.excludes == ("255", "37")
    assert gtin.requires == ()


def test_a_key_without_qualifiers_and_ais_that_are_no_keys():
    assert table()["00"].qualifiers == ()  # the SSCC: a key, no qualifiers
    assert table()["10"].qualifiers is None
    assert table()["21"].qualifiers is None


def test_requirements_exclusions_and_the_attribute_flag():
    serial = table()["21"]
    assert serial.attribute is False  # no "?" flag: never a query attribute
    assert serial.requires == (("01", "03", "8006"),)
    assert serial.excludes == ("235",)
    assert table()["10"].attribute is True
    # Two req= words: both must be met.
    assert table()["250"].requires == (("01", "8006"), ("21",))


def test_a_range_of_ais_is_expanded_to_each_ai_and_no_further():
    assert {"3100", "3101", "3102", "3103", "3104", "3105"} <= table().keys()
    assert "3106" not in table()
    assert table()["3103"].excludes == ("310n",)


def test_optional_components_are_marked():
    gdti = table()["253"]
    assert [(c.kind, c.low, c.high, c.optional) for c in gdti.components] == [
        ("N", 13, 13, False),
        ("X", 1, 17, True),
    ]


@pytest.mark.parametrize("ai", ["3106", "9999", "", "01 "])
def test_an_ai_gs1_does_not_define_is_unknown(ai):
    assert value_problem(ai, "1") == "unknown AI"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (GTIN, None),
        ("09506000134353", "fails csum"),
        (GTIN[:-1], "too short"),
        (GTIN + "0", "too long"),
        ("0950600013435A", "characters not allowed"),
        ("", "too short"),
    ],
)
def test_a_gtin_has_fourteen_digits_and_a_right_check_digit(value, problem):
    assert value_problem("01", value) == problem


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("L", None),
        ("A" * 20, None),
        ("A" * 21, "too long"),
        ("LN-2508/A.1", None),
        ("LOT 1", "characters not allowed"),  # no space in CSET 82
        ("Lô1", "characters not allowed"),
        ("", "too short"),
    ],
)
def test_a_lot_is_one_to_twenty_characters_of_cset_82(value, problem):
    assert value_problem("10", value) == problem


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("261231", None),
        ("261200", None),  # day 00: the end of the month, allowed for expiry
        ("240229", None),  # 2024 is a leap year
        ("250229", "fails yymmd0"),
        ("260431", "fails yymmd0"),
        ("261301", "fails yymmd0"),
        ("260001", "fails yymmd0"),
        ("26123", "too short"),
    ],
)
def test_an_expiry_date_is_yymmdd_with_day_zero_allowed(value, problem):
    assert value_problem("17", value) == problem


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2612312359", None),
        ("2612310000", None),
        ("2612312400", "fails hhmi"),
        ("2612312360", "fails hhmi"),
        ("2612002359", "fails yymmdd"),  # no day 00 here
        ("261231235", "too short"),
    ],
)
def test_an_expiry_time_is_a_real_date_then_a_real_time(value, problem):
    assert value_problem("7003", value) == problem


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("20240229", None),
        ("20230229", "fails yyyymmdd"),
        ("20241301", "fails yyyymmdd"),
        ("20240100", "fails yyyymmdd"),
    ],
)
def test_a_date_of_birth_has_a_four_digit_year(value, problem):
    assert value_problem("7250", value) == problem


def test_an_optional_component_may_be_left_out_but_not_overrun():
    assert value_problem("253", GLN) is None
    assert value_problem("253", GLN + "DOC-1") is None
    assert value_problem("253", GLN + "D" * 17) is None
    assert value_problem("253", GLN + "D" * 18) == "too long"
    assert value_problem("253", GLN[:-1]) == "too short"


def test_the_small_linters_zero_nonzero_and_yesno():
    assert value_problem("8003", "0" + GLN) is None
    assert value_problem("8003", "1" + GLN) == "fails zero"
    assert value_problem("4321", "1") is None
    assert value_problem("4321", "2") == "fails yesno"
    assert value_problem("8001", "0100" + "00200" + "003" + "1" + "9") is None
    assert value_problem("8001", "0000" + "00200" + "003" + "1" + "9") == (
        "fails nonzero"
    )


def test_patterns_match_digit_by_digit_and_length():
    assert matches("310n", "3103")
    assert matches("31nn", "3125")
    assert not matches("310n", "3113")
    assert not matches("310n", "310")
    assert not matches("01", "011")


def test_an_item_link_meets_every_requirement():
    assert association_problem(["01", "10", "21"]) is None
    assert association_problem(["01"]) is None


def test_a_serial_without_a_gtin_is_refused():
    assert association_problem(["21"]) == "(21) needs one of 01, 03, 8006"
    assert association_problem(["10", "01"]) is None  # order does not matter


def test_excluded_pairs_are_refused():
    assert association_problem(["01", "37"]) == "(01) cannot be given with 37"
    assert association_problem(["01", "235", "21"]) == "(21) cannot be given with 235"
    # A pattern excludes every AI it matches, but not the AI itself.
    assert association_problem(["01", "3103"]) is None
    assert association_problem(["01", "3100", "3101"]) == (
        "(3100) cannot be given with 310n"
    )


def test_a_requirement_joined_by_plus_needs_every_part():
    assert association_problem(["7004", "01"]) == "(7004) needs one of 01+10"
    assert association_problem(["7004", "01", "10"]) is None

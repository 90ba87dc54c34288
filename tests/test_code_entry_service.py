"""What a typed, pasted or scanned code stands for, read directly."""

from __future__ import annotations

import pytest

from tests import factories
from webapp.services.standards.code_entry import interpret

OWN = ("trace.example.vn",)


def _entry(text):
    return interpret(factories.session(), text, OWN)


def test_our_link_is_read_with_its_parts(db_session):
    issued = factories.stamp(factories.batch(lot_code="L7"))
    entry = _entry(f"  {issued.url}  ")
    assert entry.problem is None
    assert (entry.link.gtin, entry.link.lot, entry.link.serial) == (
        issued.gtin, "L7", issued.serial,
    )  # fmt: skip


def test_a_serial_typed_with_spaces_and_dashes_finds_its_stamp(db_session):
    issued = factories.stamp(factories.batch(lot_code="L8"))
    typed = "-".join(issued.serial[i : i + 4] for i in range(0, len(issued.serial), 4))
    entry = _entry(f" {typed.lower()} ")
    assert (entry.link.gtin, entry.link.lot, entry.link.serial) == (
        issued.gtin, "L8", issued.serial,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("   ", "empty"),
        ("hello", "not_a_code"),
        ("ftp://trace.example.vn/x", "not_ours"),
        ("https://elsewhere.vn/about", "not_ours"),
        ("https://trace.example.vn/01/12345", "gtin_length"),
    ],
)
def test_problems(db_session, text, problem):
    entry = _entry(text)
    assert (entry.link, entry.problem) == (None, problem)


def test_a_well_formed_serial_nobody_issued_is_unknown(db_session):
    issued = factories.stamp(factories.batch())
    factories.session().rollback()  # the stamp was never committed: it is gone
    assert _entry(issued.serial).problem == "unknown_code"


def test_another_sites_imitation_keeps_its_link_to_check_with_us(db_session):
    issued = factories.stamp(factories.batch())
    path = issued.url.split("trace.example.vn", 1)[1]
    entry = _entry(f"https://Fake.example.com{path}")
    assert (entry.problem, entry.foreign_host) == ("foreign_host", "fake.example.com")
    assert entry.foreign_link.serial == issued.serial

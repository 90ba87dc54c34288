"""CSV files people open in a spreadsheet carry no formula (OWASP CSV injection)."""

from __future__ import annotations

import csv

import pytest

from webapp.services.common.csv_cells import safe_cell
from webapp.services.stamps.issuance import IssuedStamp, write_codes_csv


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (
            '=HYPERLINK("http://evil.example","x")',
            '\'=HYPERLINK("http://evil.example","x")',
        ),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("LOT-2026", "LOT-2026"),
        ("8935301000010", "8935301000010"),
        (None, ""),
    ],
)
def test_would_be_formulas_are_made_text(value, cell):
    assert safe_cell(value) == cell


def test_codes_file_escapes_a_lot_that_looks_like_a_formula(tmp_path):
    stamp = IssuedStamp(
        url="https://trace.example.vn/01/08935301000010/10/=1+2/21/A1",
        gtin="08935301000010",
        lot="=1+2",
        serial="A1",
        pin="1234",
        regions=("33",),
    )
    written = write_codes_csv(tmp_path / "codes.csv", [stamp])
    with open(written, newline="", encoding="utf-8") as file:
        header, row = list(csv.reader(file))
    assert dict(zip(header, row, strict=True))["lot"] == "'=1+2"
    assert row[0].startswith("https://")

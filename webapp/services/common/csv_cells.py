"""CSV cells a spreadsheet opens as text, never as a formula (OWASP CSV injection)."""

from __future__ import annotations

# A cell starting with one of these is run as a formula by Excel, LibreOffice
# and Google Sheets (tab and carriage return let a formula hide behind them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The value as CSV text, a leading apostrophe making a would-be formula text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values) -> list[str]:
    return [safe_cell(value) for value in values]

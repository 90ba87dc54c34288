"""The demo's dates, moved so that the catalog always reads as if written today.

The catalog is written as it stood on WRITTEN_FOR. Seeded on another day, every
date of a product made all year round (production, expiry, journey, the OCOP
certificates, the training session) moves by the days in between, so what was
fresh stays fresh and what had expired stays expired. A crop harvested once a
year (a product marked "seasonal") moves by whole years instead, to its latest
season before today: longans are never picked in January.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from webapp.demo.catalog import ProductSpec

WRITTEN_FOR = date(2026, 11, 22)
LOT_CODE = re.compile(r"([A-Z]+)(\d{4})([A-Z]*)")


@dataclass(frozen=True)
class Shift:
    """How far one product's dates move: whole years, then days."""

    years: int = 0
    days: int = 0

    def date(self, value: date) -> date:
        return _add_years(value, self.years) + timedelta(days=self.days)

    def moment(self, value: datetime) -> datetime:
        return _add_years(value, self.years) + timedelta(days=self.days)


def year_round(today: date) -> Shift:
    """The shift of everything that is not a seasonal crop."""
    return Shift(days=(today - WRITTEN_FOR).days)


def for_product(spec: ProductSpec, today: date) -> Shift:
    """A seasonal crop's latest harvest before today; else the year-round shift."""
    if not spec.get("seasonal"):
        return year_round(today)
    last = max(
        datetime.fromisoformat(event["time"]).date()
        for batch in spec["batches"]
        for event in batch["events"]
    )
    years = today.year - last.year
    if _add_years(last, years) >= today:
        years -= 1
    return Shift(years=years)


def lot_code(written: str, produced_on: date, taken: set[str]) -> str:
    """The lot code with the moved production's year and month (LN2608A).

    Two lots of a product moved into the same month get the next letters.
    """
    match = LOT_CODE.fullmatch(written)
    code = written
    if match is not None:
        letter = match[3] or "A"
        code = f"{match[1]}{produced_on:%y%m}{letter}"
        while code in taken:
            letter = chr(ord(letter) + 1)
            code = f"{match[1]}{produced_on:%y%m}{letter}"
    taken.add(code)
    return code


def fill(text: str | None, lot: str, produced_on: date, expires_on: date | None):
    """Put the batch's own lot and dates into a journey note."""
    if text is None:
        return None
    values = {"{lot}": lot, "{produced_on}": f"{produced_on:%d/%m/%Y}"}
    if expires_on is not None:
        values["{expires_on}"] = f"{expires_on:%d/%m/%Y}"
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def _add_years(value, years: int):
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February in a year without one
        return value.replace(year=value.year + years, day=28)

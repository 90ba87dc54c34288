"""Tables as Excel workbooks (.xlsx, written by openpyxl) for the people who open them.

A CSV is the wrong file for someone who double-clicks it: Excel reads a CSV
without a byte-order mark in the system's code page (Vietnamese turns to
mojibake), splits it on the locale's list separator (";" on Vietnamese Windows,
so everything lands in one column), and turns codes into numbers (GTIN
08935301000010 becomes 8.9353E+12, PIN 00412345 becomes 412345). A workbook
says what each cell is. Machine-read files (the print shop's codes CSV) stay CSV.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT = "@"  # Excel's "Text" format: what is typed there later stays text too
WHOLE = "#,##0"
SHEET_TITLE_LENGTH = 31  # Excel refuses longer sheet names
NOT_IN_SHEET_TITLES = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Column:
    """A column's header, its Excel number format and its width (characters)."""

    header: str
    number_format: str = TEXT
    width: float = 14


def workbook(
    title: str, columns: Sequence[Column], rows: Iterable[Sequence[object]]
) -> bytes:
    """One sheet: a bold header row, frozen and filterable, then the rows.

    Text columns get every value as a string (codes keep their leading zeros);
    other columns keep numbers and dates as such, shown in the column's format.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title.translate(NOT_IN_SHEET_TITLES)[:SHEET_TITLE_LENGTH])
    for number, column in enumerate(columns, 1):
        dimension = sheet.column_dimensions[get_column_letter(number)]
        dimension.width = column.width
        dimension.number_format = column.number_format
    sheet.freeze_panes = "A2"
    sheet.append([_header(sheet, column.header) for column in columns])
    count = 0
    for row in rows:
        sheet.append(
            [
                _cell(sheet, column, value)
                for column, value in zip(columns, row, strict=True)
            ]
        )
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _header(sheet, text: str) -> Cell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    return cell


def _cell(sheet, column: Column, value: object) -> object:
    if column.number_format != TEXT and (
        value is None or isinstance(value, (int, float, date))
    ):
        cell = WriteOnlyCell(sheet)
        cell.value = value
        cell.number_format = column.number_format
        return cell
    text = "" if value is None else str(value)
    if not text.startswith("="):
        return text  # a plain string: fast for 100,000 rows
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # a name typed as "=…" is text, never a formula
    return cell

"""Workbooks open in Excel with Vietnamese intact and codes kept as text."""

import io
from datetime import date

from openpyxl import load_workbook

from webapp.services.common.spreadsheets import TEXT, Column, workbook

COLUMNS = [
    Column("GTIN"),
    Column("Sản phẩm"),
    Column("Tuần từ", "dd/mm/yyyy"),
    Column("Lượt quét", "#,##0"),
]


def read(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_codes_stay_text_and_numbers_and_dates_stay_themselves():
    row = ["08935301000010", "Nhãn lồng Hưng Yên", date(2025, 8, 16), 1200]
    sheet = read(workbook("Sản phẩm", COLUMNS, [row]))
    assert [cell.value for cell in sheet[1]] == [c.header for c in COLUMNS]
    gtin, name, week, scans = sheet[2]
    assert (gtin.value, gtin.data_type) == (row[0], "s")
    assert sheet.column_dimensions["A"].number_format == TEXT  # typed in later: text
    assert name.value == "Nhãn lồng Hưng Yên"
    assert week.value.date() == row[2] and week.number_format == "dd/mm/yyyy"
    assert (scans.value, scans.data_type) == (1200, "n")
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D2"


def test_a_name_that_looks_like_a_formula_stays_text():
    evil = '=HYPERLINK("http://x.example","Bấm")'
    sheet = read(workbook("Test", COLUMNS[:2], [["00000123", evil]]))
    assert sheet["B2"].value == evil and sheet["B2"].data_type == "s"
    assert sheet["A2"].value == "00000123"


def test_sheet_titles_excel_refuses_are_made_acceptable():
    title = read(workbook("Sản phẩm: đủ/thiếu [2025] và các tỉnh thành", COLUMNS, []))
    assert len(title.title) <= 31 and not set(title.title) & set("[]:*?/\\")

"""Downloads people open in Excel: the dashboard's tables and an issuance's codes.

Headers and words in the visitor's language; codes (GTIN, province code, lot,
serial, PIN) as text; counts and dates as numbers and dates.
"""

from __future__ import annotations

import csv
from pathlib import Path

from flask import Response
from flask_babel import gettext as _

from webapp.extensions import db
from webapp.models import utcnow
from webapp.services.common import spreadsheets
from webapp.services.common.clock import today_in_vietnam
from webapp.services.common.spreadsheets import WHOLE, Column
from webapp.services.programme import coverage, progress
from webapp.web import vocab
from webapp.web.formatting import kind_labels, province_name
from webapp.web.i18n import current_lang

DATE_FORMATS = {"vi": "dd/mm/yyyy", "en": "d mmm yyyy"}


def products() -> bytes:
    """Every product and whether its traceability data is complete."""
    lang = current_lang()
    _share, rows = progress.products_with_complete_data(db.session(), utcnow())
    columns = [
        *_product_columns(),
        Column(_("Province code"), width=8),
        Column(_("Province"), width=18),
        Column(_("Complete traceability data"), width=14),
    ]
    table = (
        [*_product_cells(product, lang), product.organisation.province_code,
         province_name(product.organisation.province_code),
         _("Yes") if done else _("No")]
        for product, done in rows
    )  # fmt: skip
    return spreadsheets.workbook(_("Products"), columns, table)


def weeks() -> bytes:
    """Shopper scans and new alerts per week, as on the dashboard."""
    columns = [
        Column(_("Week from"), DATE_FORMATS[current_lang()], width=13),
        Column(_("Shopper scans"), WHOLE),
        Column(_("New alerts"), WHOLE),
    ]
    table = (
        [week.start, week.scans, week.alerts]
        for week in progress.weekly(db.session(), today_in_vietnam())
    )
    return spreadsheets.workbook(_("Scans and alerts"), columns, table)


def provinces() -> bytes:
    """Shopper scans and flagged scans per province over the dashboard's weeks."""
    since = progress.window_start(today_in_vietnam())
    columns = [
        Column(_("Province code"), width=8),
        Column(_("Province"), width=18),
        Column(_("Shopper scans"), WHOLE),
        Column(_("Flagged"), WHOLE),
    ]
    table = (
        [code, province_name(code), scans, flagged]
        for code, scans, flagged in progress.by_province(db.session(), since)
    )
    return spreadsheets.workbook(_("Scans by province"), columns, table)


def _product_columns() -> list[Column]:
    return [
        Column("GTIN", width=17),
        Column(_("Product"), width=36),
        Column(_("Producer"), width=36),
    ]


def _product_cells(product, lang: str) -> list[str]:
    return [
        product.gtin,
        product.localized("name", lang).text,
        product.organisation.name,
    ]


def missing_products() -> bytes:
    """Products still without complete data, with the kinds and sector they count in."""
    lang = current_lang()
    _share, rows = progress.products_with_complete_data(db.session(), utcnow())
    columns = [
        *_product_columns(),
        Column(_("Kinds"), width=36),
        Column(_("Sector"), width=18),
    ]
    table = (
        [*_product_cells(product, lang), kind_labels(product),
         vocab.label(vocab.SECTORS, product.sector)]
        for product, done in rows
        if not done
    )  # fmt: skip
    return spreadsheets.workbook(_("Products missing"), columns, table)


def untrained() -> bytes:
    """Producers of the plan's sectors who have not attended training yet."""
    columns = [
        Column(_("Producer"), width=36),
        Column(_("Tax code"), width=14),
        Column(_("Sector"), width=18),
        Column(_("Province"), width=18),
        Column(_("Phone"), width=16),
    ]
    table = (
        [producer.name, producer.tax_code, vocab.label(vocab.SECTORS, line.code),
         province_name(producer.province_code), producer.phone or ""]
        for line in coverage.training_by_sector(db.session())
        for producer in line.missing
    )  # fmt: skip
    return spreadsheets.workbook(_("Producers not trained"), columns, table)


DASHBOARD = {
    "products": products,
    "weeks": weeks,
    "provinces": provinces,
    "missing": missing_products,
    "untrained": untrained,
}


def codes(path: Path) -> bytes:
    """An issuance's codes CSV (for print software) as a workbook for people."""
    columns = [
        Column(_("Link in the QR code"), width=60),
        Column("GTIN", width=17),
        Column(_("Lot"), width=12),
        Column(_("Serial"), width=19),
        Column(_("PIN"), width=10),
        Column(_("May be sold in"), width=30),
    ]
    with open(path, newline="", encoding="utf-8") as file:
        rows = csv.DictReader(file)
        table = (
            [row["url"], row["gtin"], row["lot"], row["serial"], row["pin"],
             ", ".join(map(province_name, filter(None, row["regions"].split(";"))))]
            for row in rows
        )  # fmt: skip
        return spreadsheets.workbook(_("Stamps"), columns, table)


def download(body: bytes, filename: str) -> Response:
    """A workbook as an attachment, never kept by a cache."""
    return Response(
        body,
        mimetype=spreadsheets.MEDIA_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )

"""One stamp label as it will print, for the producer to check before issuing.

The preview is the sheet's own drawing (stamp_sheet.render) of a single label,
rasterised: what the producer sees is what the printer gets. Its code is a
sample that can never pass for a stamp: the serial fails its check and the
signature is a placeholder, so a scanned preview reads as never issued.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from webapp.services.stamps.label_layout import (
    LAYOUTS,
    LabelTooSmall,
    Layout,
    SheetText,
    plan,
)
from webapp.services.stamps.stamp_sheet import Label, render
from webapp.services.stamps.stamp_signatures import KEY_ID_LENGTH, SIGNATURE_LENGTH
from webapp.services.standards.digital_link import DigitalLink

SAMPLE_SERIAL = "0" * 16
SAMPLE_PIN = "0" * 8
PIXELS_PER_MM = 12  # 305 dpi: sharp on a phone showing 6 CSS px per mm

# PDFium keeps global state and is not thread-safe: two threads rasterising at
# once (a page loading several previews from a threaded server) can crash the
# whole process. Every use of it in this process goes through this lock.
PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class Fit:
    """How the label's text comes out at one size (or why it cannot)."""

    key: str
    name: str | None  # the product name as printed; None when it does not fit
    left_out: tuple[str, ...]
    too_long: str | None  # the required item that does not fit


def fits(text: SheetText, with_pin: bool) -> list[Fit]:
    """For every label size: the printed name, what is left out, or what is too long."""
    found = []
    for key, layout in LAYOUTS.items():
        try:
            placed = plan(text, layout, with_pin)
        except LabelTooSmall as error:
            found.append(Fit(key, None, (), error.item))
        else:
            found.append(Fit(key, placed.name, placed.left_out, None))
    return found


def sample_link(base_url: str, gtin: str, lot: str) -> str:
    """A link as long as a real stamp's (so the QR has its size), never valid."""
    link = DigitalLink(gtin, lot=lot, serial=SAMPLE_SERIAL).uri(base_url)
    return f"{link}?s={'A' * KEY_ID_LENGTH}.{'A' * SIGNATURE_LENGTH}"


def png(text: SheetText, layout: Layout, with_pin: bool, link: str) -> bytes:
    """One label, cut from a sheet, as a greyscale PNG.

    Raises LabelTooSmall like the sheet itself.
    """
    alone = replace(layout, columns=1, rows=1, left=0, top=0)
    label = Label(link, SAMPLE_SERIAL, SAMPLE_PIN if with_pin else None)
    sheet = render([label], text, alone)
    width, height = layout.width * mm, layout.height * mm
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(sheet)
        try:
            image = (
                document[0]
                .render(
                    scale=PIXELS_PER_MM / mm,  # pixels per point
                    crop=(0, A4[1] - height, A4[0] - width, 0),
                    grayscale=True,
                )
                .to_pil()
            )
        finally:
            document.close()
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()

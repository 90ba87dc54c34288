"""Print-ready A4 sheets of stamps: QR, product name, stars, serial, PIN area.

QR symbols go in as 1-bit inline images at their exact module grid (no
smoothing, so edges stay sharp at any printer resolution); text is set in
Noto Sans, which covers Vietnamese, and embedded as a subset.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from math import cos, pi, sin
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from webapp.services import qr_symbols
from webapp.services.serials import group

FONT_DIR = Path(__file__).resolve().parent.parent / "data" / "fonts"
REGULAR, BOLD = "NotoSans", "NotoSans-Bold"


@dataclass(frozen=True)
class Layout:
    """A label sheet: label size and grid on A4, and the QR's printed size."""

    key: str
    width: float  # mm
    height: float
    columns: int
    rows: int
    left: float  # page margin, mm
    top: float
    column_gap: float
    row_gap: float
    qr: float  # symbol with its quiet zone, mm

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


# Common A4 label stock (65-, 40- and 24-up).
LAYOUTS = {
    layout.key: layout
    for layout in (
        Layout("small", 38.1, 21.2, 5, 13, 4.7, 10.7, 2.5, 0, 20),
        Layout("medium", 52.5, 29.7, 4, 10, 0, 0, 0, 0, 27),
        Layout("large", 70, 37, 3, 8, 0, 0.5, 0, 0, 34),
    )
}


@dataclass(frozen=True)
class Label:
    """What one stamp shows."""

    url: str
    serial: str
    pin: str | None


@dataclass(frozen=True)
class SheetText:
    """The words printed on every label, in the producer's language."""

    product: str
    stars: int
    lot_line: str  # e.g. "Lô LN2508A"
    scan_hint: str  # e.g. "Quét để kiểm tra"
    pin_hint: str  # e.g. "Cào lấy PIN"


@cache
def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, FONT_DIR / "NotoSans-Regular.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, FONT_DIR / "NotoSans-Bold.ttf"))


def render(
    labels: Sequence[Label],
    text: SheetText,
    layout: Layout,
    workers: int | None = None,
    title: str = "",
) -> bytes:
    """The PDF, one label per stamp, as many pages as it takes."""
    _register_fonts()
    symbols = qr_symbols.matrices([label.url for label in labels], workers)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1, invariant=1)
    canvas.setTitle(title or text.product)
    canvas.setCreator("OCOP Trace")
    frame = _Frame(layout)
    frame.serial_lines = max(
        (
            len(_serial_lines(label.serial, frame.serial_size, frame.width))
            for label in labels
        ),
        default=1,
    )
    # What every label shares is drawn once and placed by reference.
    forms = {pin: _shared_form(canvas, frame, text, pin) for pin in (False, True)}
    page_height = A4[1]
    for index, (label, modules) in enumerate(zip(labels, symbols, strict=True)):
        slot = index % layout.per_page
        if index and slot == 0:
            canvas.showPage()
        column, row = slot % layout.columns, slot // layout.columns
        x = (layout.left + column * (layout.width + layout.column_gap)) * mm
        y = (
            page_height
            - (layout.top + (row + 1) * layout.height + row * layout.row_gap) * mm
        )
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(forms[bool(label.pin)])
        _draw_own_parts(canvas, frame, label, modules)
        canvas.restoreState()
    canvas.save()
    return out.getvalue()


class _Frame:
    """Where things go inside one label, in points from its lower left corner."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.height = layout.height * mm
        self.qr = layout.qr * mm
        self.qr_x, self.qr_y = 0.5 * mm, (self.height - self.qr) / 2
        self.left = self.qr_x + self.qr + 0.5 * mm
        self.width = layout.width * mm - 1.5 * mm - self.left
        self.size = max(4.5, min(8.0, layout.height / 3.6))
        self.line = self.size * 1.25
        self.top = self.height - 1.6 * mm - self.size
        self.serial_size = self.size * 0.86
        self.small = self.size * 0.72
        self.pin_bottom = 1.2 * mm
        self.pin_height = self.size * 1.5
        self.serial_lines = 1  # 2 when the sheet's longest serial needs it


def _shared_form(canvas, frame: _Frame, text: SheetText, with_pin: bool) -> str:
    """Name, stars, lot, and the hint or the PIN box: the same on every label."""
    name = f"label-{'pin' if with_pin else 'plain'}"
    canvas.beginForm(name)
    size, left, top, width = frame.size, frame.left, frame.top, frame.width
    canvas.setFont(BOLD, size)
    canvas.drawString(left, top, _fit(text.product, BOLD, size, width))
    star_line = top - frame.line + size * 0.1
    _stars(canvas, left, star_line, text.stars, size * 0.8)
    canvas.setFont(REGULAR, size * 0.8)
    canvas.drawString(left + text.stars * size * 0.85 + 1, star_line, "OCOP")
    if with_pin:
        canvas.setLineWidth(0.4)
        canvas.roundRect(left, frame.pin_bottom, width, frame.pin_height, 1.2)
        hint_size = size * 0.55
        canvas.setFont(REGULAR, hint_size)
        canvas.drawString(
            left,
            frame.pin_bottom + frame.pin_height + 1,
            _fit(text.pin_hint, REGULAR, hint_size, width),
        )
    else:
        canvas.setFont(REGULAR, frame.small)
        canvas.drawString(
            left, 1.8 * mm, _fit(text.scan_hint, REGULAR, frame.small, width)
        )
    canvas.setFont(REGULAR, frame.small)
    lot = _fit(text.lot_line, REGULAR, frame.small, width)
    canvas.drawString(left, _lot_baseline(frame), lot)
    canvas.endForm()
    return name


def _lot_baseline(frame: _Frame) -> float:
    return frame.top - (2.85 + (frame.serial_lines - 1) * 0.8) * frame.line


def _draw_own_parts(canvas, frame: _Frame, label: Label, modules) -> None:
    """The QR, the serial and the PIN: what differs from label to label."""
    quiet = qr_symbols.QUIET_ZONE
    module = frame.qr / (modules.shape[0] + 2 * quiet)
    image = Image.fromarray(~modules).convert("1")  # white where light
    canvas.drawInlineImage(
        image,
        frame.qr_x + quiet * module,
        frame.qr_y + quiet * module,
        modules.shape[1] * module,
        modules.shape[0] * module,
    )
    canvas.setFont(BOLD, frame.serial_size)
    for n, part in enumerate(
        _serial_lines(label.serial, frame.serial_size, frame.width)
    ):
        canvas.drawString(frame.left, frame.top - (2 + n * 0.8) * frame.line, part)
    if label.pin:
        canvas.setFont(BOLD, frame.size)
        canvas.drawCentredString(
            frame.left + frame.width / 2,
            frame.pin_bottom + frame.pin_height * 0.28,
            label.pin,
        )


def _stars(canvas, x, y, count, size) -> None:
    """Filled five-pointed stars (Noto Sans has no ★)."""
    radius = size / 2
    for n in range(count):
        cx, cy = x + n * size * 1.06 + radius, y + radius * 0.8
        path = canvas.beginPath()
        for point in range(10):
            r = radius if point % 2 == 0 else radius * 0.45
            angle = pi / 2 + point * pi / 5
            px, py = cx + r * cos(angle), cy + r * sin(angle)
            path.moveTo(px, py) if point == 0 else path.lineTo(px, py)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)


def _serial_lines(serial: str, size: float, width: float) -> list[str]:
    """The whole serial, never shortened: on two lines when one is too narrow."""
    one_line = group(serial)
    if pdfmetrics.stringWidth(one_line, BOLD, size) <= width:
        return [one_line]
    return _split_serial(serial, 2)


def _split_serial(serial: str, lines: int) -> list[str]:
    parts = group(serial).split(" ")
    if lines == 1:
        return [" ".join(parts)]
    half = (len(parts) + 1) // 2
    return [" ".join(parts[:half]), " ".join(parts[half:])]


def _fit(text: str, font: str, size: float, width: float) -> str:
    """text, shortened with an ellipsis until it fits width."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"

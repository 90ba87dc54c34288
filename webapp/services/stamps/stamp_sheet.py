"""Print-ready A4 sheets of stamps: QR, product name, stars, serial, PIN area.

QR symbols go in as 1-bit inline images at their exact module grid (no
smoothing, so edges stay sharp at any printer resolution); text is set in
Noto Sans, which covers Vietnamese, and embedded as a subset. What goes where
on each label size is decided in label_layout.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import cos, pi, sin

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from webapp.services.stamps import qr_symbols
from webapp.services.stamps.label_layout import (
    BOLD,
    LAYOUTS,
    QR_X,
    Layout,
    Plan,
    SheetText,
    plan,
    register_fonts,
)
from webapp.services.stamps.serials import group

__all__ = ["LAYOUTS", "Label", "Layout", "SheetText", "render"]

# A registered font's file is read through one shared cursor when a document
# embeds its subset: two sheets saved at once in one process read each other's
# glyphs (KeyError, IndexError). A process draws one sheet at a time.
_DRAWING = threading.Lock()


@dataclass(frozen=True)
class Label:
    """What one stamp shows."""

    url: str
    serial: str
    pin: str | None


def render(
    labels: Sequence[Label],
    text: SheetText,
    layout: Layout,
    workers: int | None = None,
    title: str = "",
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """The PDF, one label per stamp, as many pages as it takes.

    progress, if given, is told how many labels are drawn after each page.

    Raises label_layout.LabelTooSmall when the text cannot fit this size.
    """
    register_fonts()
    plans = {pin: plan(text, layout, pin) for pin in {bool(la.pin) for la in labels}}
    symbols = qr_symbols.matrices([label.url for label in labels], workers)
    with _DRAWING:
        return _draw(labels, text, layout, plans, symbols, title, progress)


def _draw(labels, text, layout, plans, symbols, title, progress=None) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1, invariant=1)
    canvas.setTitle(title or text.product)
    canvas.setCreator("OCOP Trace")
    # What every label shares is drawn once and placed by reference.
    forms = {pin: _shared_form(canvas, p, text.stars, pin) for pin, p in plans.items()}
    page_height = A4[1]
    for index, (label, modules) in enumerate(zip(labels, symbols, strict=True)):
        slot = index % layout.per_page
        if index and slot == 0:
            canvas.showPage()
            if progress:
                progress(index)
        column, row = slot % layout.columns, slot // layout.columns
        x = (layout.left + column * (layout.width + layout.column_gap)) * mm
        y = (
            page_height
            - (layout.top + (row + 1) * layout.height + row * layout.row_gap) * mm
        )
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(forms[bool(label.pin)])
        _draw_own_parts(canvas, layout, plans[bool(label.pin)], label, modules)
        canvas.restoreState()
    canvas.save()
    return out.getvalue()


def _shared_form(canvas, plan: Plan, stars: int, with_pin: bool) -> str:
    """Name, stars, lot, expiry, hint and the PIN box: the same on every label."""
    name = f"label-{'pin' if with_pin else 'plain'}"
    canvas.beginForm(name)
    for line in plan.lines:
        canvas.setFont(line.font, line.size)
        canvas.drawString(line.x, line.y, line.text)
    if plan.stars:
        _stars(canvas, *plan.stars[:2], stars, plan.stars[2])
    if plan.pin_box:
        canvas.setLineWidth(0.4)
        canvas.roundRect(*plan.pin_box, 1.2)
    canvas.endForm()
    return name


def _draw_own_parts(canvas, layout: Layout, plan: Plan, label: Label, modules) -> None:
    """The QR, the serial and the PIN: what differs from label to label."""
    quiet = qr_symbols.QUIET_ZONE
    size = layout.qr * mm
    module = size / (modules.shape[0] + 2 * quiet)
    image = Image.fromarray(~modules).convert("1")  # white where light
    canvas.drawInlineImage(
        image,
        QR_X + quiet * module,
        (layout.height * mm - size) / 2 + quiet * module,
        modules.shape[1] * module,
        modules.shape[0] * module,
    )
    canvas.setFont(BOLD, plan.serial_size)
    for part, baseline in zip(
        _serial_lines(label.serial), plan.serial_baselines, strict=True
    ):
        canvas.drawString(plan.serial_x, baseline, part)
    if label.pin and plan.pin_box:
        x, _, width, _ = plan.pin_box
        canvas.setFont(BOLD, plan.pin_size)
        canvas.drawCentredString(x + width / 2, plan.pin_baseline, label.pin)


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


def _serial_lines(serial: str) -> list[str]:
    """The whole serial in groups of four, on two lines."""
    parts = group(serial).split(" ")
    half = (len(parts) + 1) // 2
    return [" ".join(parts[:half]), " ".join(parts[half:])]

"""What a stamp label prints at each size, and where: every item whole and legible.

Legible means an x-height of at least 0.9 mm, the smallest that food-labelling
rules accept on small packages (EU Regulation 1169/2011, Annex IV); in Noto
Sans (x-height 0.536 em) that is 4.8 pt. What people read out or type (the
serial, the PIN, the expiry date) is set at 5.5 pt or more.

Every label prints the QR, the product name, the whole serial, the lot, the
expiry date (when the batch has one) and, with PINs, the scratch-off box;
a lot code too long for a size makes that size refuse (LabelTooSmall) rather
than cut it. Where room is left, in this order: the name's second line, the
hint ("scan to check", "scratch for the PIN"), the OCOP stars. The small
label with a PIN has room for the name's second line at most.

Nothing is cut with an ellipsis. A product name too long for its lines is
printed by one rule the producer previews before issuing: the whole name if
it fits, else the short name for labels they gave, else the leading words
that fit.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from webapp.services import DATA_DIR

FONT_DIR = DATA_DIR / "fonts"
REGULAR, BOLD = "NotoSans", "NotoSans-Bold"
MIN_SIZE = 4.8  # pt: an x-height of 0.9 mm in Noto Sans
READ_OUT_SIZE = 5.5  # pt: serial, PIN and expiry date
LEADING = 1.2  # baseline to baseline, in font sizes
ASCENT = 0.95  # top of a line (Vietnamese marks included) above its baseline
MARGIN = 1.2 * mm  # clear of the die cut, top and bottom
QR_X = 0.5 * mm  # the QR's left edge (its quiet zone included)
GAP = 1.0  # pt between the items at the top and those at the bottom
# The widest characters of a serial (Crockford base 32) decide its size.
SERIAL_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


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
class Recipe:
    """Font sizes (pt) of one label size; the name may take name_lines lines."""

    name: float
    name_lines: int
    stars: float
    serial: float
    lot: float
    expiry: float
    hint: float
    pin: float


RECIPES = {
    "small": Recipe(5.5, 2, 4.8, 5.5, 5.0, 5.5, 4.8, 7.0),
    "medium": Recipe(6.5, 2, 5.5, 7.0, 6.0, 6.5, 5.2, 8.5),
    "large": Recipe(8.0, 2, 7.0, 8.0, 7.0, 7.5, 6.0, 10.0),
}
assert RECIPES.keys() == LAYOUTS.keys()


@dataclass(frozen=True)
class SheetText:
    """The words printed on every label, in the language of the market."""

    product: str  # the full name
    stars: int
    lot_line: str  # e.g. "Lô LN2508A"
    expiry_line: str | None  # e.g. "HSD 31/07/2027"; None when the batch has none
    scan_hint: str  # e.g. "Quét để kiểm tra"
    pin_hint: str  # e.g. "Cào lớp bạc để lấy mã PIN"
    short_name: str | None = None  # the producer's name for labels, if any


@dataclass(frozen=True)
class TextLine:
    """One line of text at its place, in points from the label's lower left."""

    item: str
    text: str
    font: str
    size: float
    x: float
    y: float  # baseline


@dataclass(frozen=True)
class Plan:
    """Where everything goes on one label of a sheet."""

    lines: tuple[TextLine, ...]  # the same on every label
    serial_x: float
    serial_baselines: tuple[float, float]
    serial_size: float
    stars: tuple[float, float, float] | None  # x, baseline, size
    pin_box: tuple[float, float, float, float] | None  # x, y, width, height
    pin_baseline: float | None
    pin_size: float
    name: str  # the product name as printed
    left_out: tuple[str, ...]  # optional items there was no room for


class LabelTooSmall(ValueError):
    """A required item does not fit this label size; `item` names it."""

    def __init__(self, item: str) -> None:
        self.item = item
        super().__init__(item)


# functools.cache runs a function once per concurrent first call: threads
# drawing their first labels together would each register new font objects,
# and a document half-drawn with the replaced one loses its glyph tables.
_REGISTERING = threading.Lock()


def register_fonts() -> None:
    with _REGISTERING:
        _register_fonts_once()


@cache
def _register_fonts_once() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, FONT_DIR / "NotoSans-Regular.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, FONT_DIR / "NotoSans-Bold.ttf"))


def width_of(text: str, font: str, size: float) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(text, font, size)


@dataclass(frozen=True)
class Column:
    """The text column right of the QR, in points."""

    left: float
    width: float
    top: float
    bottom: float


def column(layout: Layout) -> Column:
    left = QR_X + (layout.qr + 0.5) * mm
    return Column(
        left=left,
        width=(layout.width - 1.5) * mm - left,
        top=layout.height * mm - MARGIN,
        bottom=MARGIN,
    )


def plan(text: SheetText, layout: Layout, with_pin: bool) -> Plan:
    """Place the label's items; raise LabelTooSmall when a required one cannot fit."""
    recipe, col = RECIPES[layout.key], column(layout)
    lot = wrap(text.lot_line, REGULAR, recipe.lot, col.width, 2, breaks=True)
    if lot is None:
        raise LabelTooSmall("lot")
    pitch = {key: LEADING * getattr(recipe, key) for key in ("name", "serial")}
    top_height = (
        pitch["name"]
        + 2 * pitch["serial"]
        + len(lot) * LEADING * recipe.lot
        + (LEADING * recipe.expiry if text.expiry_line else 0)
    )
    bottom_height = _pin_box_height(recipe) if with_pin else 0.0
    spare = col.top - col.bottom - GAP - top_height - bottom_height
    if spare < 0:
        raise LabelTooSmall("lot")
    extra_lines = min(recipe.name_lines - 1, int(spare // pitch["name"]))
    name_lines = name_for_label(
        text.product, text.short_name, recipe.name, col.width, 1 + extra_lines
    )
    spare -= (len(name_lines) - 1) * pitch["name"]
    hint = text.pin_hint if with_pin else text.scan_hint
    show_hint = (
        LEADING * recipe.hint <= spare
        and width_of(hint, REGULAR, recipe.hint) <= col.width
    )
    if show_hint:
        spare -= LEADING * recipe.hint
    show_stars = 1.3 * recipe.stars <= spare and text.stars > 0
    return _place(
        text, recipe, col, with_pin, name_lines, lot, hint if show_hint else None,
        show_stars,
    )  # fmt: skip


def _pin_box_height(recipe: Recipe) -> float:
    return 1.7 * recipe.pin


def _place(
    text: SheetText,
    recipe: Recipe,
    col: Column,
    with_pin: bool,
    name_lines: list[str],
    lot: list[str],
    hint: str | None,
    show_stars: bool,
) -> Plan:
    lines: list[TextLine] = []
    cursor = col.top

    def put(item: str, words: str, font: str, size: float) -> float:
        nonlocal cursor
        baseline = cursor - ASCENT * size
        lines.append(TextLine(item, words, font, size, col.left, baseline))
        cursor -= LEADING * size
        return baseline

    for part in name_lines:
        put("name", part, BOLD, recipe.name)
    stars = None
    if show_stars:
        stars = (col.left, cursor - 1.05 * recipe.stars, recipe.stars)
        star_row_end = col.left + text.stars * recipe.stars * 1.06 + 1
        ocop_size = max(MIN_SIZE, recipe.stars)
        lines.append(
            TextLine("ocop", "OCOP", REGULAR, ocop_size, star_row_end, stars[1])
        )
        cursor -= 1.3 * recipe.stars
    serial_baselines = (
        cursor - ASCENT * recipe.serial,
        cursor - ASCENT * recipe.serial - LEADING * recipe.serial,
    )
    cursor -= 2 * LEADING * recipe.serial
    for part in lot:
        put("lot", part, REGULAR, recipe.lot)
    if text.expiry_line:
        put("expiry", text.expiry_line, BOLD, recipe.expiry)
    pin_box = pin_baseline = None
    bottom = col.bottom
    if with_pin:
        pin_box = (col.left, bottom, col.width, _pin_box_height(recipe))
        pin_baseline = bottom + (pin_box[3] - 0.714 * recipe.pin) / 2
        bottom += pin_box[3]
    if hint:
        # Just above the PIN box (or the bottom margin): descenders clear it.
        baseline = bottom + 0.3 * recipe.hint + 0.6
        lines.append(TextLine("hint", hint, REGULAR, recipe.hint, col.left, baseline))
    left_out = tuple(
        item
        for item, shown in (("hint", hint), ("stars", show_stars or not text.stars))
        if not shown
    )
    return Plan(
        lines=tuple(lines),
        serial_x=col.left,
        serial_baselines=serial_baselines,
        serial_size=recipe.serial,
        stars=stars,
        pin_box=pin_box,
        pin_baseline=pin_baseline,
        pin_size=recipe.pin,
        name=" ".join(name_lines),
        left_out=left_out,
    )


def name_for_label(
    name: str, short_name: str | None, size: float, width: float, lines: int
) -> list[str]:
    """The name's lines: whole if it fits, else the short name, else leading words."""
    for candidate in (name, short_name):
        fitted = wrap(candidate or "", BOLD, size, width, lines)
        if candidate and fitted is not None:
            return fitted
    words = (short_name or name).split()
    for count in range(len(words) - 1, 0, -1):
        shorter = " ".join(words[:count]).rstrip(",;:-–·/")
        fitted = wrap(shorter, BOLD, size, width, lines)
        if fitted is not None:
            return fitted
    # One word wider than the label: only then is a word cut.
    first = words[0] if words else ""
    return (wrap(first, BOLD, size, width, len(first), breaks=True) or [""])[:lines]


def wrap(
    text: str, font: str, size: float, width: float, lines: int, breaks: bool = False
) -> list[str] | None:
    """text on at most `lines` lines of width, None when it does not fit.

    Lines break between words; with breaks, also inside a word (after a dash,
    dot or slash where there is one), filling each line.
    """
    out: list[str] = []
    for word in text.split():
        joined = f"{out[-1]} {word}" if out else word
        if out and width_of(joined, font, size) <= width:
            out[-1] = joined
        elif not breaks:
            if width_of(word, font, size) > width:
                return None
            out.append(word)
        else:
            line = f"{out.pop()} " if out and out[-1] else ""
            while width_of(line + word, font, size) > width:
                cut = _longest_fitting(line, word, font, size, width)
                if cut == 0 and not line:
                    cut = 1  # a glyph wider than the line: nothing better to do
                out.append((line + word[:cut]).rstrip())
                line, word = "", word[cut:]
            out.append(line + word)
    return out if len(out) <= lines else None


def _longest_fitting(line: str, word: str, font: str, size: float, width: float) -> int:
    """How much of word fits after line, ending after a separator if one fits."""
    cut = len(word)
    while cut and width_of(line + word[:cut], font, size) > width:
        cut -= 1
    for at in range(cut, 0, -1):
        if word[at - 1] in "-./":
            return at
    return cut


def serial_fits(layout: Layout) -> bool:
    """Any serial, in the widest characters, fits its two lines."""
    recipe = RECIPES[layout.key]
    widest = max(SERIAL_ALPHABET, key=lambda c: width_of(c, BOLD, recipe.serial))
    line = f"{widest * 4} {widest * 4}"
    return width_of(line, BOLD, recipe.serial) <= column(layout).width

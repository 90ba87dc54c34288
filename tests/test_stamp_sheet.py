"""Printed sheets: every QR on every page reads back as its stamp's link."""

import io
import subprocess
import sys
from dataclasses import dataclass, replace

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import segno
import zxingcpp
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from webapp.services.stamps import qr_symbols
from webapp.services.stamps.issuance import printed_link
from webapp.services.stamps.label_layout import (
    MIN_SIZE,
    READ_OUT_SIZE,
    LabelTooSmall,
    plan,
    serial_fits,
)
from webapp.services.stamps.serials import group
from webapp.services.stamps.stamp_sheet import LAYOUTS, Label, SheetText, render
from webapp.services.stamps.stamp_signatures import Signer

QR = zxingcpp.BarcodeFormat.QRCode  # a sheet's text must not pass for a 1D code

GTIN = "08931234567897"

TEXT = SheetText(
    product="Long nhãn Hồng Châu sấy khô loại đặc biệt",
    stars=4,
    lot_line="Lô LN2508A",
    expiry_line="HSD 31/07/2027",
    scan_hint="Quét để kiểm tra",
    pin_hint="Cào lớp bạc để lấy mã PIN",
)


LONG = replace(
    TEXT,
    product="Bánh cáy làng Nguyễn truyền thống Thái Bình hộp quà Tết đặc biệt",
    stars=5,
    lot_line="Lô HY-2025-07-A1-XYZ1",
)


def labels(count: int, pins: bool = False) -> list[Label]:
    """Labels as issuance makes them: links signed by their producer."""
    signer = Signer("sheet-test-key", 1)
    base = "https://trace.example.vn"
    serials = [f"7K2P9Q4MXT3B{n:04d}" for n in range(count)]
    return [
        Label(
            printed_link(signer, base, GTIN, "LN2508A", serial),
            serial,
            f"{n:08d}" if pins else None,
        )
        for n, serial in enumerate(serials)
    ]


def decoded_pages(pdf: bytes, dpi: int = 300) -> list[set[str]]:
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            image = page.render(scale=dpi / 72).to_pil()
            pages.append({r.text for r in zxingcpp.read_barcodes(image, formats=QR)})
        return pages
    finally:
        document.close()


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_label_on_every_page_decodes_to_its_link(layout):
    per_page = LAYOUTS[layout].per_page
    wanted = labels(per_page + 3, pins=True)
    pdf = render(wanted, TEXT, LAYOUTS[layout])
    pages = decoded_pages(pdf)
    assert len(pages) == 2
    assert len(pages[0]) == per_page and len(pages[1]) == 3
    assert set().union(*pages) == {label.url for label in wanted}


def test_small_labels_still_read_at_a_cheap_printers_resolution():
    wanted = labels(65)
    assert qr_symbols.matrix(wanted[0].url).shape == (49, 49)  # version 8, signed
    pages = decoded_pages(render(wanted, TEXT, LAYOUTS["small"]), dpi=200)
    assert pages[0] == {label.url for label in wanted}


def test_the_sheet_carries_the_words_and_the_pin():
    pdf = render(labels(2, pins=True), TEXT, LAYOUTS["large"])
    document = pdfium.PdfDocument(pdf)
    text = " ".join(document[0].get_textpage().get_text_range().split())
    document.close()
    assert "Long nhãn Hồng Châu" in text
    assert "7K2P 9Q4M XT3B 0001" in text  # whole serial, in groups of four
    assert "00000001" in text and "Cào lớp bạc" in text


def test_mixed_segments_make_a_smaller_symbol_than_a_single_mode():
    link = "https://trace.example.vn/01/08931234567897/10/LN2508A/21/7K2P9Q4MXT3B6HC1"
    single_mode = segno.make(link, error="m", micro=False)
    assert single_mode.mode == "byte" and single_mode.version == 5  # 37 modules
    modules = qr_symbols.matrix(link)
    assert modules.shape == (33, 33)  # version 4
    assert qr_symbols.decodes_to(modules, link)


def test_symbols_made_on_worker_processes_match_and_verify():
    texts = [label.url for label in labels(2_100)]
    pooled = list(qr_symbols.matrices(texts, workers=2))
    assert all(
        np.array_equal(a, qr_symbols.matrix(t))
        for a, t in zip(pooled[:50], texts[:50], strict=True)
    )
    assert all(
        qr_symbols.decodes_to(m, t)
        for m, t in zip(pooled[::100], texts[::100], strict=True)
    )


def test_a_pdf_is_a_pdf():
    pdf = render(labels(1), TEXT, LAYOUTS["medium"], title="Tem LN2508A")
    assert pdf.startswith(b"%PDF-") and b"Tem LN2508A" in pdf
    assert pdfium.PdfDocument(io.BytesIO(pdf)) is not None


@dataclass(frozen=True)
class Printed:
    """One line of text as the PDF holds it: its smallest glyph and its box."""

    text: str
    size: float
    box: tuple[float, float, float, float]  # left, bottom, right, top (pt)


def printed_lines(pdf: bytes, layout, slot: int) -> list[Printed]:
    """The lines of text inside one label's rectangle on the first page."""
    x0, y0 = label_origin(layout, slot)
    document = pdfium.PdfDocument(pdf)
    page = document[0].get_textpage()
    lines, chars = [], []
    for index in range(page.count_chars()):
        text = page.get_text_range(index, 1)
        left, bottom, right, top = page.get_charbox(index)
        inside = (
            x0 <= left < x0 + layout.width * mm
            and y0 <= bottom < y0 + layout.height * mm
        )
        if text in "\r\n" or not inside:
            if chars:
                lines.append(chars)
            chars = []
            continue
        size = pdfium_c.FPDFText_GetFontSize(page.raw, index)
        chars.append((text, size, (left - x0, bottom - y0, right - x0, top - y0)))
    document.close()
    printed = [
        Printed(
            "".join(c[0] for c in line).strip(),
            min(c[1] for c in line if c[0] != " "),
            tuple(
                f(c[2][i] for c in line if c[0] != " ")
                for i, f in enumerate((min, min, max, max))
            ),
        )
        for line in lines + ([chars] if chars else [])
    ]
    return sorted(printed, key=lambda line: -line.box[3])  # top to bottom


def label_origin(layout, slot: int) -> tuple[float, float]:
    column, row = slot % layout.columns, slot // layout.columns
    x = (layout.left + column * (layout.width + layout.column_gap)) * mm
    y = A4[1] - (layout.top + (row + 1) * layout.height + row * layout.row_gap) * mm
    return x, y


def within_text_area(box, layout) -> bool:
    """Right of the QR's quiet zone, 0.5 mm clear of the label's edges."""
    left, bottom, right, top = box
    edge = 0.5 * mm
    return (
        left >= edge + layout.qr * mm
        and right <= layout.width * mm - edge
        and bottom >= edge
        and top <= layout.height * mm - edge
    )


def overlapping(boxes) -> bool:
    return any(
        a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
        for n, a in enumerate(boxes)
        for b in boxes[n + 1 :]
    )


def printed_items(lines: list[Printed], label: Label) -> dict[str, list[Printed]]:
    """Which item each line belongs to: name above the serial, lot below it."""
    halves = group(label.serial).split(" ")
    serial = {" ".join(halves[:2]), " ".join(halves[2:])}
    items: dict[str, list[Printed]] = {}
    seen_serial = False
    for line in lines:
        if line.text in serial:
            item, seen_serial = "serial", True
        elif line.text.startswith("HSD ") or line.text in ("OCOP", label.pin):
            item = {"OCOP": "ocop", label.pin: "pin"}.get(line.text, "expiry")
        elif line.text in (TEXT.scan_hint, TEXT.pin_hint):
            item = "hint"
        else:
            item = "lot" if seen_serial else "name"
        items.setdefault(item, []).append(line)
    return items


READ_OUT = ("serial", "expiry", "pin")


def assert_whole_and_legible(lines: list[Printed], label: Label, sheet: SheetText):
    items = printed_items(lines, label)
    text = {
        item: " ".join(line.text for line in found) for item, found in items.items()
    }
    assert text["serial"] == group(label.serial) and text.get("pin") == label.pin
    assert text["expiry"] == sheet.expiry_line
    assert text["lot"].replace(" ", "") == sheet.lot_line.replace(" ", "")
    name = text["name"]
    assert (sheet.short_name or sheet.product).startswith(name) or name == sheet.product
    assert len(name.split()) >= 2 and "…" not in name
    for item, found in items.items():
        minimum = READ_OUT_SIZE if item in READ_OUT else MIN_SIZE
        assert all(line.size >= minimum for line in found), item


@pytest.mark.parametrize("pins", [False, True], ids=["plain", "pin"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_required_item_is_whole_legible_and_inside_its_label(layout, pins):
    shape, wanted = LAYOUTS[layout], labels(2, pins=pins)
    pdf = render(wanted, LONG, shape)
    for slot, label in enumerate(wanted):
        lines = printed_lines(pdf, shape, slot)
        assert_whole_and_legible(lines, label, LONG)
        assert all(within_text_area(line.box, shape) for line in lines)
        assert not overlapping([line.box for line in lines])
    assert decoded_pages(pdf, dpi=200)[0] == {label.url for label in wanted}


def test_a_short_name_for_labels_is_printed_where_the_whole_name_does_not_fit():
    named = replace(LONG, short_name="Bánh cáy Nguyễn", lot_line="Lô BC2507")
    names = {key: plan(named, layout, True).name for key, layout in LAYOUTS.items()}
    assert names == dict.fromkeys(LAYOUTS, "Bánh cáy Nguyễn")
    short = replace(TEXT, product="Chè Shan tuyết", short_name="Chè")
    assert plan(short, LAYOUTS["small"], True).name == "Chè Shan tuyết"


def test_without_a_short_name_the_leading_words_that_fit_are_printed():
    printed = [plan(LONG, layout, True).name for layout in LAYOUTS.values()]
    assert printed == sorted(printed, key=len)  # more words on larger labels
    assert all(LONG.product.startswith(name + " ") for name in printed)


def test_any_serial_fits_and_a_lot_too_long_for_small_labels_is_refused():
    assert all(serial_fits(layout) for layout in LAYOUTS.values())
    wide = replace(TEXT, lot_line="Lô " + "W" * 20)
    with pytest.raises(LabelTooSmall) as refused:
        render(labels(1), wide, LAYOUTS["small"])
    assert refused.value.item == "lot"
    assert render(labels(1), wide, LAYOUTS["medium"]).startswith(b"%PDF-")


DRAW_AT_ONCE = """
import threading
from webapp.services.stamps import label_preview
from webapp.services.stamps.label_layout import LAYOUTS, SheetText
text = SheetText("Long nhãn Hồng Châu", 4, "Lô LN1", "HSD 31/07/2027", "Quét", "Cào")
link = label_preview.sample_link("https://tem.example.vn", "08931234567897", "LN1")
start, drawn, failures = threading.Barrier(6), [], []
def draw():
    start.wait()
    try:
        for layout in [*LAYOUTS.values()] * 6:
            drawn.append((layout.key, label_preview.png(text, layout, True, link)))
    except Exception as error:
        failures.append(repr(error))
threads = [threading.Thread(target=draw) for _ in range(6)]
for thread in threads: thread.start()
for thread in threads: thread.join()
alone = {key: label_preview.png(text, LAYOUTS[key], True, link) for key in LAYOUTS}
same = sum(image == alone[key] for key, image in drawn)
print(len(failures), same, failures[:1])
"""


def test_previews_drawn_at_once_by_a_fresh_process_come_out_whole():
    """A threaded server draws previews together: fonts and PDFium are shared."""
    answer = subprocess.run(
        [sys.executable, "-c", DRAW_AT_ONCE], capture_output=True, text=True, check=True
    )
    failures, same, first = answer.stdout.split(" ", 2)
    assert (failures, same) == ("0", str(6 * 6 * len(LAYOUTS))), first + answer.stderr

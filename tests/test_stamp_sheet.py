"""Printed sheets: every QR on every page reads back as its stamp's link."""

import io

import numpy as np
import pypdfium2 as pdfium
import pytest
import segno
import zxingcpp

from webapp.services import qr_symbols
from webapp.services.issuance import printed_link
from webapp.services.stamp_sheet import LAYOUTS, Label, SheetText, render
from webapp.services.stamp_signatures import Signer

QR = zxingcpp.BarcodeFormat.QRCode  # a sheet's text must not pass for a 1D code

GTIN = "08931234567897"

TEXT = SheetText(
    product="Long nhãn Hồng Châu sấy khô loại đặc biệt",
    stars=4,
    lot_line="Lô LN2508A · HSD 31/07/2027",
    scan_hint="Quét để kiểm tra",
    pin_hint="Cào lớp bạc để lấy mã PIN",
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
    text = document[0].get_textpage().get_text_range()
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

"""A label's preview rendered for real: a PNG the size of the label, its QR readable,
its code one that can never pass for a stamp."""

from __future__ import annotations

import io
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image

from tests import factories
from webapp.services.stamps import label_preview, serials, stamp_signatures
from webapp.services.stamps.label_layout import LAYOUTS, LabelTooSmall, SheetText
from webapp.services.standards import digital_link

GTIN = "08930000000019"
LOT = "LN2508A"
LINK = label_preview.sample_link(factories.BASE_URL, GTIN, LOT)
LONGEST_LOT = "W" * 20  # AI (10) allows 20 characters; W is the widest


def _text(**changes) -> SheetText:
    values = dict(
        product="Long nhãn sấy củi", stars=4, lot_line=f"Lô {LOT}",
        expiry_line="HSD 31/07/2027", scan_hint="Quét để kiểm tra",
        pin_hint="Cào lớp bạc để lấy mã PIN",
    )  # fmt: skip
    return SheetText(**{**values, **changes})


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _qr_texts(image: Image.Image) -> list[str]:
    found = zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    )
    return [hit.text for hit in found]


@pytest.mark.parametrize("key", sorted(LAYOUTS))
def test_a_preview_is_a_greyscale_png_the_size_of_the_label(key):
    layout = LAYOUTS[key]
    data = label_preview.png(_text(), layout, False, LINK)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = _image(data)
    assert image.format == "PNG" and image.mode == "L"
    width, height = image.size
    pixels = label_preview.PIXELS_PER_MM
    assert abs(width - layout.width * pixels) <= 1
    assert abs(height - layout.height * pixels) <= 1
    assert _qr_texts(image) == [LINK]  # the QR a phone would read


def test_the_pin_box_changes_the_label_but_not_its_code():
    layout = LAYOUTS["large"]
    plain = _image(label_preview.png(_text(), layout, False, LINK))
    with_pin = _image(label_preview.png(_text(), layout, True, LINK))
    assert plain.size == with_pin.size
    assert plain.tobytes() != with_pin.tobytes()
    assert _qr_texts(with_pin) == [LINK]


def test_a_lot_too_long_for_the_label_is_refused_not_cut():
    text = _text(lot_line=f"Lô {LONGEST_LOT}")
    with pytest.raises(LabelTooSmall) as refused:
        label_preview.png(text, LAYOUTS["small"], False, LINK)
    assert refused.value.item == "lot"
    assert _image(label_preview.png(text, LAYOUTS["large"], False, LINK)).size


def test_fits_names_for_every_size_what_prints_and_what_is_left_out():
    fits = {fit.key: fit for fit in label_preview.fits(_text(), with_pin=True)}
    assert set(fits) == set(LAYOUTS)
    assert fits["large"] == label_preview.Fit("large", "Long nhãn sấy củi", (), None)
    small = fits["small"]
    assert small.too_long is None
    assert small.name is not None and "Long nhãn sấy củi".startswith(small.name)
    assert set(small.left_out) <= {"hint", "stars"} and small.left_out


def test_fits_reports_the_sizes_a_long_lot_rules_out():
    fits = label_preview.fits(_text(lot_line=f"Lô {LONGEST_LOT}"), with_pin=False)
    refused = {fit.key: fit.too_long for fit in fits if fit.name is None}
    assert refused == {"small": "lot"}


def test_fits_prints_the_short_name_when_the_full_one_is_too_long():
    long_name = "Long nhãn sấy củi Hưng Yên loại đặc biệt thượng hạng xuất khẩu"
    fits = label_preview.fits(_text(product=long_name, short_name="Nhãn sấy"), False)
    assert {fit.name for fit in fits} == {"Nhãn sấy"}


def test_the_sample_code_can_never_pass_for_a_stamp():
    link = digital_link.parse(LINK)
    assert (link.gtin, link.lot, link.serial) == (GTIN, LOT, "0" * 16)
    assert not serials.check_serial(link.serial, GTIN, LOT, factories.STAMP_KEYS)
    [value] = parse_qs(urlsplit(LINK).query)[stamp_signatures.QUERY_KEY]
    every_key = stamp_signatures.by_key_id(
        stamp_signatures.public_keys(factories.STAMP_KEYS, range(1, 50))
    )
    assert stamp_signatures.signer_of(value, GTIN, LOT, link.serial, every_key) is None


def test_the_sample_link_is_as_long_as_a_real_stamps(db_session):
    """Same length, so the preview's QR has the printed one's size."""
    issued = factories.stamp(factories.batch(lot_code=LOT))
    sample = label_preview.sample_link(factories.BASE_URL, issued.gtin, issued.lot)
    assert len(sample) == len(issued.url)
    assert urlsplit(sample).path.replace("0" * 16, issued.serial) == (
        urlsplit(issued.url).path
    )


def test_a_batchs_own_label_renders_with_its_lot_and_product(db_session):
    product = factories.product(name_vi="Mật ong rừng U Minh", label_name="Mật ong")
    batch = factories.batch(product, lot_code="MO-2611")
    text = SheetText(
        product=product.name_vi, short_name=product.label_name,
        stars=product.ocop_stars or 0, lot_line=f"Lô {batch.lot_code}",
        expiry_line=f"HSD {batch.expires_on:%d/%m/%Y}", scan_hint="Quét để kiểm tra",
        pin_hint="Cào lớp bạc để lấy mã PIN",
    )  # fmt: skip
    link = label_preview.sample_link(factories.BASE_URL, product.gtin, batch.lot_code)
    image = _image(label_preview.png(text, LAYOUTS["medium"], True, link))
    [read] = _qr_texts(image)
    parsed = digital_link.parse(read)
    assert (parsed.gtin, parsed.lot) == (product.gtin, "MO-2611")


def test_previews_drawn_at_once_from_several_threads_are_all_whole():
    expected = label_preview.png(_text(), LAYOUTS["small"], False, LINK)
    drawn: list[bytes] = []
    errors: list[BaseException] = []

    def draw() -> None:
        try:
            for _ in range(2):
                drawn.append(label_preview.png(_text(), LAYOUTS["small"], False, LINK))
        except BaseException as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert drawn == [expected] * 8

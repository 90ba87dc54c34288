"""Uploads: only the formats phones save, and a pixel budget checked before decoding."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image

from webapp.services.common.image_intake import PIXEL_CAPS, ImageRefused, open_image
from webapp.services.common.photos import PhotoRefused, reencode
from webapp.services.scans.photo_decode import PhotoError, decode_qr

EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
    b"newpath 0 0 moveto 10 10 lineto stroke\n%%EOF\n"
)


def encoded(fmt: str, size=(64, 48), mode="RGB", **options) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "green" if mode == "RGB" else 128).save(
        out, format=fmt, **options
    )
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_phone_formats_are_accepted(fmt):
    jpeg, width, height = reencode(encoded(fmt))
    assert (width, height) == (64, 48)
    assert Image.open(io.BytesIO(jpeg)).format == "JPEG"


@pytest.mark.parametrize(
    "data",
    [EPS, encoded("GIF"), encoded("BMP"), encoded("TIFF"), encoded("ICO")],
    ids=["eps", "gif", "bmp", "tiff", "ico"],
)
def test_other_formats_are_never_opened(data):
    with pytest.raises(ImageRefused) as refused:
        open_image(data)
    assert refused.value.code == "not_an_image"
    with pytest.raises(PhotoRefused):
        reencode(data)
    with pytest.raises(PhotoError):
        decode_qr(data)


def test_a_40_megapixel_png_is_refused_from_its_header_at_once():
    bomb = encoded("PNG", size=(8000, 5000), mode="L", optimize=True)
    assert len(bomb) < 200_000  # tiny upload, huge image
    started = time.perf_counter()
    for _ in range(3):
        with pytest.raises(PhotoRefused) as refused:
            reencode(bomb)
        assert refused.value.code == "too_many_pixels"
    assert time.perf_counter() - started < 0.5
    with pytest.raises(PhotoError):
        decode_qr(bomb)


def test_caps_fit_phone_photos():
    assert PIXEL_CAPS["JPEG"] >= 50_000_000  # a 50 MP phone photo, decoded drafted
    assert PIXEL_CAPS["HEIF"] >= 24_000_000  # an iPhone's 24 MP HEIC
    assert PIXEL_CAPS["PNG"] < 40_000_000  # …but no 40 MP PNG


def test_a_report_with_a_pixel_bomb_gets_413(client, app):
    client.set_cookie("lang", "en")
    bomb = encoded("PNG", size=(8000, 5000), mode="L", optimize=True)
    response = client.post(
        "/report/",
        data={
            "place": "Chợ Phố Hiến",
            "province": "33",
            "description": "Tem mờ",
            "photos": [(io.BytesIO(bomb), "bomb.png")],
        },
    )
    assert response.status_code == 413
    assert "too many pixels" in response.text

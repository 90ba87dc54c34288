"""Which uploaded images we decode at all: four formats, and a pixel budget.

Pillow recognises dozens of formats, some through outside programs (EPS runs
Ghostscript): only the formats phones save are opened. A small compressed
file can hold a huge image (a 40-megapixel PNG of one colour is 36 KB), so
the size in the header is checked before anything is decoded.
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()  # iPhones save HEIC unless told otherwise

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
# A JPEG is decoded straight at 1/2 … 1/8 scale (Image.draft), so a 48 or 50
# megapixel phone photo costs little; other formats decode at full size, and
# 25 megapixels covers their phone photos (24 MP HEIC) and screenshots.
PIXEL_CAPS = {
    "JPEG": 52_000_000,
    "PNG": 25_000_000,
    "WEBP": 25_000_000,
    "HEIF": 25_000_000,
}


class ImageRefused(ValueError):
    """`code`: not_an_image (or a format we do not open) or too_many_pixels."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


def open_image(data: bytes) -> Image.Image:
    """The image, its header read and nothing decoded yet; raises ImageRefused."""
    try:
        image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ImageRefused("not_an_image") from None
    if image.format not in PIXEL_CAPS:
        image.close()
        raise ImageRefused("not_an_image")
    if image.width * image.height > PIXEL_CAPS[image.format]:
        image.close()
        raise ImageRefused("too_many_pixels")
    return image

"""Read the QR code in a photo taken by a phone whose live camera failed."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # a 48-megapixel photo is the most we accept


class PhotoError(ValueError):
    """The upload is not an image we can read; `code` says why."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


def over_pixel_limit(data: bytes) -> bool:
    """Whether an uploaded image has more pixels than we decode.

    The header is checked whole first; whatever Pillow raises for data that is
    not an image is left to the caller, which words the refusal.
    """
    with Image.open(io.BytesIO(data)) as probe:
        probe.verify()
        return probe.width * probe.height > MAX_PIXELS


def decode_qr(data: bytes) -> str | None:
    """The text of the first QR code in the image, or None when there is none."""
    try:
        if over_pixel_limit(data):
            raise PhotoError("too_many_pixels")
        image = Image.open(io.BytesIO(data))
        image = ImageOps.exif_transpose(image).convert("L")
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise PhotoError("not_an_image") from None
    hits = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return hits[0].text if hits else None

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


def decode_qr(data: bytes) -> str | None:
    """The text of the first QR code in the image, or None when there is none."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoError("too_many_pixels")
        image = Image.open(io.BytesIO(data))
        image = ImageOps.exif_transpose(image).convert("L")
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise PhotoError("not_an_image") from None
    hits = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return hits[0].text if hits else None

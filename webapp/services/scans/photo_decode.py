"""Read the QR code in a photo taken by a phone whose live camera failed."""

from __future__ import annotations

import zxingcpp
from PIL import Image, ImageOps

from webapp.services.common.image_intake import ImageRefused, open_image


class PhotoError(ValueError):
    """The upload is not an image we can read; `code` says why."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


def decode_qr(data: bytes) -> str | None:
    """The text of the first QR code in the image, or None when there is none."""
    try:
        with open_image(data) as image:
            image = ImageOps.exif_transpose(image).convert("L")
    except ImageRefused as refused:
        raise PhotoError(refused.code) from None
    except (OSError, ValueError, Image.DecompressionBombError):
        raise PhotoError("not_an_image") from None
    hits = zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    )
    return hits[0].text if hits else None

"""Photos people upload: re-encoded, shrunk and stripped of metadata (GPS included)."""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from webapp.services.common.image_intake import ImageRefused, open_image

MAX_SIDE = 1600
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
JPEG_QUALITY = 82


class PhotoRefused(ValueError):
    """`code`: not_an_image, too_large (bytes) or too_many_pixels."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


@dataclass(frozen=True)
class StoredPhoto:
    path: str  # relative to the upload folder
    width: int
    height: int
    size_bytes: int


def reencode(data: bytes) -> tuple[bytes, int, int]:
    """A fresh JPEG of the picture, upright, at most MAX_SIDE pixels, no metadata."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise PhotoRefused("too_large")
    try:
        with open_image(data) as image:
            # A JPEG can decode straight at 1/2, 1/4 or 1/8 scale: a 12 MP phone
            # photo then never needs its full-size pixels in memory.
            image.draft("RGB", _fitted(image.size))
            upright = ImageOps.exif_transpose(image).convert("RGB")
    except ImageRefused as refused:
        raise PhotoRefused(refused.code) from None
    except (OSError, ValueError, Image.DecompressionBombError):
        raise PhotoRefused("not_an_image") from None
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    # A new image object carries no EXIF, XMP or ICC data unless told to.
    upright.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue(), upright.width, upright.height


def _fitted(size: tuple[int, int]) -> tuple[int, int]:
    """The size the picture will have once it fits in MAX_SIDE x MAX_SIDE."""
    scale = min(1.0, MAX_SIDE / max(size))
    return max(1, int(size[0] * scale)), max(1, int(size[1] * scale))


def store(data: bytes, folder: Path, kind: str) -> StoredPhoto:
    """Re-encode and write the photo under folder/kind/, named at random."""
    jpeg, width, height = reencode(data)
    relative = Path(kind) / f"{secrets.token_urlsafe(16)}.jpg"
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(jpeg)
    return StoredPhoto(str(relative), width, height, len(jpeg))

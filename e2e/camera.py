"""A fake camera: a Y4M clip of a QR code for Chromium's fake capture device."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from PIL import Image


def qr_image(data: str, scale: int = 6) -> Image.Image:
    buffer = io.BytesIO()
    segno.make(data, error="m", micro=False).save(
        buffer, kind="png", scale=scale, border=4
    )
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def write_clip(
    path: Path, data: str, width: int = 640, height: int = 480, frames: int = 30
):
    """Write frames of the QR (drifting slightly, on grey) as 4:2:0 YUV4MPEG2."""
    qr = qr_image(data)
    with open(path, "wb") as clip:
        clip.write(f"YUV4MPEG2 W{width} H{height} F30:1 Ip A1:1 C420jpeg\n".encode())
        for i in range(frames):
            frame = Image.new("RGB", (width, height), (200, 200, 200))
            frame.paste(
                qr, ((width - qr.width) // 2 + i % 7 - 3, (height - qr.height) // 2)
            )
            y, cb, cr = frame.convert("YCbCr").split()
            half = (width // 2, height // 2)
            clip.write(b"FRAME\n" + y.tobytes())
            clip.write(cb.resize(half, Image.BILINEAR).tobytes())
            clip.write(cr.resize(half, Image.BILINEAR).tobytes())
    return path

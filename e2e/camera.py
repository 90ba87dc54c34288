"""A fake camera (a Y4M clip of a QR code), and phones with or without a camera."""

from __future__ import annotations

import io
from contextlib import contextmanager
from pathlib import Path

import segno
from PIL import Image

from e2e.conftest import CHROMIUM, CHROMIUM_ARGS


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


FAKE_DEVICE = "--use-fake-device-for-media-stream"  # without the next flag: denied
GRANT = "--use-fake-ui-for-media-stream"


@contextmanager
def phone(playwright, flags=(), lang="vi", size=(390, 844), scheme="light"):
    """A page in a fresh Chromium with these camera flags, at a phone's size."""
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS + list(flags)
    )
    try:
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]},
            locale={"vi": "vi-VN", "en": "en-US"}[lang],
            color_scheme=scheme,
            is_mobile=True,
            has_touch=True,
        )
        yield context.new_page()
    finally:
        browser.close()

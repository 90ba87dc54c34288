"""QR symbols for printed stamps: encoded by zxing-cpp, checked by its decoder.

zxing-cpp's C++ encoder scores all eight masks as the standard asks and is
about twenty times faster than segno doing the same in Python
(bench/stamp_sheet.py), so a sheet of 10,000 stamps needs no shortcut that
would make the symbols harder to read. It also splits a link into byte,
alphanumeric and numeric segments (the host in bytes, the digits of the GTIN
as numbers), so a typical stamp link fits one QR version smaller than a
single-mode encoder makes it: larger modules at the same printed size.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import zxingcpp

ERROR_CORRECTION = "M"  # 15 % of the symbol may be scratched or smudged
QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 asks
POOL_THRESHOLD = 2_000  # below this, starting worker processes costs more than it saves


def matrix(text: str) -> np.ndarray:
    """The symbol's modules, True for dark, without quiet zone."""
    barcode = zxingcpp.create_barcode(
        text, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR_CORRECTION
    )
    pixels = np.asarray(barcode.to_image(scale=1, add_quiet_zones=False))
    return pixels < 128


def matrices(texts: Sequence[str], workers: int | None = None) -> Iterator[np.ndarray]:
    """Symbols for many texts in order, on several processes when there are many.

    They come as they are made, so the caller draws the first ones while the
    workers still encode the rest.
    """
    if len(texts) < POOL_THRESHOLD or workers == 1:
        yield from map(matrix, texts)
        return
    # forkserver: a worker forked from a web process would share its database
    # connections, and its exit could close them under the parent.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(matrix, texts, chunksize=500)


def decodes_to(modules: np.ndarray, text: str, scale: int = 4) -> bool:
    """True when a decoder reads text back from the symbol."""
    image = np.pad(modules, QUIET_ZONE).repeat(scale, 0).repeat(scale, 1)
    found = zxingcpp.read_barcodes(
        np.where(image, 0, 255).astype(np.uint8),
        formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode),
    )
    return any(result.text == text for result in found)

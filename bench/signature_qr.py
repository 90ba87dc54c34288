"""What the producer signature costs the printed QR code, and whether it scans.

Stamp links are signed at issuance (`?s=KID.SIGNATURE`, Ed25519 in base32,
webapp/services/stamps/stamp_signatures.py). For the same stamps, with and without
the signature, this reports the QR symbol zxing-cpp makes (version, modules),
the module size at each label size the stamp sheet prints (the symbol with its
quiet zone in a 20, 27 or 34 mm square), and how many symbols decode back once
printed 20 mm wide at 200 dpi (a cheap label printer), sharp and under
increasing blur (a Gaussian of the given width in millimetres on the label:
ink spread, a soft focus). The blur a symbol survives is the margin the
signature eats into.

    python bench/signature_qr.py [--count 200] [--base https://truyxuat.example.vn]
"""

from __future__ import annotations

import argparse
import secrets
import statistics

import numpy as np
import zxingcpp
from PIL import Image, ImageFilter

from webapp.services.stamps import qr_symbols, serials
from webapp.services.stamps.issuance import printed_link
from webapp.services.stamps.stamp_sheet import LAYOUTS
from webapp.services.stamps.stamp_signatures import Signer
from webapp.services.standards.digital_link import DigitalLink

DPI = 200
SMALLEST = min(layout.qr for layout in LAYOUTS.values())
GTIN = "08938500012349"
LOTS = ("LN2508A", "HY-2025-07-A1-XYZ123")  # a typical lot, and one of 20 characters
BLUR_MM = (0.0, 0.1, 0.14, 0.16, 0.18, 0.2)


def links(count: int, base: str, lot: str, signed: bool) -> list[str]:
    signer = Signer(secrets.token_hex(16), 1)
    out = []
    for _ in range(count):
        serial = serials.new_serial(GTIN, lot, "bench")
        if signed:
            out.append(printed_link(signer, base, GTIN, lot, serial))
        else:
            out.append(DigitalLink(GTIN, lot=lot, serial=serial).uri(base))
    return out


def printed(modules: np.ndarray, blur_mm: float) -> np.ndarray:
    """The symbol as the smallest label prints it at DPI, quiet zone included."""
    side = modules.shape[0] + 2 * qr_symbols.QUIET_ZONE
    pixels = round(SMALLEST / 25.4 * DPI)
    padded = np.pad(modules, qr_symbols.QUIET_ZONE)
    index = (np.arange(pixels) * side // pixels).clip(0, side - 1)
    image = np.where(padded[np.ix_(index, index)], 0, 255).astype(np.uint8)
    if not blur_mm:
        return image
    radius = blur_mm / 25.4 * DPI
    blurred = Image.fromarray(image).filter(ImageFilter.GaussianBlur(radius))
    return np.asarray(blurred)


def decoded(symbols: list[np.ndarray], texts: list[str], blur_mm: float) -> int:
    return sum(
        any(r.text == text for r in zxingcpp.read_barcodes(printed(modules, blur_mm)))
        for modules, text in zip(symbols, texts, strict=True)
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--base", default="https://truyxuat.example.vn")
    args = parser.parse_args()
    sizes = " ".join(f"{f'{layout.qr:g} mm':>8}" for layout in LAYOUTS.values())
    blurs = " ".join(f"{f'{blur:g} mm':>7}" for blur in BLUR_MM)
    print(f"mm per module at each label size; decoded of {args.count} at "
          f"{SMALLEST:g} mm, {DPI} dpi, by blur")  # fmt: skip
    print(f"{'lot':22} {'signed':>6} {'chars':>5} {'version':>7} {'modules':>7} "
          f"{sizes}  {blurs}")  # fmt: skip
    for lot in LOTS:
        for signed in (False, True):
            texts = links(args.count, args.base, lot, signed)
            symbols = list(qr_symbols.matrices(texts, workers=1))
            side = statistics.mode(m.shape[0] for m in symbols)
            quiet = 2 * qr_symbols.QUIET_ZONE
            per_module = " ".join(
                f"{layout.qr / (side + quiet):8.3f}" for layout in LAYOUTS.values()
            )
            print(
                f"{lot:22} {'yes' if signed else 'no':>6} "
                f"{statistics.mean(map(len, texts)):5.0f} {(side - 17) // 4:7d} "
                f"{side:7d} {per_module}  "
                + " ".join(f"{decoded(symbols, texts, blur):7d}" for blur in BLUR_MM)
            )


if __name__ == "__main__":
    main()

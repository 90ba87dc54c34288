"""What an offline-checkable signature would cost the printed QR code.

A stamp link today is GTIN + lot + serial. An Ed25519 signature over them is
64 bytes; carried in the link's query it must be text. This compares, for the
same stamp links, the QR symbol zxing-cpp makes (version, modules) and the
module size once printed in a 20 mm square (quiet zone included), for: no
signature, the signature in base64url (86 characters) and in base32 (103
characters, which fits QR's alphanumeric mode). Each symbol is then rendered
at 200 dpi, about a cheap label printer, and decoded back.

    python bench/signature_qr.py [--count 200]
"""

from __future__ import annotations

import argparse
import base64
import secrets
import statistics

import numpy as np
import zxingcpp

from webapp.services import qr_symbols

PRINTED_MM = 20
DPI = 200
BASE = "https://trace.example.vn"


def link(n: int) -> str:
    return f"{BASE}/01/08931234567897/10/LN2508A/21/7K2P9Q4M{n:08d}"


def signed(url: str, encoding: str) -> str:
    signature = secrets.token_bytes(
        64
    )  # an Ed25519 signature is 64 random-looking bytes
    if encoding == "base64url":
        text = base64.urlsafe_b64encode(signature).decode().rstrip("=")
    else:
        text = base64.b32encode(signature).decode().rstrip("=")
    return f"{url}?s=K1.{text}"


def printed(modules: np.ndarray) -> np.ndarray:
    """The symbol as a 20 mm square at DPI, quiet zone included."""
    side = modules.shape[0] + 2 * qr_symbols.QUIET_ZONE
    pixels = round(PRINTED_MM / 25.4 * DPI)
    padded = np.pad(modules, qr_symbols.QUIET_ZONE)
    index = (np.arange(pixels) * side // pixels).clip(0, side - 1)
    return np.where(padded[np.ix_(index, index)], 0, 255).astype(np.uint8)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    print(f"{'link':22} {'chars':>5} {'version':>7} {'modules':>7} {'mm/module':>9} "
          f"{'decoded at 200 dpi':>18}")  # fmt: skip
    for name in ("no signature", "base64url", "base32"):
        sizes, decoded, lengths = [], 0, []
        for n in range(args.count):
            text = link(n) if name == "no signature" else signed(link(n), name)
            modules = qr_symbols.matrix(text)
            sizes.append(modules.shape[0])
            lengths.append(len(text))
            found = zxingcpp.read_barcodes(printed(modules))
            decoded += any(r.text == text for r in found)
        side = statistics.mode(sizes)
        mm = PRINTED_MM / (side + 2 * qr_symbols.QUIET_ZONE)
        version = (side - 17) // 4
        print(
            f"{name:22} {statistics.mean(lengths):5.0f} {version:7d} {side:7d} "
            f"{mm:9.3f} {decoded:>11d} of {args.count}"
        )


if __name__ == "__main__":
    main()

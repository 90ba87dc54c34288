"""How long issuing 10,000 stamps and printing their PDF sheet takes.

1. QR encoders side by side on the same stamp links, per symbol: segno and
   qrcode choosing the mask as the standard asks, both with a fixed mask,
   and zxing-cpp (which chooses the mask in C++). The naive loop (segno, mask
   chosen) is the baseline the other numbers are divided by.
2. The real path end to end on a fresh SQLite database: issue_stamps (serials,
   PINs, issuance log) and stamp_sheet.render for the A4 sheets, on one
   process and on a pool of two.
3. Every symbol of the sheet decoded back (zxing-cpp reader) to prove none is
   unreadable.

    python bench/stamp_sheet.py [--count 10000] [--sample 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

import qrcode
import segno
from flask_migrate import upgrade
from sqlalchemy import select

from webapp import create_app
from webapp.config import settings_with
from webapp.demo.seed import seed_demo
from webapp.extensions import db
from webapp.models import Batch
from webapp.services.stamps import qr_symbols
from webapp.services.stamps.issuance import issue_stamps, printed_link
from webapp.services.stamps.stamp_sheet import LAYOUTS, Label, SheetText, render
from webapp.services.stamps.stamp_signatures import Signer

KEYS = ("bench-stamp-key",)
BASE = "https://trace.example.vn"
SETTINGS = settings_with(
    STAMP_KEYS=KEYS,
    PRIVACY_KEY="bench-privacy",
    PUBLIC_BASE_URL=BASE,
)


def links(count: int) -> list[str]:
    """Stamp links as issuance prints them, producer signature included."""
    signer = Signer(KEYS[0], 1)
    gtin, lot = "08931234567897", "LN2508A"
    serials = (f"7K2P9Q4M{n:08d}" for n in range(count))
    return [printed_link(signer, BASE, gtin, lot, serial) for serial in serials]


def per_symbol(encode, texts) -> float:
    start = time.perf_counter()
    for text in texts:
        encode(text)
    return (time.perf_counter() - start) / len(texts)


def qrcode_matrix(text: str, mask: int | None = None):
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=mask
    )
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


def encoders(sample: int) -> dict[str, float]:
    texts = links(sample)
    fixed = segno.make(
        texts[0], error="m", micro=False
    ).mask  # chosen once, then reused
    return {
        "segno, mask chosen per code (naive)": per_symbol(
            lambda t: segno.make(t, error="m", micro=False), texts
        ),
        f"segno, fixed mask {fixed}": per_symbol(
            lambda t: segno.make(t, error="m", micro=False, mask=fixed), texts
        ),
        "qrcode, mask chosen per code": per_symbol(qrcode_matrix, texts),
        f"qrcode, fixed mask {fixed}": per_symbol(
            lambda t: qrcode_matrix(t, fixed), texts
        ),
        "zxing-cpp, mask chosen per code": per_symbol(
            qr_symbols.matrix, links(sample * 10)
        ),
    }


def end_to_end(count: int, workers: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
                "STAMP_KEYS": KEYS,
                "TESTING": True,
                "RATELIMIT_ENABLED": False,
            }
        )
        with app.app_context():
            upgrade()
            seed_demo(db.session, SETTINGS)
            db.session.commit()
            batch = db.session.scalars(select_active_batch()).first()
            start = time.perf_counter()
            batch.quantity += count  # issuing never exceeds the items made
            issued = issue_stamps(db.session, batch, count, SETTINGS, with_pin=True)
            db.session.commit()
            issued_at = time.perf_counter()
            product = batch.product
            text = SheetText(
                product.name_vi, product.ocop_stars or 0, f"Lô {batch.lot_code}",
                "HSD 31/12/2027", "Quét để kiểm tra", "Cào lấy PIN",
            )  # fmt: skip
            labels = [Label(s.url, s.serial, s.pin) for s in issued]
            pdf = render(labels, text, LAYOUTS["small"], workers=workers)
            done = time.perf_counter()
            db.engine.dispose()
    return {
        "issue": issued_at - start,
        "pdf": done - issued_at,
        "total": done - start,
        "bytes": len(pdf),
        "pages": -(-count // LAYOUTS["small"].per_page),
    }


def select_active_batch():
    return select(Batch).where(Batch.status == "active").order_by(Batch.id)


def verify_all(count: int) -> tuple[int, float]:
    texts = links(count)
    start = time.perf_counter()
    symbols = qr_symbols.matrices(texts, workers=2)
    failures = sum(
        not qr_symbols.decodes_to(m, t, scale=2)
        for m, t in zip(symbols, texts, strict=True)
    )
    return failures, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=300)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; {args.count:,} stamps; encoder sample {args.sample}")
    timings = encoders(args.sample)
    naive = timings["segno, mask chosen per code (naive)"]
    print("\nper symbol                         µs    ×naive   for the whole run")
    for name, seconds in timings.items():
        print(
            f"{name:34} {seconds * 1e6:6.0f}   {seconds / naive:5.3f}"
            f"   {seconds * args.count:6.1f} s"
        )
    for workers in (1, 2):
        runs = [end_to_end(args.count, workers) for _ in range(2)]
        best = min(runs, key=lambda r: r["total"])
        print(
            f"\nissue + PDF, {workers} process(es): issue {best['issue']:.2f} s,"
            f" PDF {best['pdf']:.2f} s, total {best['total']:.2f} s"
            f" (×{best['total'] / (naive * args.count):.3f} of naive encoding alone);"
            f" {best['pages']} pages, {best['bytes'] / 1e6:.1f} MB;"
            f" runs {statistics.mean(r['total'] for r in runs):.2f} s mean"
        )
    failures, seconds = verify_all(args.count)
    print(
        f"\ndecoded back: {args.count - failures:,} of {args.count:,}"
        f" in {seconds:.1f} s"
    )


if __name__ == "__main__":
    main()

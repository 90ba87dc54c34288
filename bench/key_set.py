"""What the producers' key set weighs and costs as the province's producers grow.

Phones keep `/stamp-keys.json` for offline answers: the service worker fetches
it on install and the scan page refreshes it. For a catalog of N approved
producers with three approved products each and two stamp keys (a rotation in
progress), this reports the body's size (uncompressed and brotli, as served)
and the median time to build it, against the median time of the scan page in
the same app and run (the baseline: the page that asks for the key set, and
whose cost does not grow with the catalog).

    python bench/key_set.py [--producers 100 1000] [--rounds 15]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, date, datetime

from flask_migrate import upgrade

from webapp import create_app
from webapp.extensions import db
from webapp.models import Organisation, Product
from webapp.services.standards.gtin import complete_gtin

PRODUCTS_EACH = 3


def catalog(count: int) -> None:
    now = datetime.now(UTC)
    for n in range(count):
        organisation = Organisation(
            name=f"Hợp tác xã Nông sản Phố Hiến số {n}",
            kind="cooperative",
            tax_code=f"09{n:08d}",
            address_line="Thôn Đông",
            ward_code="11980",
            province_code="33",
            approved_at=now,
        )
        db.session.add(organisation)
        for k in range(PRODUCTS_EACH):
            db.session.add(
                Product(
                    organisation=organisation,
                    gtin=complete_gtin(f"0893{n * PRODUCTS_EACH + k:09d}"),
                    name_vi=f"Long nhãn sấy khô Hưng Yên loại {k}",
                    name_en=f"Hưng Yên dried longan, grade {k}",
                    category="07",
                    ocop_stars=4,
                    ocop_certificate_no="QĐ 1/QĐ-UBND",
                    ocop_certified_on=date(2025, 1, 10),
                    ocop_valid_until=date(2028, 1, 10),
                    approved_at=now,
                )
            )
    db.session.commit()


def median_ms(client, path: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(path, headers={"Accept-Encoding": "identity"})
        response.get_data()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--producers", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    print(f"{'producers':>9} {'raw':>10} {'brotli':>9} {'key set ms':>10} "
          f"{'scan ms':>8} {'× scan':>7}")  # fmt: skip
    for count in args.producers:
        with tempfile.TemporaryDirectory() as folder:
            app = create_app(
                {
                    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/keys.sqlite",
                    "RATELIMIT_ENABLED": False,
                    "STAMP_KEYS": ("bench-key-new", "bench-key-old"),
                    "TESTING": True,
                }
            )
            with app.app_context():
                upgrade()
                catalog(count)
                client = app.test_client()
                raw = len(client.get("/stamp-keys.json").get_data())
                brotli = client.get(
                    "/stamp-keys.json", headers={"Accept-Encoding": "br"}
                ).get_data()
                keys_ms = median_ms(client, "/stamp-keys.json", args.rounds)
                scan_ms = median_ms(client, "/scan/", args.rounds)
                print(
                    f"{count:9,} {raw:10,} {len(brotli):9,} {keys_ms:10.1f} "
                    f"{scan_ms:8.1f} {keys_ms / scan_ms:7.2f}"
                )
                db.engine.dispose()


if __name__ == "__main__":
    main()

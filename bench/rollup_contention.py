"""Does counting each scan into its week's rollup rows slow concurrent scans?

Every scan in one province with one verdict in one week adds to the same
every-code row (and its producer's row), locked until the scan commits: a hot
row. On a fresh PostgreSQL database, 50 threads (phones) scan at once, with
rollups counted and with the count switched off, interleaved: each on its own
serial of one batch (they meet only on the rollup rows), and all on one serial
(they queue on the serial's lock anyway). Prints throughput and latency.

    python bench/rollup_contention.py [--phones 50] [--scans 4] [--rounds 2]

Loopback only: PostgreSQL at BENCH_POSTGRES_URL (default the local server).
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import threading
import time
import uuid

from flask_migrate import upgrade
from sqlalchemy import create_engine, literal, select, text
from sqlalchemy.engine import make_url

from webapp import create_app
from webapp.config import settings_with
from webapp.demo.seed import seed_demo
from webapp.extensions import db
from webapp.models import Batch, utcnow
from webapp.services.scans import scanning
from webapp.services.scans.scanning import ScanRequest, record_scan
from webapp.services.stamps.issuance import issue_stamps

SERVER = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
KEYS = ("bench-stamp-key",)
BASE = "https://trace.example.vn"
SETTINGS = settings_with(
    STAMP_KEYS=KEYS,
    PRIVACY_KEY="bench-privacy",
    PUBLIC_BASE_URL=BASE,
    DETECTION_RULES={},
)
COUNT = scanning.rollups.counted
NO_COUNT = (select(literal(1)), {})  # the scan's write carries a no-op instead


def _no_count(*_args, **_kwargs):
    return NO_COUNT


def run(app, codes: list[str], scans: int, label: str) -> tuple[float, list[float]]:
    """(scans per second, latencies) of len(codes) phones scanning at once."""
    latencies: list[float] = []
    errors: list[Exception] = []
    start = threading.Barrier(len(codes))

    def phone(n: int, code: str) -> None:
        with app.app_context():
            try:
                start.wait()
                for i in range(scans):
                    request = ScanRequest(
                        code=code,
                        device_id=f"{label}-{n:03d}-{i}",
                        client_address=f"10.{n}.{i}.1",
                        at=utcnow(),
                        province="33",
                    )
                    began = time.perf_counter()
                    record_scan(db.session, request, SETTINGS, utcnow().date())
                    db.session.commit()
                    latencies.append(time.perf_counter() - began)
            except Exception as error:  # reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [
        threading.Thread(target=phone, args=(n, code)) for n, code in enumerate(codes)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise errors[0]
    return len(latencies) / elapsed, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--scans", type=int, default=4, help="scans per phone")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    name = f"ocop_contention_{uuid.uuid4().hex[:6]}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "TESTING": True,
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": args.phones + 2},
        }
    )
    results: dict[str, list] = {}
    try:
        with app.app_context():
            upgrade()
            seed_demo(db.session, SETTINGS)
            batch = db.session.query(Batch).filter_by(status="active").first()
            needed = args.phones * (2 * args.rounds + 1)
            batch.quantity += needed  # issuing never exceeds the items made
            codes = [s.url for s in issue_stamps(db.session, batch, needed, SETTINGS)]
            db.session.commit()
        for round_ in range(args.rounds):
            for counted in (True, False):
                scanning.rollups.counted = COUNT if counted else _no_count
                mode = "rollups counted" if counted else "rollups not counted"
                for spread in (True, False):
                    if spread:
                        offset = (2 * round_ + counted) * args.phones
                        phones = codes[offset : offset + args.phones]
                    else:
                        phones = [codes[-1]] * args.phones
                    label = f"r{round_}{counted:d}{spread:d}"
                    rate, latencies = run(app, phones, args.scans, label)
                    where = "own serials" if spread else "one serial"
                    results.setdefault(f"{where}, {mode}", []).append((rate, latencies))
    finally:
        scanning.rollups.counted = COUNT
        with app.app_context():
            db.engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    print(
        f"\n{args.phones} phones at once, {args.scans} scans each, "
        f"{args.rounds} interleaved rounds per case\n"
    )
    print("| case | scans/s (median of rounds) | p50 ms | p99 ms |")
    print("|---|---|---|---|")
    for case, runs in results.items():
        rate = statistics.median(r for r, _ in runs)
        latencies = sorted(x for _, ls in runs for x in ls)
        p50 = latencies[len(latencies) // 2] * 1000
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
        print(f"| {case} | {rate:.0f} | {p50:.0f} | {p99:.0f} |")


if __name__ == "__main__":
    main()

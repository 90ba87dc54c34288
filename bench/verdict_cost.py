"""Does a verdict cost the same after 10 or 100,000 earlier scans of a serial?

Builds two stamps on a fresh database: one with 10 earlier scans, one with
100,000 (raw scans, 2,000 distinct shopper devices and their networks, and
the matching aggregates, written in bulk). Then times record_scan on each,
interleaved, with new devices, and prints the median times and their ratio.

    python bench/verdict_cost.py [--database-url URL] [--rounds 400]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import timedelta

from flask_migrate import upgrade
from sqlalchemy import insert

from webapp import create_app
from webapp.demo.seed import seed_demo
from webapp.extensions import db
from webapp.models import (
    Batch,
    Scan,
    SerialDevice,
    SerialNetwork,
    SerialStats,
    Stamp,
    utcnow,
)
from webapp.services.issuance import issue_stamps
from webapp.services.scanning import ScanRequest, record_scan

KEYS = ("bench-stamp-key",)
BASE = "https://trace.example.vn"


def build_history(stamp_id: int, scans: int, devices: int) -> None:
    """Bulk-write earlier scans and the aggregates they would have produced."""
    now = utcnow()
    device_rows = [
        {
            "stamp_id": stamp_id,
            "device_hash": f"dev{i:060d}",
            "network_hash": f"net{i:060d}",
            "first_seen_at": now - timedelta(days=30),
        }
        for i in range(devices)
    ]
    network_rows = [
        {
            "stamp_id": stamp_id,
            "network_hash": f"net{i:060d}",
            "steady": 1,
            "bursts": 0,
            "window_start": now - timedelta(days=30),
            "window_count": 1,
            "linked": False,
        }
        for i in range(devices)
    ]
    if device_rows:
        db.session.execute(insert(SerialDevice), device_rows)
        db.session.execute(insert(SerialNetwork), network_rows)
    for start in range(0, scans, 10_000):
        db.session.execute(
            insert(Scan),
            [
                {
                    "stamp_id": stamp_id,
                    "scanned_at": now - timedelta(minutes=i),
                    "role": "shopper",
                    "device_hash": f"dev{i % max(devices, 1):060d}",
                    "network_hash": f"net{i % max(devices, 1):060d}",
                    "location_consent": False,
                    "verdict": "authentic",
                    "reasons": [],
                    "notices": [],
                }
                for i in range(start, min(scans, start + 10_000))
            ],
        )
    db.session.add(
        SerialStats(
            stamp_id=stamp_id,
            scan_count=scans,
            shopper_scans=scans,
            devices=devices,
            effective_devices=devices,
            provinces=["33"],
            flags=[],
        )
    )


def time_scan(url: str, device: str, rules: dict) -> float:
    request = ScanRequest(url, device, "198.51.100.7", utcnow(), lat=20.65, lon=106.05)
    started = time.perf_counter()
    record_scan(db.session, request, KEYS, "bench-privacy", rules, utcnow().date())
    db.session.commit()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--rounds", type=int, default=400)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{folder}/bench.sqlite"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade()
        seed_demo(db.session, KEYS, BASE)
        batch = db.session.query(Batch).filter_by(status="active").first()
        small, large = issue_stamps(db.session, batch, 2, KEYS, BASE)
        db.session.flush()
        stamp_id = {s.serial: s.id for s in db.session.query(Stamp).all()}
        build_history(stamp_id[small.serial], 10, 5)
        build_history(stamp_id[large.serial], 100_000, 2_000)
        db.session.commit()
        rules = app.config["DETECTION_RULES"]
        times = {"10": [], "100000": []}
        for round_ in range(args.rounds):
            times["10"].append(time_scan(small.url, f"bench-small-{round_:06d}", rules))
            times["100000"].append(
                time_scan(large.url, f"bench-large-{round_:06d}", rules)
            )
        db.engine.dispose()
    small_ms = statistics.median(times["10"]) * 1000
    large_ms = statistics.median(times["100000"]) * 1000
    engine = url.split(":", 1)[0]
    print(f"engine {engine}, {args.rounds} scans each, interleaved")
    print(f"median record_scan after 10 earlier scans:      {small_ms:.2f} ms")
    print(f"median record_scan after 100,000 earlier scans: {large_ms:.2f} ms")
    print(f"ratio (100,000 / 10): {large_ms / small_ms:.2f}")


if __name__ == "__main__":
    main()

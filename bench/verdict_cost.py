"""Does a verdict cost the same after 10 or 100,000 earlier scans of a serial?

Builds two stamps on a fresh database: one with 10 earlier scans, one with
100,000 (raw scans, 2,000 distinct shopper devices and their networks, the
matching aggregates and their location evidence, filled to its bounds, written
in bulk). Then times record_scan on each, interleaved, with new devices on new
networks, half of them positioned far outside the batch's provinces (so the
out-of-region and travel rules do their full work), and prints the median
times and their ratio.

    python bench/verdict_cost.py [--database-url URL] [--rounds 400]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import timedelta

from flask_migrate import upgrade
from sqlalchemy import insert

from webapp import create_app
from webapp.config import settings_with
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
from webapp.services.scans.evidence import POSITION, Evidence, Sighting, observe
from webapp.services.scans.scanning import ScanRequest, record_scan
from webapp.services.stamps.issuance import issue_stamps

KEYS = ("bench-stamp-key",)
BASE = "https://trace.example.vn"
SETTINGS = settings_with(
    STAMP_KEYS=KEYS,
    PRIVACY_KEY="bench-privacy",
    PUBLIC_BASE_URL=BASE,
)


def build_evidence(devices: int, regions: tuple[str, ...]):
    """The location evidence earlier scans would have left: bounded whatever many."""
    now = utcnow()
    found = Evidence()
    for i in range(devices):
        far = i % 2 == 1
        sighting = Sighting(
            at=now - timedelta(days=30) + timedelta(minutes=i),
            network=f"net{i:013d}",
            device=f"dev{i:013d}",
            province="79" if far else regions[0],
            kind=POSITION,
            lat=10.78 if far else 20.65,
            lon=106.70 if far else 106.05,
            error_km=5.0,
        )
        found = observe(found, sighting, regions, lambda a, b: a.lat != b.lat)
    return found.to_json()


def build_history(
    stamp_id: int, scans: int, devices: int, regions: tuple[str, ...]
) -> None:
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
            evidence=build_evidence(devices, regions),
        )
    )


def time_scan(url: str, round_: int, rules: dict) -> float:
    device = f"bench-{round_:06d}-{url[-6:]}"
    address = f"198.51.{round_ // 250 % 250}.{round_ % 250 + 1}"
    where = (10.78, 106.70) if round_ % 2 else (20.65, 106.05)
    request = ScanRequest(url, device, address, utcnow(), lat=where[0], lon=where[1])
    settings = replace(SETTINGS, detection_rules=rules)
    started = time.perf_counter()
    record_scan(db.session, request, settings, utcnow().date())
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
        seed_demo(db.session, SETTINGS)
        batch = db.session.query(Batch).filter_by(status="active").first()
        small, large = issue_stamps(db.session, batch, 2, SETTINGS)
        db.session.flush()
        stamp_id = {s.serial: s.id for s in db.session.query(Stamp).all()}
        regions = tuple(batch.province_codes)
        build_history(stamp_id[small.serial], 10, 5, regions)
        build_history(stamp_id[large.serial], 100_000, 2_000, regions)
        db.session.commit()
        rules = app.config["DETECTION_RULES"]
        times = {"10": [], "100000": []}
        for round_ in range(args.rounds):
            times["10"].append(time_scan(small.url, round_, rules))
            times["100000"].append(time_scan(large.url, round_, rules))
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

"""Faults under load: Redis stopped, PostgreSQL stopped and restarted, a worker killed.

    python bench/faults.py                      # the three faults, 30 s each
    python bench/faults.py --faults redis --seconds 20 --json out.json

Everything runs on loopback and is started and stopped here: a PostgreSQL
cluster and a Redis of their own on free ports (never the shared 5432/6379),
and the app under gunicorn (sync, 4 workers) with rate limits on (high
enough not to refuse anyone) counted in that Redis. Client threads send 70 %
scan POSTs, each with its own idempotency key and sent once, and 30 % story
GETs. The fault starts at a third of the run and is cleared at two thirds.

Counted per second: answers by status, connection errors, 5xx without
Retry-After. Afterwards every acknowledged scan (201/200) is looked up in the
database (lost = acknowledged but not stored), and every stored scan whose
only answer was not a 2xx is counted (stored but answered as an error).
Recovery: from the moment the fault is cleared to the first second after
which scans succeed again.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.throwaway import (  # noqa: E402
    Gunicorn,
    PostgresCluster,
    RedisServer,
    can_run_postgres,
    migrate,
)
from webapp.services.common.privacy import keyed_hash  # noqa: E402
from webapp.services.scans.idempotency import scoped_key  # noqa: E402

FAULTS = ("redis", "postgres", "worker")
PRIVACY_KEY = "bench-privacy-" + "p" * 24
SCAN_SHARE = 0.7
STAMPS = 200


@dataclass
class Answer:
    at: float  # seconds since the run started
    kind: str  # "scan" or "story"
    status: int  # 0: no answer (connection refused, reset, timeout)
    retry_after: bool
    key: str | None
    resend: tuple | None = None  # (code, device, key) as the phone would resend


def seed(database_url: str) -> list[tuple[str, str]]:
    """Stamps to scan: (url to post, story path to get)."""
    from tests import factories
    from webapp import create_app
    from webapp.extensions import db

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "STAMP_KEYS": ("bench-stamp-key",),
            "PUBLIC_BASE_URL": "http://127.0.0.1",
        }
    )
    with app.app_context():
        batch = factories.batch(regions=("33", "01"))
        issued = factories.stamps(batch, count=STAMPS)
        db.session.commit()
        db.engine.dispose()
    return [
        (stamp.url, factories.path_of(stamp), stamp.gtin, stamp.serial)
        for stamp in issued
    ]


def load(base: str, stamps, seconds: float, threads: int, started: float):
    answers: list[Answer] = []
    lock = threading.Lock()
    stop_at = started + seconds

    def client(number: int) -> None:
        session = requests.Session()
        rng = random.Random(number)
        device = f"bench-phone-{number:04d}-{uuid.uuid4().hex[:8]}"
        device_hash = keyed_hash(device, PRIVACY_KEY, "device")
        while time.monotonic() < stop_at:
            url, path, gtin, serial = rng.choice(stamps)
            key, raw_key = None, None
            begun = time.monotonic()
            try:
                if rng.random() < SCAN_SHARE:
                    kind, key = "scan", str(uuid.uuid4())
                    raw_key = key
                    response = session.post(
                        f"{base}/api/v1/scans",
                        json={"code": url, "device_id": device, "idempotency_key": key},
                        timeout=10,
                    )
                else:
                    kind = "story"
                    response = session.get(f"{base}{path}", timeout=10)
                status = response.status_code
                retry_after = "Retry-After" in response.headers
            except requests.RequestException:
                status, retry_after = 0, False
                session = requests.Session()
            if key:  # as the app stores it: hashed with its device and code
                key = scoped_key(key, device_hash, gtin, serial)
            resend = (url, device, raw_key) if raw_key else None
            with lock:
                answers.append(
                    Answer(begun - started, kind, status, retry_after, key, resend)
                )

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    return workers, answers


def run_fault(fault: str, seconds: float, threads: int) -> dict:
    pg, cache = PostgresCluster(), RedisServer()
    server = None
    try:
        pg.start()
        cache.start()
        url = pg.create_database("faults")
        env = {
            "DATABASE_URL": url,
            "REDIS_URL": cache.url,
            "SECRET_KEY": "bench-secret-" + "s" * 24,
            "STAMP_KEYS": "bench-stamp-key",
            "PRIVACY_KEY": PRIVACY_KEY,
            "RATELIMIT_SCANS": "1000000/minute",
            "PUBLIC_BASE_URL": "http://127.0.0.1",
            "TRUSTED_HOSTS": "127.0.0.1",
            "LOG_FORMAT": "json",
        }
        migrate(env)
        stamps = seed(url)
        server = Gunicorn(env, workers=4)
        server.start()
        _warm_up(server.base, stamps)
        started = time.monotonic()
        clients, answers = load(server.base, stamps, seconds, threads, started)
        fault_at, clear_at = seconds / 3, 2 * seconds / 3
        _sleep_until(started + fault_at)
        events = {"fault": round(time.monotonic() - started, 2)}
        if fault == "redis":
            cache.stop()
        elif fault == "postgres":
            pg.stop("fast")
        else:
            os.kill(server.worker_pids()[0], signal.SIGKILL)
        _sleep_until(started + clear_at)
        if fault == "redis":
            cache = _restart_redis(cache)
        elif fault == "postgres":
            pg.start()
        events["cleared"] = round(time.monotonic() - started, 2)
        for worker in clients:
            worker.join()
        stored = stored_keys(url)
        result = summarise(fault, answers, stored, events)
        result["resent_after_error"] = resend_errored(server.base, answers, stored)
        result["outage_log_lines"] = outage_lines(server.log)
        return result
    finally:
        if server:
            server.stop()
        cache.remove()
        pg.remove()


def resend_errored(base: str, answers: list[Answer], stored: set[str]) -> dict:
    """Resend, as the phone's queue does, each stored scan that got an error.

    PostgreSQL may commit a scan and end the connection before its reply
    reaches the app: no server can tell the phone it was stored. The queue
    resends with the same key, and the scan is answered (200) once, not
    stored twice.
    """
    errored = [
        a
        for a in answers
        if a.kind == "scan" and a.status not in (200, 201) and a.key in stored
    ]
    statuses = Counter()
    for answer in errored:
        code, device, key = answer.resend
        response = requests.post(
            f"{base}/api/v1/scans",
            json={"code": code, "device_id": device, "idempotency_key": key},
            timeout=30,
        )
        statuses[response.status_code] += 1
    return dict(statuses)


def outage_lines(log: Path) -> int:
    """Log lines saying Redis or the database is unreachable (4 workers)."""
    markers = ("falling back to in-memory", "Database unreachable")
    text = log.read_text()
    return sum(1 for line in text.splitlines() if any(m in line for m in markers))


def _warm_up(base: str, stamps, seconds: float = 4.0) -> None:
    # Every worker imports the app when it starts: let all four be up first.
    until = time.monotonic() + seconds
    with requests.Session() as session:
        while time.monotonic() < until:
            session.get(f"{base}{stamps[0][1]}", timeout=30)


def _restart_redis(old: RedisServer) -> RedisServer:
    fresh = RedisServer(port=old.port)
    fresh.start()
    old.remove()
    return fresh


def _sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


def stored_keys(database_url: str) -> set[str]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT idempotency_key FROM scan WHERE idempotency_key IS NOT NULL")
        )
        keys = {row[0] for row in rows}
    engine.dispose()
    return keys


def summarise(fault: str, answers: list[Answer], stored: set[str], events) -> dict:
    per_second: dict[int, Counter] = defaultdict(Counter)
    for answer in answers:
        label = f"{answer.kind}:{answer.status or 'none'}"
        per_second[int(answer.at)][label] += 1
    scans = [a for a in answers if a.kind == "scan"]
    acknowledged = {a.key for a in scans if a.status in (200, 201)}
    refused = {a.key for a in scans if a.status not in (200, 201)}
    ok = [a for a in scans if 200 <= a.status < 300]
    # Recovery: from the fault's clearing to the first scan stored after it.
    first_ok_after = min((a.at for a in ok if a.at >= events["cleared"]), default=None)
    statuses = Counter(f"{a.kind}:{a.status or 'none'}" for a in answers)
    return {
        "fault": fault,
        "events": events,
        "requests": len(answers),
        "scans": len(scans),
        "scans_ok": len(ok),
        "statuses": dict(sorted(statuses.items())),
        "scan_errors": len(scans) - len(ok),
        "scan_500s": sum(1 for a in scans if a.status == 500),
        "5xx_without_retry_after": sum(
            1 for a in answers if a.status >= 500 and not a.retry_after
        ),
        "no_answer": sum(1 for a in answers if a.status == 0),
        "acknowledged_lost": len(acknowledged - stored),
        "stored_answered_as_error": len(refused & stored),
        "recovery_seconds": (
            round(first_ok_after - events["cleared"], 2)
            if first_ok_after is not None
            else None
        ),
        "per_second": {
            second: dict(sorted(counts.items()))
            for second, counts in sorted(per_second.items())
        },
    }


def table(results: list[dict]) -> str:
    rows = [
        "| fault | requests | scans ok / sent | scan 500s | 5xx without Retry-After "
        "| no answer | acknowledged lost | stored, answered as error "
        "(then resent) | recovery |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        rows.append(
            f"| {r['fault']} | {r['requests']} | {r['scans_ok']} / {r['scans']} "
            f"| {r['scan_500s']} | {r['5xx_without_retry_after']} | {r['no_answer']} "
            f"| {r['acknowledged_lost']} | {r['stored_answered_as_error']} "
            f"{r['resent_after_error'] or ''} | {r['recovery_seconds']} s |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faults", nargs="+", choices=FAULTS, default=list(FAULTS))
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    problem = can_run_postgres()
    if problem:
        sys.exit(problem)
    results = []
    for fault in args.faults:
        result = run_fault(fault, args.seconds, args.threads)
        results.append(result)
        print(json.dumps({k: v for k, v in result.items() if k != "per_second"}))
        for second, counts in result["per_second"].items():
            print(f"  {second:3d}s {counts}")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

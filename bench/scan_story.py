"""What a story GET and a scan POST cost, against bare Flask, under gunicorn.

One command, loopback only, bounded: creates a fresh PostgreSQL database with
the demo data (and a pool of extra stamps), starts gunicorn (sync, 2 workers)
twice — the app, and bench/bare_app.py (bare Flask "hello", and bare Flask with
one primary-key select on the same database) — and sends each kind of request
in interleaved rounds. For each it reports the workers' CPU time per request
(utime + stime of the worker processes from /proc, before and after) and the
throughput, min and median over the rounds (the story GET from its kept copy,
every serial warmed on both workers; "story fresh", the same pages made
afresh, with a parameter no kept copy carries); the database round trips of one
scan (statements counted in this process); three clients sending one
idempotency key at once (their status codes); and 50 phones scanning one
serial at once (latency p50/p99, and whether every scan was counted).

    python bench/scan_story.py [--server-url URL] [--rounds 3] [--requests 1000]
                               [--hot-scans 1]
    python bench/scan_story.py --short --check  # CI: one small round of each,
                                                # and what the scan promises
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from flask_migrate import upgrade
from sqlalchemy import event, func, select

import webapp
from webapp import create_app
from webapp.config import settings_with
from webapp.demo.seed import seed_demo
from webapp.extensions import db
from webapp.models import Batch, Scan, SerialStats, Stamp
from webapp.services.stamps.issuance import issue_stamps

HERE = Path(__file__).resolve().parent
# Where the webapp this process imported lives: gunicorn is started there, as
# `python -m` puts its working directory first on the path, so PYTHONPATH
# chooses the code measured, for the workers as for this process.
APP_ROOT = Path(webapp.__file__).resolve().parent.parent
KEYS = ("bench-stamp-key",)
BASE = "https://trace.example.vn"
SETTINGS = settings_with(
    STAMP_KEYS=KEYS,
    PRIVACY_KEY="bench-privacy",
    PUBLIC_BASE_URL=BASE,
)
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
CLIENTS = 4  # concurrent connections while measuring throughput
POOL = 400  # stamps the scans are spread over (the common, authentic case)
PHONES = 50


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def create_database(server_url: str) -> str:
    name = f"bench_scan_story_{os.getpid()}"
    plain = server_url.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def drop_database(server_url: str, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    plain = server_url.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def prepare(url: str) -> dict:
    """Schema, demo data and a pool of stamps of one public, active batch."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade()
        seed_demo(db.session, SETTINGS)
        batches = db.session.scalars(select(Batch).where(Batch.status == "active"))
        batch = next(b for b in batches if b.product.public and not b.expires_on)
        batch.quantity += POOL + 1  # issuing never exceeds the items made
        pool = issue_stamps(db.session, batch, POOL + 1, SETTINGS)
        db.session.commit()
        first_id = db.session.scalar(select(func.min(Stamp.id)))
        db.engine.dispose()
    paths = [stamp.url.removeprefix(BASE) for stamp in pool]
    return {"paths": paths[:POOL], "hot": paths[POOL], "stamp_id": first_id}


class Gunicorn:
    """gunicorn (sync, 2 workers) on a free loopback port."""

    def __init__(self, target: str, env: dict, log: Path, pythonpath: str = ""):
        self.port = free_port()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--backlog",
            "256",
            "--no-control-socket",
        ]
        if pythonpath:
            command += ["--pythonpath", pythonpath]
        self.process = subprocess.Popen(
            [*command, target],
            env={**os.environ, **env},
            cwd=APP_ROOT,
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn stopped; see the log")
            if len(self.workers()) == 2:
                try:
                    request(self.port, "GET", "/favicon.ico")
                    return
                except OSError:
                    pass
            time.sleep(0.2)
        raise SystemExit("gunicorn did not start in 60 s")

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def cpu_seconds(self) -> float:
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def request(port: int, method: str, path: str, body: dict | None = None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    payload = json.dumps(body).encode() if body is not None else None
    sent = {"Content-Type": "application/json"} if body is not None else {}
    connection.request(method, path, body=payload, headers={**sent, **(headers or {})})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def measure(server: Gunicorn, make_request, count: int) -> dict:
    """count requests from CLIENTS connections: worker CPU per request, req/s."""
    before = server.cpu_seconds()
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        statuses = list(pool.map(make_request, range(count)))
    wall = time.perf_counter() - started
    cpu = server.cpu_seconds() - before
    bad = [s for s in statuses if s >= 400]
    if bad:
        raise SystemExit(f"{len(bad)} failed requests, e.g. status {bad[0]}")
    return {"cpu_ms": cpu / count * 1000, "per_s": count / wall}


def round_trips(url: str, path: str) -> int:
    """Statements one scan of a known serial sends (its aggregates exist)."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "STAMP_KEYS": KEYS,
            "SECRET_KEY": "bench-secret",
            "PRIVACY_KEY": "bench-privacy",
        }
    )
    app.config["RATE_LIMITS_ON"] = False
    sent = []
    client = app.test_client()
    with app.app_context():
        client.post("/api/v1/scans", json={"code": path, "device_id": "count-first-1"})

        def count(*_args):
            sent.append(1)

        event.listen(db.engine, "before_cursor_execute", count)
        client.post("/api/v1/scans", json={"code": path, "device_id": "count-second"})
        event.remove(db.engine, "before_cursor_execute", count)
        db.engine.dispose()
    return len(sent)


def same_key(port: int, path: str) -> list[int]:
    """Three clients send one idempotency key at once."""
    start = threading.Barrier(3)
    body = {"code": path, "device_id": "queue-phone-01", "idempotency_key": "k" * 20}

    def send(_):
        start.wait()
        return request(port, "POST", "/api/v1/scans", body)[0]

    with ThreadPoolExecutor(3) as pool:
        return sorted(pool.map(send, range(3)))


def hot_serial(port: int, path: str, url: str, each: int) -> dict:
    """PHONES phones scan one serial at once, `each` times each."""
    start = threading.Barrier(PHONES)
    latencies = []

    def phone(n: int):
        start.wait()
        for i in range(each):
            began = time.perf_counter()
            status, _ = request(
                port,
                "POST",
                "/api/v1/scans",
                {"code": path, "device_id": f"hot-phone-{n:03d}-{i}"},
            )
            latencies.append((time.perf_counter() - began, status))

    began = time.perf_counter()
    with ThreadPoolExecutor(PHONES) as pool:
        list(pool.map(phone, range(PHONES)))
    wall = time.perf_counter() - began
    times = sorted(seconds for seconds, _ in latencies)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        serial = urlsplit(path).path.rsplit("/", 1)[1]
        stamp_id = db.session.scalar(select(Stamp.id).where(Stamp.serial == serial))
        counted = db.session.get(SerialStats, stamp_id).scan_count
        stored = db.session.scalar(
            select(func.count()).select_from(Scan).where(Scan.stamp_id == stamp_id)
        )
        db.engine.dispose()
    return {
        "scans": len(times),
        "ok": sum(1 for _, status in latencies if status == 201),
        "p50_ms": times[len(times) // 2] * 1000,
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))] * 1000,
        "per_s": len(times) / wall,
        "counted": counted,
        "stored": stored,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server-url", default=os.environ.get("BENCH_PG", SERVER))
    parser.add_argument("--rounds", type=int, default=3)
    # The workers' CPU is read in clock ticks (10 ms): 1,000 requests of a
    # fraction of a millisecond keep that rounding within a few per cent.
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument(
        "--hot-scans", type=int, default=1, help="scans each of the 50 phones sends"
    )
    parser.add_argument("--short", action="store_true", help="one small round (CI)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="fail unless every scan was answered, counted and stored once, one"
        " key from 3 clients gave [200, 200, 201] and a scan took 2 statements",
    )
    args = parser.parse_args()
    rounds, count = (1, 40) if args.short else (args.rounds, args.requests)
    each = args.hot_scans
    url = create_database(args.server_url)
    folder = Path(tempfile.mkdtemp(prefix="scan-story-"))
    servers = []
    try:
        data = prepare(url)
        env = {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench-secret",
            "STAMP_KEYS": ",".join(KEYS),
            "PRIVACY_KEY": "bench-privacy",
            "RATELIMIT_ENABLED": "0",
            "INSTANCE_DIR": str(folder),
            "PUBLIC_BASE_URL": "http://127.0.0.1",
            "TRUSTED_HOSTS": "127.0.0.1",
            # Kept stories last as long as with Redis (the deployed setting),
            # so the rounds measure the kept path, not when copies expire.
            "STORY_CACHE_SECONDS": "300",
        }
        bare = Gunicorn("bare_app:app", env, folder / "bare.log", str(HERE))
        servers.append(bare)
        app = Gunicorn("webapp:create_app()", env, folder / "app.log")
        servers.append(app)
        paths = data["paths"]
        lot = paths[: min(50, len(paths))]

        def hello(_):
            return request(bare.port, "GET", "/hello")[0]

        def by_key(_):
            return request(bare.port, "GET", f"/stamp/{data['stamp_id']}")[0]

        def story(i):
            return request(app.port, "GET", lot[i % len(lot)])[0]

        def fresh_story(i):  # a parameter no kept story carries: made afresh
            path = lot[i % len(lot)]
            joined = f"{path}{'&' if '?' in path else '?'}from=bench"
            return request(app.port, "GET", joined)[0]

        scanned = iter(range(10**9))

        def scan(i):
            n = next(scanned)
            body = {"code": paths[n % len(paths)], "device_id": f"bench-phone-{n:07d}"}
            return request(app.port, "POST", "/api/v1/scans", body)[0]

        kinds = {"hello": (bare, hello), "pk select": (bare, by_key)}
        kinds.update({"story GET": (app, story), "scan POST": (app, scan)})
        kinds["story fresh"] = (app, fresh_story)
        for server, make in kinds.values():  # warm every worker up
            measure(server, make, 10)
        # Every serial of the lot kept by both workers (each is asked 8 times).
        measure(app, story, 8 * len(lot))
        results: dict[str, list[dict]] = {name: [] for name in kinds}
        for _ in range(rounds):
            for name, (server, make) in kinds.items():
                results[name].append(measure(server, make, count))
        trips = round_trips(url, paths[0])
        statuses = same_key(app.port, paths[1])
        hot = hot_serial(app.port, data["hot"], url, each)
    finally:
        for server in servers:
            server.stop()
        drop_database(args.server_url, url)
    report(results, trips, statuses, hot, rounds, count)
    if args.check:
        problems = check(trips, statuses, hot)
        if problems:
            raise SystemExit("check failed: " + "; ".join(problems))


def check(trips: int, statuses: list[int], hot: dict) -> list[str]:
    """What the scan path promises whatever the machine's speed (no timing)."""
    problems = []
    if trips > 2:
        problems.append(f"{trips} statements per scan of a known serial")
    if statuses != [200, 200, 201]:
        problems.append(f"one key from 3 clients answered {statuses}")
    if not hot["scans"] == hot["ok"] == hot["counted"] == hot["stored"]:
        problems.append(f"hot serial: {hot}")
    return problems


def report(results, trips, statuses, hot, rounds, count) -> None:
    print(f"gunicorn sync, 2 workers, PostgreSQL; {rounds} rounds x {count} requests,")
    print(f"{CLIENTS} clients; min / median over the rounds")
    print(
        f"{'path':<12} {'CPU ms/req':>16} {'req/s':>14} {'CPU x pk':>10}"
        f" {'(medians)':>10}"
    )
    pk = [r["cpu_ms"] for r in results["pk select"]]
    baseline, typical = min(pk), statistics.median(pk)
    for name, runs in results.items():
        cpu = sorted(r["cpu_ms"] for r in runs)
        rate = sorted((r["per_s"] for r in runs), reverse=True)
        print(
            f"{name:<12} {cpu[0]:7.2f} / {statistics.median(cpu):6.2f}"
            f" {rate[0]:6.0f} / {statistics.median(rate):5.0f}"
            f" {cpu[0] / baseline:9.2f}x {statistics.median(cpu) / typical:9.2f}x"
        )
    print(f"round trips per scan (known serial): {trips}")
    print(f"3 clients, one idempotency key at once: {statuses}")
    print(
        f"{PHONES} phones on one serial: {hot['scans']} scans, {hot['ok']} x 201,"
        f" p50 {hot['p50_ms']:.0f} ms, p99 {hot['p99_ms']:.0f} ms,"
        f" {hot['per_s']:.0f} scans/s; counted {hot['counted']},"
        f" stored {hot['stored']}"
    )


if __name__ == "__main__":
    main()

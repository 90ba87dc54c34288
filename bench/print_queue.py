"""A producer issues 10,000 stamps from the web: how long the answer takes, and
how long until the PDF sheet is there, rendered by a real RQ worker process.

On a fresh SQLite database (or DATABASE_URL) with the demo seeded, signed in as
the demo producer through the app's own test client, with the job queue on
Redis (JOBS_REDIS_URL, default database 13 of 127.0.0.1:6379, a queue of its
own) and `flask --app webapp jobs worker` started as a separate process:

1. baseline: the batch page GET (CPU seconds of this process per request);
2. the same issue rendered in the request, as every issue was before
   (PRINT_INLINE_MAX raised above the count);
3. the issue through the queue: the request's time, then the time until the
   print job is done, polled in the database every 0.1 s.

    python bench/print_queue.py [--count 10000] [--pin]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import redis
from flask_migrate import upgrade
from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent


def environment(folder: Path, redis_url: str) -> dict:
    return {
        "DATABASE_URL": os.environ.get("DATABASE_URL")
        or f"sqlite:///{folder / 'bench.sqlite'}",
        "SECRET_KEY": "bench-secret-key",
        "STAMP_KEYS": "bench-stamp-key",
        "PRIVACY_KEY": "bench-privacy-key",
        "PRINT_DIR": str(folder / "print"),
        "UPLOAD_DIR": str(folder / "uploads"),
        "INSTANCE_DIR": str(folder),
        "JOBS_REDIS_URL": redis_url,
        "JOBS_QUEUE": f"bench-{uuid.uuid4().hex[:8]}",
        "PUBLIC_BASE_URL": "https://trace.example.vn",
    }


def timed(call):
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--pin", action="store_true")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="print-queue-"))
    env = environment(folder, args.redis)
    os.environ.update(env)

    from webapp import create_app
    from webapp.demo.accounts import DEMO_PASSWORD
    from webapp.demo.load import load_demo
    from webapp.extensions import db
    from webapp.models import Batch, PrintJob, User

    app = create_app(
        {
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "TRUSTED_HOSTS": ["localhost"],  # the test client's host
        }
    )
    with app.app_context():
        upgrade()
        load_demo(db.session, app.extensions["settings"])
        db.session.commit()
        producer = db.session.scalar(
            select(User).where(User.email == "hongchau@demo.ocoptrace.vn")
        )
        product_id = producer.organisation.products[0].id
    client = app.test_client()
    client.post("/login", data={"email": producer.email, "password": DEMO_PASSWORD})

    def new_batch(lot: str) -> int:
        client.post(
            "/producer/batches/new",
            data={
                "product": str(product_id),
                "lot_code": lot,
                "produced_on": time.strftime("%Y-%m-%d"),
                "quantity": str(args.count),
                "provinces": ["33", "01"],
            },
        )
        with app.app_context():
            return db.session.scalar(select(Batch.id).where(Batch.lot_code == lot))

    def issue(batch_id: int):
        data = {"count": str(args.count), "layout": "small"}
        if args.pin:
            data["with_pin"] = "y"
        response = client.post(f"/producer/batches/{batch_id}/stamps", data=data)
        assert response.status_code == 303, response.status_code
        return response

    inline_batch, queued_batch = new_batch("BENCHIN"), new_batch("BENCHQ")
    pages = 20
    _, page_wall, page_cpu = timed(
        lambda: [client.get(f"/producer/batches/{inline_batch}") for _ in range(pages)]
    )
    page_cpu /= pages

    app.config["PRINT_INLINE_MAX"] = args.count
    _, inline_wall, inline_cpu = timed(lambda: issue(inline_batch))
    app.config["PRINT_INLINE_MAX"] = 500

    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "webapp", "jobs", "worker"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "worker.log", "w"),  # noqa: SIM115
        start_new_session=True,
    )
    try:
        time.sleep(3)  # the worker is listening before the clock starts
        _, queued_wall, queued_cpu = timed(lambda: issue(queued_batch))
        answered = time.perf_counter()
        status = "queued"
        while status not in ("done", "failed"):
            time.sleep(0.1)
            with app.app_context():
                status = db.session.scalar(
                    select(PrintJob.status).order_by(PrintJob.id.desc())
                )
            if time.perf_counter() - answered > 600:
                raise SystemExit("no sheet after 10 minutes")
        ready = time.perf_counter() - answered
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
        redis.Redis.from_url(args.redis).delete(f"rq:queue:{env['JOBS_QUEUE']}")

    kind = env["DATABASE_URL"].split(":")[0]
    print(f"{args.count} stamps{' with PINs' if args.pin else ''}, {kind}")
    rows = [
        ("step", "wall s", "CPU s (this process)", "× batch page CPU"),
        ("---", "---", "---", "---"),
        (
            f"batch page GET (baseline, mean of {pages})",
            f"{page_wall / pages:.3f}",
            f"{page_cpu:.3f}",
            "1",
        ),
        (
            "issue, sheet rendered in the request (before)",
            f"{inline_wall:.2f}",
            f"{inline_cpu:.2f}",
            f"{inline_cpu / page_cpu:.0f}",
        ),
        (
            "issue, sheet by the queue (now): the answer",
            f"{queued_wall:.2f}",
            f"{queued_cpu:.2f}",
            f"{queued_cpu / page_cpu:.0f}",
        ),
        (f"… then until the PDF is ready ({status})", f"{ready:.2f}", "(worker)", ""),
    ]
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

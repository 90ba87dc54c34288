"""Hand a job to RQ over Redis, or, without Redis, to a thread of this process.

Without Redis (the demo on SQLite) there is no worker to hand work to, and a
producer must not wait for a 10,000-label sheet, so the job runs in one
background thread of the web process after the request is answered. If Redis
is configured but cannot be reached, the job runs that way too rather than
failing the request: its state is in the database either way.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait

from flask import Flask
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue

from webapp.extensions import app_itself
from webapp.jobs import runner

log = logging.getLogger(__name__)
_executor: ThreadPoolExecutor | None = None
_pending: set[Future] = set()
_lock = threading.Lock()


def redis_url(config) -> str | None:
    return config.get("JOBS_REDIS_URL") or config.get("REDIS_URL")


def connection(config, blocking: bool = False) -> Redis:
    """A connection; blocking ones (worker, scheduler) wait on Redis without limit."""
    url = redis_url(config)
    if url is None:
        raise RuntimeError("set JOBS_REDIS_URL or REDIS_URL to queue jobs in Redis")
    if blocking:
        return Redis.from_url(url)
    return Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)


def queue(config, conn: Redis | None = None) -> Queue:
    return Queue(
        config["JOBS_QUEUE"],
        connection=conn or connection(config),
        default_timeout=config["JOBS_TIMEOUT"],
    )


def dispatch(name: str, *args) -> str:
    """Start a job off this request: "queued" (RQ) or "thread" (this process)."""
    app = app_itself()
    if redis_url(app.config):
        try:
            queue(app.config).enqueue(
                runner.run, name, *args, description=name, failure_ttl=7 * 86400
            )
            return "queued"
        except RedisError:
            log.warning("job queue unreachable; running %s in this process", name)
    in_thread(app, name, *args)
    return "thread"


def in_thread(app: Flask, name: str, *args) -> Future:
    """Run the job in this process's one background thread."""
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobs")
        future = _executor.submit(_run_in, app, name, *args)
        _pending.add(future)
    future.add_done_callback(_pending.discard)
    return future


def _run_in(app: Flask, name: str, *args):
    with app.app_context():  # runner.run pushes the job's own context inside
        try:
            return runner.run(name, *args)
        except Exception:
            return None  # logged by runner; its state is in the database


def wait_for_threads(timeout: float | None = None) -> None:
    """Wait until the jobs handed to this process's thread are done."""
    wait(list(_pending), timeout=timeout)

"""Prometheus metrics: request latency per endpoint, scans by verdict.

prometheus_client keeps them; under gunicorn every worker writes its own
files in PROMETHEUS_MULTIPROC_DIR (set by webapp/gunicorn_conf.py) and /metrics
adds them up, so a scrape sees the whole instance whichever worker answers.

/metrics is not public: it answers only a request that carries
`Authorization: Bearer <METRICS_TOKEN>`; without METRICS_TOKEN it does not
exist (404). Labels are endpoint names, methods, statuses and verdicts:
never a path, a serial, an address or a device.
"""

from __future__ import annotations

import hmac
import logging
import os
import time

from flask import Blueprint, Flask, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY as DEFAULT_REGISTRY

log = logging.getLogger(__name__)

REQUEST_SECONDS = Histogram(
    "ocop_request_duration_seconds",
    "Time to answer a request, by endpoint, method and status.",
    ("endpoint", "method", "status"),
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
SCANS = Counter(
    "ocop_scans_total",
    "Scans answered, by verdict; replayed: a resend or a reload, not a new scan.",
    ("verdict", "replayed"),
)
DATABASE_UNAVAILABLE = Counter(
    "ocop_database_unavailable_total",
    "Requests answered 503 because the database could not be reached.",
)

bp = Blueprint("metrics", __name__)


def init_metrics(app: Flask) -> None:
    app.before_request(_start_timer)
    app.after_request(_observe)
    app.register_blueprint(bp)


def _start_timer() -> None:
    g.metrics_started = time.perf_counter()


def _observe(response):
    started = g.pop("metrics_started", None)
    if started is not None:
        _safely(
            lambda: REQUEST_SECONDS.labels(
                request.endpoint or "unmatched",
                request.method,
                str(response.status_code),
            ).observe(time.perf_counter() - started)
        )
    return response


def count_scan(outcome) -> None:
    """Count an answered scan (after its commit: nothing here may fail it)."""
    _safely(
        # outcome.verdict, not outcome.scan's: the row is expired by the commit
        # and reading it would ask the database again.
        lambda: SCANS.labels(outcome.verdict, "yes" if outcome.replayed else "no").inc()
    )


def count_database_unavailable() -> None:
    _safely(DATABASE_UNAVAILABLE.inc)


def _safely(record) -> None:
    # A metric is never worth an error answer.
    try:
        record()
    except Exception:  # noqa: BLE001
        log.warning("a metric could not be recorded", exc_info=True)


@bp.get("/metrics")
def metrics():
    token = current_app.config.get("METRICS_TOKEN")
    if not token:
        abort(404)
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        abort(404)  # as if there were nothing here
    response = current_app.response_class(
        generate_latest(_registry()), mimetype=CONTENT_TYPE_LATEST
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _registry():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return DEFAULT_REGISTRY

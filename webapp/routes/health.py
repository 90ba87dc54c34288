"""Checks for a load balancer: is the process alive, can it serve requests.

Neither names a person, a host or a version; neither is rate limited, and
the private access log leaves them out (they come every few seconds).
"""

from flask import Blueprint, Response, current_app, jsonify
from flask.typing import ResponseReturnValue

from webapp import MIGRATIONS_DIR
from webapp.extensions import db
from webapp.services.common import readiness
from webapp.web.outages import RETRY_AFTER_SECONDS

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """The process answers; nothing else is asked (no database, no Redis)."""
    return _no_store(jsonify(status="ok"))


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    """Ready: the database answers at the migrations' head, Redis (if set) answers."""
    checks = {
        "database": readiness.database(db.engine, MIGRATIONS_DIR),
        "redis": readiness.redis(current_app.config.get("REDIS_URL")),
    }
    ready = all(state in ("ok", "not_configured") for state in checks.values())
    response = jsonify(status="ready" if ready else "unavailable", checks=checks)
    if not ready:
        response.status_code = 503
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return _no_store(response)


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response

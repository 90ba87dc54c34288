"""The database is unreachable: 503 with Retry-After, never a 500.

Connection refused, an administrator's shutdown, a connection the server
closed, a pool with no connection to give: each is a moment without a
database, not a bug. The visitor gets a page (or JSON) in their language
asking to try again, with Retry-After, which the phone's queue of offline
scans and reports honours. A scan is committed before it is acknowledged, so
an answer of 503 means it was not stored; resending it with its idempotency
key records it once.
"""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask, current_app, g, render_template, request
from sqlalchemy import exc

from webapp.extensions import db
from webapp.web.metrics import count_database_unavailable
from webapp.web.negotiation import json_error, wants_json

RETRY_AFTER_SECONDS = 5
# One line per outage and process, not one per request: a second line only
# after this long without any failure.
QUIET_SECONDS = 30.0

log = logging.getLogger("webapp.web.outages")


# SQLSTATE classes of a database that is away, not of a statement it refused:
# connection exceptions, an administrator's or a crash's shutdown, no resources.
AWAY = ("08", "57P", "53")


def database_unavailable(error: BaseException) -> bool:
    """Whether an exception means the database cannot be reached right now."""
    if isinstance(error, exc.TimeoutError):  # no pooled connection came free
        return True
    if not isinstance(error, exc.DBAPIError):
        return False
    if error.connection_invalidated or isinstance(error, exc.InterfaceError):
        return True
    if not isinstance(error, exc.OperationalError):
        return False
    state = getattr(error.orig, "sqlstate", None)  # None: no server answered
    return state is None or state.startswith(AWAY)


def statement_refused(error: BaseException) -> bool:
    """A deadlock, a serialization failure, a lock or statement timeout: the
    database is there and the request may simply be tried again."""
    return isinstance(error, exc.OperationalError) and not database_unavailable(error)


class OutageLog:
    """Logs the first failure of an outage, then stays quiet while it lasts."""

    def __init__(self, logger: logging.Logger, what: str) -> None:
        self._logger = logger
        self._what = what
        self._last_failure = 0.0
        self._lock = threading.Lock()

    def failed(self, error: BaseException) -> None:
        now = time.monotonic()
        with self._lock:
            quiet = now - self._last_failure > QUIET_SECONDS
            self._last_failure = now
        if quiet:
            self._logger.error(
                "%s unreachable (%s): answering 503 until it is back",
                self._what,
                type(error).__name__,
            )


database_outage = OutageLog(log, "Database")


def register_outage_handlers(app: Flask) -> None:
    app.register_error_handler(exc.DBAPIError, _database_error)
    app.register_error_handler(exc.TimeoutError, _database_error)


def _database_error(error: Exception):
    if statement_refused(error):
        # Not an outage: each one is logged whole, as the bug it may reveal.
        log.exception("database refused a statement: answering 503 to retry")
        db.session.rollback()
        return unavailable_response()
    if not database_unavailable(error):
        from webapp.web.errors import unexpected_error

        return unexpected_error(error)
    database_outage.failed(error)
    count_database_unavailable()
    try:
        db.session.rollback()
    except exc.SQLAlchemyError:
        db.session().invalidate()  # the connection is gone: drop it, no ROLLBACK
    return unavailable_response()


def unavailable_response():
    """503 in the visitor's language, as JSON for programs and HTML for people."""
    from webapp.web.errors import MESSAGES  # the 503 every page answers with

    message = str(MESSAGES[503])
    if request.path.startswith("/api/") or wants_json():
        response = json_error(503, "unavailable", message)
    else:
        _forget_signed_in_user()
        page = render_template("errors/http.html", status=503, message=message)
        response = current_app.make_response((page, 503))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def _forget_signed_in_user() -> None:
    # The page's menu asks who is signed in, which would ask the database
    # again: this one answer is rendered as for a visitor.
    from webapp.web.auth import login_manager

    g._login_user = login_manager.anonymous_user()

"""Run a named job inside an app context, with a database session of its own."""

from __future__ import annotations

import logging
import threading

from flask import Flask, has_app_context

from webapp.extensions import app_itself, db

log = logging.getLogger(__name__)
_app: Flask | None = None
_app_lock = threading.Lock()


def use_app(app: Flask) -> None:
    """The app that jobs run in when no app context is active (the worker's)."""
    global _app
    _app = app


def app() -> Flask:
    """The current app, the worker's, or one made from the environment (`rq worker`)."""
    global _app
    if has_app_context():
        return app_itself()
    with _app_lock:
        if _app is None:
            from webapp import create_app

            _app = create_app()
    return _app


def run(name: str, *args):
    """What RQ calls: look the job up by name and run it in its own app context.

    A fresh app context means a fresh session: a job never shares one with
    the request or job that started it.
    """
    from webapp.jobs.registry import JOBS

    job = JOBS[name]
    with app().app_context():
        try:
            return job(*args)
        except Exception:
            db.session.rollback()
            log.exception("job %s failed", name)
            raise
        finally:
            db.session.remove()

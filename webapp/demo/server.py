"""The app scripts/demo serves: migrated, and loaded with the demo on its first start.

gunicorn builds it once, before forking its workers (see gunicorn_conf). What
the script prints once the first page answers is written to demo-welcome.txt.
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import sys
from datetime import date
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func, select

from webapp import create_app
from webapp.cli import load_demo_data
from webapp.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from webapp.demo.showcase import Suggestion, suggestions
from webapp.extensions import db
from webapp.models import Organisation
from webapp.services.common.clock import VIETNAM, today_in_vietnam

CODES = "demo-codes.csv"
WELCOME = "demo-welcome.txt"
STALE_DAYS = 14


def demo_app() -> Flask:
    """The app, its schema current, the demo loaded into an empty database."""
    app = create_app()
    instance = Path(app.instance_path)
    with app.app_context():
        _migrate_quietly()
        if db.session.scalar(select(Organisation.id).limit(1)) is None:
            load_demo_data(instance / CODES)
        text = welcome(app.extensions["settings"].base_url, instance)
        (instance / WELCOME).write_text(text, encoding="utf-8")
        db.session.remove()
        db.engine.dispose()  # each worker opens its own connections
    return app


def welcome(base: str, instance: Path) -> str:
    """The URL, stamps to try as of today, and the staff accounts."""
    codes = instance / CODES
    rows = _rows(codes)
    today = today_in_vietnam()
    lines = [f"OCOP Trace is running at {base}/", ""]
    if rows:
        lines.append(
            f"Stamps to try (every demo stamp, with its PIN, is in {_shown(codes)}):"
        )
        lines += _stamp_lines(suggestions(db.session(), rows, today))
        lines.append("")
    lines.append(f"Staff sign in at {base}/login (password {DEMO_PASSWORD}):")
    lines += [f"  {a['email']:<38} {a['role']}" for a in DEMO_ACCOUNTS]
    loaded = db.session.scalar(select(func.min(Organisation.approved_at)))
    loaded_on = loaded.astimezone(VIETNAM).date() if loaded else today
    if rows and (today - loaded_on).days > STALE_DAYS:
        lines += ["", _stale(loaded_on, instance)]
    return "\n".join([*lines, "", "Ctrl-C stops it."]) + "\n"


def _stamp_lines(chosen: list[Suggestion]) -> list[str]:
    width = max((len(s.label) for s in chosen), default=0) + 1
    return [
        f"  {s.label + ':':<{width}} {s.url}" + (f"   (PIN {s.pin})" if s.pin else "")
        for s in chosen
    ]


def _stale(loaded: date, instance: Path) -> str:
    return (
        f"The demo data was loaded on {loaded:%d/%m/%Y}: delete "
        f"{_shown(instance)}/ to load it afresh for today."
    )


def _migrate_quietly() -> None:
    """Bring the schema up to date; Alembic's step-by-step log shows on failure.

    Alembic's env.py points the root logger at stderr too: that is undone.
    """
    root = logging.getLogger()
    handlers = list(root.handlers)
    log = io.StringIO()
    try:
        with contextlib.redirect_stderr(log):
            upgrade()
    except Exception:
        sys.stderr.write(log.getvalue())
        raise
    finally:
        root.handlers[:] = handlers


def _shown(path: Path) -> str:
    """A path as typed from the project folder, when it is inside it."""
    return (
        str(path.relative_to(Path.cwd()))
        if path.is_relative_to(Path.cwd())
        else str(path)
    )


def _rows(codes: Path) -> list[dict]:
    if not codes.exists():
        return []
    with open(codes, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))

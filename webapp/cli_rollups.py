"""Recount the dashboards' daily scan counts from the raw scans."""

from __future__ import annotations

from datetime import timedelta

import click
from flask import current_app

from webapp.extensions import db
from webapp.models import utcnow


@click.group()
def rollups() -> None:
    """Maintain the daily scan counts the dashboards read."""


@rollups.command("rebuild")
@click.option(
    "--days",
    type=click.IntRange(1),
    help="Recount only the last DAYS days (default: every day raw scans still cover).",
)
def rebuild_command(days: int | None) -> None:
    """Recount daily scan counts from the raw scans still kept.

    Days older than the scan retention period keep their counts: their raw
    scans are gone, so a recount would lose them.
    """
    from webapp.services import rollups as service

    today = service.local_day(utcnow())
    kept = utcnow() - timedelta(days=current_app.config["SCAN_RETENTION_DAYS"])
    first = service.local_day(kept) + timedelta(days=1)
    if days is not None:
        first = max(first, today - timedelta(days=days - 1))
    rows = service.rebuild(db.session, first, today)
    db.session.commit()
    click.echo(f"Recounted {first.isoformat()} to {today.isoformat()}: {rows} rows.")

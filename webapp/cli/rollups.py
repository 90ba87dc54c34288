"""Recount the dashboards' weekly scan counts from the raw scans."""

from __future__ import annotations

from datetime import timedelta

import click

from webapp.extensions import db, settings
from webapp.models import utcnow


@click.group()
def rollups() -> None:
    """Maintain the weekly scan counts the dashboards read."""


@rollups.command("rebuild")
@click.option(
    "--days",
    type=click.IntRange(1),
    help="Recount only the weeks of the last DAYS days "
    "(default: every week raw scans still cover).",
)
def rebuild_command(days: int | None) -> None:
    """Recount weekly scan counts from the raw scans still kept.

    Weeks partly older than the scan retention period keep their counts: some
    of their raw scans are gone, so a recount would lose them.
    """
    from webapp.services.scans import rollups as service

    now = utcnow()
    today = service.local_day(now)
    kept = now - timedelta(days=settings().scan_retention_days)
    first = service.monday_of(service.local_day(kept)) + timedelta(weeks=1)
    if days is not None:
        first = max(first, today - timedelta(days=days - 1))
    rows = service.rebuild(db.session(), first, today)
    db.session.commit()
    click.echo(
        f"Recounted the weeks of {service.monday_of(first).isoformat()} to "
        f"{service.monday_of(today).isoformat()}: {rows} rows."
    )

"""Retention jobs for cron: scans and reports are deleted after their periods."""

from __future__ import annotations

import click

from webapp.extensions import db, settings
from webapp.models import utcnow


@click.group()
def scans() -> None:
    """Maintain recorded scans."""


@scans.command("prune")
@click.option(
    "--days", type=click.IntRange(1), help="Retention; default SCAN_RETENTION_DAYS."
)
def prune_scans_command(days: int | None) -> None:
    """Delete raw scans older than the retention period (the counts stay)."""
    from webapp.services.scans.retention import prune_scans

    kept_days = days or settings().scan_retention_days
    pruned = prune_scans(db.session(), utcnow(), kept_days)
    db.session.commit()
    click.echo(
        f"Deleted {pruned.scans} scans older than {kept_days} days "
        f"({pruned.months} whole months dropped), "
        f"{pruned.devices} device and {pruned.networks} network rows "
        "of serials not scanned since."
    )


@scans.command("partitions")
@click.option(
    "--ahead",
    type=click.IntRange(1, 24),
    default=3,
    show_default=True,
    help="Months after this one to make.",
)
def make_partitions_command(ahead: int) -> None:
    """Make the scan table's coming months (PostgreSQL; nothing to do on SQLite)."""
    from webapp.services.scans.scan_partitions import make_ahead

    made = make_ahead(db.session(), utcnow(), ahead)
    db.session.commit()
    names = ", ".join(f"{month:%Y-%m}" for month in made.months) or "none"
    click.echo(
        f"Months made: {names}; {made.moved} scans moved from the default partition."
    )


@click.group()
def reports() -> None:
    """Maintain shoppers' reports."""


@reports.command("prune")
@click.option(
    "--days", type=click.IntRange(1), help="Retention; default REPORT_RETENTION_DAYS."
)
def prune_reports_command(days: int | None) -> None:
    """Delete reports older than the retention period, with contacts and photos."""
    from webapp.services.casework.report_erasure import prune_reports
    from webapp.web.uploads import discard

    kept_days = days or settings().report_retention_days
    pruned = prune_reports(db.session(), utcnow(), kept_days)
    db.session.commit()
    discard(pruned.photo_paths)
    click.echo(
        f"Deleted {pruned.deleted} reports older than {kept_days} days; "
        f"erased {pruned.contacts_erased} contacts of reports on open cases."
    )

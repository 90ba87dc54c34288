"""Periodic upkeep as jobs: each commits its own work and says what it did."""

from __future__ import annotations

from webapp.extensions import db, settings
from webapp.models import utcnow


def send_to_portal(limit: int = 100) -> str:
    """Send what is due to the national portal (a no-op until it is configured)."""
    from webapp.services.standards.portal_outbox import process
    from webapp.web import portal_link

    if not portal_link.configured():
        return "portal not configured"
    summary = process(
        db.session(), portal_link.client(), utcnow(), portal_link.image_url, limit
    )
    db.session.commit()
    return (
        f"sent {summary.sent}, retrying {summary.retrying}, "
        f"refused {summary.rejected}, waiting {summary.waiting}"
    )


def prune_scans() -> str:
    """Delete raw scans older than SCAN_RETENTION_DAYS (the counts stay)."""
    from webapp.services.scans.retention import prune_scans as prune

    pruned = prune(db.session(), utcnow(), settings().scan_retention_days)
    db.session.commit()
    return (
        f"{pruned.scans} scans ({pruned.months} whole months), "
        f"{pruned.devices} devices, {pruned.networks} networks"
    )


def make_scan_partitions() -> str:
    """Make the scan table's coming months ahead (PostgreSQL), and move into
    its month any row the default partition took meanwhile."""
    from webapp.services.scans.scan_partitions import make_ahead

    made = make_ahead(db.session(), utcnow())
    db.session.commit()
    return f"{len(made.months)} months made, {made.moved} scans moved"


def prune_reports() -> str:
    """Delete reports older than REPORT_RETENTION_DAYS, with their photos."""
    from webapp.services.casework.report_erasure import prune_reports as prune
    from webapp.web.uploads import discard

    days = settings().report_retention_days
    pruned = prune(db.session(), utcnow(), days)
    db.session.commit()
    discard(pruned.photo_paths)
    return f"{pruned.deleted} reports, {pruned.contacts_erased} contacts"


def purge_print_files() -> str:
    """Delete print files (PDF, CSV with PINs) older than PRINT_FILE_HOURS."""
    from webapp.services.stamps.print_jobs import purge

    removed = purge(settings().print_dir, settings().print_file_hours)
    return f"{removed} issuances' print files"


def catch_up_rollups() -> str:
    """Recount the weekly scan counts of the last days from the raw scans.

    The counts are kept with every scan; this is the safety net (a count lost
    to a crash between two statements, a scan stored by hand). Daily: on
    PostgreSQL the recount holds scans back while it runs.
    """
    from webapp.services.common.clock import today_in_vietnam
    from webapp.services.scans.rollups import catch_up

    rows = catch_up(db.session(), today_in_vietnam())
    db.session.commit()
    return f"{rows} weekly count rows recounted"

"""Command-line tools: `flask --app webapp <command>`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask
from flask_babel import force_locale
from flask_migrate import upgrade

from webapp.cli.jobs import jobs
from webapp.cli.retention import reports, scans
from webapp.cli.rollups import rollups
from webapp.extensions import db, settings
from webapp.services.stamps.issuance import (
    IssuanceError,
    commit_with_codes,
    find_batch,
    issue_stamps,
    write_codes_csv,
)
from webapp.web import vocab

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(stamps)
    app.cli.add_command(translate)
    app.cli.add_command(scans)
    app.cli.add_command(reports)
    app.cli.add_command(rollups)
    app.cli.add_command(users)
    app.cli.add_command(portal)
    app.cli.add_command(jobs)

    from webapp.simulation.cli import simulate_market

    app.cli.add_command(simulate_market)


@click.command("seed-demo")
@click.option(
    "--codes-out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write url,gtin,lot,serial,pin,regions of every demo stamp to this CSV.",
)
def seed_demo_command(codes_out: Path | None) -> None:
    """Create the schema and load the Hưng Yên demo, with weeks of market."""
    from webapp.demo.seed import SeedError

    upgrade()
    try:
        loaded = load_demo_data(codes_out)
    except SeedError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Demo data loaded: {len(loaded.stamps)} stamps issued, "
        f"{len(loaded.market.issued)} of them sold and scanned."
    )


def load_demo_data(codes_out: Path | None):
    """Load the demo into the app's empty database; its codes reach disk first."""
    from webapp.demo.load import load_demo

    try:
        loaded = load_demo(db.session(), settings())
    except Exception:
        db.session.rollback()
        raise
    _commit_with_codes(loaded.stamps, codes_out)
    _months_of_demo_scans()
    return loaded


def _months_of_demo_scans() -> None:
    """The demo's past weeks of scans into their months (PostgreSQL)."""
    from webapp.models import utcnow
    from webapp.services.scans.scan_partitions import make_ahead

    make_ahead(db.session(), utcnow())
    db.session.commit()


def refused(error, table: dict) -> click.ClickException:
    """A service's refusal as the command line shows it: in English."""
    with force_locale("en"):
        return click.ClickException(vocab.refusal(error, table))


@click.group()
def stamps() -> None:
    """Issue stamps for a batch, and check the issuance log."""


@stamps.command("issue")
@click.option("--batch", "batch_ref", required=True, help="Batch id or lot code.")
@click.option("--gtin", help="GTIN, when the lot code exists for several products.")
@click.option("--count", type=click.IntRange(1, 100_000), required=True)
@click.option("--pin/--no-pin", default=False, help="Add a scratch-off PIN per stamp.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def issue(batch_ref: str, gtin: str | None, count: int, pin: bool, out: Path) -> None:
    """Issue COUNT stamps for a batch and write their codes (and PINs) to a CSV."""
    try:
        batch = find_batch(db.session(), batch_ref, gtin)
        issued = issue_stamps(
            db.session(),
            batch,
            count,
            settings(),
            pin,
            issued_by_label="command line",
        )
    except IssuanceError as error:
        db.session.rollback()
        raise refused(error, vocab.ISSUANCE_ERRORS) from None
    _commit_with_codes(issued, out)
    click.echo(f"Issued {len(issued)} stamps for lot {batch.lot_code} → {out}")


@stamps.command("check-log")
def check_log() -> None:
    """Re-derive the issuance log's seals and digests; exit 1 if anything differs."""
    from webapp.services.stamps.issuance_log import check_chain

    result = check_chain(db.session())
    click.echo(f"{result.records} issuance records, {result.stamps} stamps.")
    for record_id, problem in result.problems:
        click.echo(f"record {record_id or '-'}: {problem}", err=True)
    if not result.intact:
        raise SystemExit(1)
    click.echo("The log is intact.")


@stamps.command("purge-print-files")
def purge_print_files() -> None:
    """Delete issuance print files (PDF, CSV with PINs) older than PRINT_FILE_HOURS."""
    from webapp.services.stamps.print_jobs import purge

    removed = purge(settings().print_dir, settings().print_file_hours)
    click.echo(f"Deleted the print files of {removed} issuances.")


def _commit_with_codes(issued, path: Path | None) -> None:
    """Commit the stamps only once their codes are safely on disk."""
    staged = write_codes_csv(path, issued) if path else None
    commit_with_codes(db.session(), staged, path)


@click.group()
def translate() -> None:
    """Extract, update and compile the vi and en message catalogs."""


@translate.command("update")
def translate_update() -> None:
    """Extract messages from the code and merge them into the catalogs."""
    pot = PROJECT_DIR / "messages.pot"
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "translate_to:2",
        "--no-location",
        "-o",
        pot,
        ".",
    )
    _pybabel(
        "update",
        "-i",
        pot,
        "-d",
        PACKAGE_DIR / "i18n",
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )
    pot.unlink()


@translate.command("compile")
def translate_compile() -> None:
    """Compile the catalogs into the .mo files the app reads."""
    _pybabel("compile", "-d", PACKAGE_DIR / "i18n", "--statistics")


def _pybabel(*args) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *map(str, args)]
    subprocess.run(command, check=True, cwd=PROJECT_DIR)


@click.group()
def users() -> None:
    """Staff accounts: inspectors, producers and administrators."""


@users.command("create")
@click.option(
    "--role", type=click.Choice(["inspector", "producer", "admin"]), required=True
)
@click.option("--email", required=True)
@click.option("--name", default="", help="Full name, shown in the audit log.")
@click.option(
    "--province",
    "provinces",
    multiple=True,
    help="Province code an inspector covers (repeat for several), e.g. 33.",
)
@click.option("--organisation", help="A producer's organisation: its id or exact name.")
@click.password_option(help="At least 10 characters; asked for when not given.")
def create_user_command(
    role: str,
    email: str,
    name: str,
    provinces: tuple[str, ...],
    organisation: str | None,
    password: str,
) -> None:
    """Create a staff account."""
    from webapp.services.staff.accounts import (
        AccountError,
        create_user,
        find_organisation,
    )

    try:
        found = find_organisation(db.session(), organisation) if organisation else None
        user = create_user(db.session(), email, name, role, password, found, provinces)
        db.session.commit()
    except AccountError as error:
        db.session.rollback()
        raise refused(error, vocab.ACCOUNT_ERRORS) from None
    scope = ", ".join(user.province_codes) or (found.name if found else "all")
    click.echo(f"Created {user.role} {user.email} ({scope}).")


@click.group()
def portal() -> None:
    """The national traceability portal outbox."""


@portal.command("send")
@click.option("--limit", type=click.IntRange(1, 10_000), default=200)
def portal_send(limit: int) -> None:
    """Send what is due to the national portal (run it from cron, e.g. every minute)."""
    from webapp.models import utcnow
    from webapp.services.standards.portal_outbox import process
    from webapp.web import portal_link

    if not portal_link.configured():
        raise click.ClickException("set PORTAL_BASE_URL and PORTAL_CLIENT_ID first")
    summary = process(
        db.session(), portal_link.client(), utcnow(), portal_link.image_url, limit
    )
    click.echo(
        f"sent {summary.sent}, retrying {summary.retrying}, "
        f"refused {summary.rejected}, waiting {summary.waiting}"
    )

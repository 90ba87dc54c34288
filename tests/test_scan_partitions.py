"""Scans by month: a new month's scan lands, old months go whole, keys hold across.

On PostgreSQL `scan` is partitioned by month; on SQLite it is a plain table,
and the same behaviour holds.
"""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from tests import factories
from webapp.extensions import db
from webapp.models import Scan, ScanIdempotency
from webapp.models.types import utcnow
from webapp.services.scans import scan_partitions
from webapp.services.scans.retention import prune_scans
from webapp.services.scans.scan_partitions import month_of, next_month, partition_name
from webapp.services.scans.scanning import ScanRequest, record_scan


def scan(code: str, at: datetime, device: str, key: str | None = None):
    request = ScanRequest(
        code=code,
        device_id=device,
        client_address="10.9.8.7",
        at=at,
        idempotency_key=key,
    )
    outcome = record_scan(db.session, request, factories.SETTINGS, at.date())
    db.session.commit()
    return outcome


def home_of(scan_id: int) -> str:
    """The partition a scan is stored in (PostgreSQL)."""
    return db.session.scalar(
        text("SELECT tableoid::regclass::text FROM scan WHERE id = :id"),
        {"id": scan_id},
    )


def months_ahead(at: datetime, count: int) -> datetime:
    month = month_of(at)
    for _ in range(count):
        month = next_month(month)
    return datetime(month.year, month.month, 10, 9, 30, tzinfo=UTC)


def test_the_migration_made_this_month_and_the_next_ones(app, engine):
    if engine == "sqlite":
        assert not scan_partitions.partitioned(db.session)
        return
    assert scan_partitions.partitioned(db.session)
    months = scan_partitions.months(db.session)
    month = month_of(utcnow())
    for _ in range(scan_partitions.MONTHS_AHEAD + 1):
        assert month in months
        month = next_month(month)


def test_a_scan_in_a_month_without_its_partition_lands_and_moves_in_later(app, engine):
    issued = factories.stamp()
    db.session.commit()
    later = months_ahead(utcnow(), 14)
    name = partition_name(month_of(later))
    if engine == "postgresql":  # a month no partition covers yet
        db.session.execute(text(f"DROP TABLE IF EXISTS {name}"))
        db.session.commit()
    first = scan(issued.url, later, "phone-later-0001", key="later-key-0001")
    assert first.scan.id and first.verdict == "authentic"
    if engine == "postgresql":
        assert home_of(first.scan.id) == scan_partitions.DEFAULT
    made = scan_partitions.make_ahead(db.session, later, ahead=1)
    db.session.commit()
    if engine == "postgresql":
        assert month_of(later) in made.months and made.moved == 1
        assert home_of(first.scan.id) == name
        assert next_month(month_of(later)) in scan_partitions.months(db.session)
    else:
        assert made == scan_partitions.Made([], 0)
    # Still found by id, and by its key: a resend answers the same scan.
    assert db.session.get(Scan, first.scan.id).device_hash == first.scan.device_hash
    again = scan(
        issued.url,
        later + timedelta(minutes=1),
        "phone-later-0001",
        key="later-key-0001",
    )
    assert again.replayed and again.scan.id == first.scan.id
    assert db.session.scalar(select(func.count()).select_from(Scan)) == 1


@pytest.mark.parametrize("known", [True, False], ids=["issued", "never-issued"])
def test_a_resend_in_the_next_month_answers_the_first_scan(app, engine, known):
    issued = factories.stamp()
    db.session.commit()
    code = (
        issued.url
        if known
        else (factories.BASE_URL + f"/01/{issued.gtin}/21/NOTISSUED123")
    )
    month_end = datetime.combine(
        next_month(month_of(utcnow())), datetime.min.time(), UTC
    ) - timedelta(seconds=5)
    first = scan(code, month_end, "phone-queue-0002", key="queued-key-0002")
    resent = scan(
        code,
        month_end + timedelta(seconds=10),
        "phone-queue-0002",
        key="queued-key-0002",
    )
    assert not first.replayed and resent.replayed
    assert resent.scan.id == first.scan.id and resent.verdict == first.verdict
    assert db.session.scalar(select(func.count()).select_from(Scan)) == 1
    keys = db.session.scalars(select(ScanIdempotency)).all()
    assert [(k.scan_id, k.scanned_at) for k in keys] == [(first.scan.id, month_end)]
    if engine == "postgresql":
        assert home_of(first.scan.id) == partition_name(month_of(month_end))


def test_retention_drops_old_months_whole_and_deletes_at_the_boundary(app, engine):
    issued = factories.stamp()
    db.session.commit()
    # The cutoff mid-month: its month is kept, in part; months before go whole.
    boundary = month_of(utcnow() - timedelta(days=200))
    cutoff = datetime(boundary.year, boundary.month, 15, 12, tzinfo=UTC)
    now = cutoff + timedelta(days=180)
    times = {
        "old": cutoff - timedelta(days=62),
        "just-before": cutoff - timedelta(hours=1),
        "just-after": cutoff + timedelta(hours=1),
        "recent": utcnow(),
    }
    ids = {
        name: scan(issued.url, at, f"phone-{name}", key=f"key-{name}-0001").scan.id
        for name, at in times.items()
    }
    scan_partitions.make_ahead(db.session, utcnow())  # the old rows' months too
    db.session.commit()
    old_month = partition_name(month_of(times["old"]))
    if engine == "postgresql":
        assert home_of(ids["old"]) == old_month
        assert home_of(ids["just-before"]) == partition_name(boundary)

    pruned = prune_scans(db.session, now, 180)
    db.session.commit()

    kept = db.session.scalars(select(Scan.id).order_by(Scan.id)).all()
    assert kept == [ids["just-after"], ids["recent"]]
    assert pruned.scans == 2
    keys = db.session.scalars(select(ScanIdempotency.scan_id)).all()
    assert sorted(keys) == kept  # keys went with their scans
    months = scan_partitions.months(db.session)
    if engine == "postgresql":
        assert pruned.months >= 1 and month_of(times["old"]) not in months
        assert all(month >= boundary for month in months)
        assert boundary in months and month_of(utcnow()) in months
    else:
        assert (pruned.months, months) == (0, [])
    # A resend of a kept scan still answers it; of a pruned one, a new scan.
    again = scan(issued.url, utcnow(), "phone-just-after", key="key-just-after-0001")
    assert again.replayed and again.scan.id == ids["just-after"]


def test_months_since_a_date_are_made_too(app, engine):
    now = utcnow()
    made = scan_partitions.make_ahead(db.session, now, since=now - timedelta(days=70))
    db.session.commit()
    months = scan_partitions.months(db.session)
    if engine == "sqlite":
        assert (made, months) == (scan_partitions.Made([], 0), [])
        return
    month = month_of(now - timedelta(days=70))
    while month <= month_of(now):
        assert month in months
        month = next_month(month)


def test_the_command_makes_the_coming_months(app, engine):
    later = months_ahead(utcnow(), 5)
    if engine == "postgresql":
        db.session.execute(text(f"DROP TABLE IF EXISTS {partition_name(later)}"))
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["scans", "partitions", "--ahead", "5"])
    assert result.exit_code == 0, result.output
    if engine == "postgresql":
        assert f"{later:%Y-%m}" in result.output
        assert month_of(later) in scan_partitions.months(db.session)
    else:
        assert "Months made: none; 0 scans moved" in result.output

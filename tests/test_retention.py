"""Raw scans are deleted after the retention period; the aggregates stay."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from tests import factories
from webapp.extensions import db
from webapp.models import Scan, SerialDevice, SerialNetwork, SerialStats
from webapp.models.types import utcnow
from webapp.services.scans.evidence import (
    HAND,
    POSITION,
    Evidence,
    Place,
    Source,
    forgotten,
)


def test_prune_keeps_recent_scans_and_all_aggregates(app, client):
    issued = factories.stamp()
    for n in range(3):
        client.post(
            "/api/v1/scans",
            json={"code": issued.url, "device_id": f"phone-old-{n:04d}"},
        )
    old = db.session.scalars(select(Scan)).all()
    for scan in old[:2]:
        scan.scanned_at = utcnow() - timedelta(days=200)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["scans", "prune", "--days", "180"])
    assert "Deleted 2 scans" in result.output
    assert db.session.scalar(select(func.count()).select_from(Scan)) == 1
    stats = db.session.scalars(select(SerialStats)).one()
    assert (stats.scan_count, stats.devices) == (3, 3)


def test_prune_forgets_devices_networks_and_position_of_quiet_serials(app, client):
    quiet, busy = factories.stamp(), factories.stamp()
    for issued in (quiet, busy):
        client.post(
            "/api/v1/scans",
            json={
                "code": issued.url,
                "device_id": "phone-quiet-0001",
                "lat": 20.65,
                "lon": 106.05,
            },
        )
    for scan in db.session.scalars(select(Scan).where(Scan.serial == quiet.serial)):
        scan.scanned_at = utcnow() - timedelta(days=200)
    stats = db.session.get(SerialStats, factories.stamp_row(quiet).id)
    stats.last_scan_at = utcnow() - timedelta(days=200)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["scans", "prune", "--days", "180"])
    assert "1 device and 1 network rows" in result.output
    quiet_id, busy_id = factories.stamp_row(quiet).id, factories.stamp_row(busy).id
    for table in (SerialDevice, SerialNetwork):
        rows = db.session.scalars(select(table.stamp_id)).all()
        assert rows == [busy_id]
    stats = db.session.get(SerialStats, quiet_id)
    assert (stats.scan_count, stats.devices, stats.provinces) == (1, 1, ["33"])
    assert (stats.last_device_hash, stats.last_latitude) == (None, None)
    assert db.session.get(SerialStats, busy_id).last_device_hash is not None
    assert stats.evidence["home"] == "33" and stats.evidence["places"] == []
    assert db.session.get(SerialStats, busy_id).evidence["places"] != []


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_prune_writes_the_aggregates_row_of_a_serial_whose_rows_it_deletes(app):
    """A scan may read a serial's device and network rows before taking its
    lock, and trusts them only if the aggregates' row is the version it saw."""
    quiet = factories.stamp()
    client = app.test_client()
    client.post("/api/v1/scans", json={"code": quiet.url, "device_id": "phone-q-01"})
    stamp_id = factories.stamp_row(quiet).id
    db.session.get(SerialStats, stamp_id).last_scan_at = utcnow() - timedelta(days=9)
    db.session.commit()
    version = "SELECT xmin::text FROM serial_stats WHERE stamp_id = :id"
    before = db.session.execute(text(version), {"id": stamp_id}).scalar_one()
    db.session.commit()
    app.test_cli_runner().invoke(args=["scans", "prune", "--days", "7"])
    db.session.remove()
    after = db.session.execute(text(version), {"id": stamp_id}).scalar_one()
    assert after != before
    assert db.session.scalar(select(func.count()).select_from(SerialDevice)) == 0
    # A second run has nothing of that serial to delete and leaves its row be.
    app.test_cli_runner().invoke(args=["scans", "prune", "--days", "7"])
    db.session.remove()
    again = db.session.execute(text(version), {"id": stamp_id}).scalar_one()
    assert again == after


def test_forgotten_evidence_keeps_each_source_but_no_hash_or_position():
    at = utcnow()
    evidence = Evidence(
        home="33",
        away=(
            Source("01", HAND, at, ("net-a",), ("dev-a",)),
            Source("79", POSITION, at, ("net-b",), ("dev-b",)),
        ),
        places=(Place(at, 21.03, 105.85, 1.0, "net-b", "dev-b"),),
        conflicts=1,
        common=("net-b",),
    )
    kept = forgotten(evidence)
    assert (kept.away_sources, kept.places, kept.travel_proven) == (2, (), False)
    text = str(kept.to_json())
    assert not any(h in text for h in ("net-a", "net-b", "dev-a", "dev-b", "21.03"))

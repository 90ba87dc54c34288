"""Raw scans are deleted after the retention period; the aggregates stay."""

from datetime import timedelta

from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import Scan, SerialStats
from webapp.models.types import utcnow


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

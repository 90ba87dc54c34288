"""A scan costs few database round trips: counted on the wire, per statement."""

import pytest
from sqlalchemy import event

from tests import factories
from webapp.extensions import db

# PostgreSQL finds the code, locks its aggregates and reads the rows they
# guard in one statement, and writes the scan, every aggregate and the week's
# counts in another; SQLite, which has no data-modifying CTEs, runs them one by
# one. With an idempotency key, the earlier scan of that key is read under
# the lock in a statement of its own.
BOUNDS = {"postgresql": 2, "sqlite": 8}
KEYED = {"postgresql": 3, "sqlite": 9}  # SQLite also writes the key on its own


class Statements:
    """Every statement the app sends while counting (a round trip each)."""

    def __init__(self, engine):
        self.engine, self.sent = engine, []

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, conn, cursor, statement, parameters, context, executemany):
        self.sent.append(statement)


def post(client, stamp, device, address="10.1.2.3", **extra):
    body = {"code": stamp.url, "device_id": device, **extra}
    return client.post(
        "/api/v1/scans", json=body, environ_base={"REMOTE_ADDR": address}
    )


@pytest.fixture
def stamp(app):
    issued = factories.stamp(factories.batch(regions=("33", "01")))
    db.session.commit()
    return issued


def test_scan_of_a_known_serial_within_bound(app, client, stamp, engine):
    post(client, stamp, "phone-first-0001")  # the serial's aggregates exist now
    db.session.remove()
    with Statements(db.engine) as counted:
        response = post(client, stamp, "phone-second-0002", lat=20.65, lon=106.05)
    assert response.status_code == 201, response.json
    assert response.json["verdict"] == "authentic"
    assert len(counted.sent) <= BOUNDS[engine], counted.sent
    assert not any("journey_event" in sent for sent in counted.sent)


def test_first_scan_and_resend_within_bound(app, client, stamp, engine):
    with Statements(db.engine) as first:
        made = post(client, stamp, "phone-third-0003", idempotency_key="k" * 16)
    with Statements(db.engine) as again:
        resent = post(client, stamp, "phone-third-0003", idempotency_key="k" * 16)
    assert (made.status_code, resent.status_code) == (201, 200)
    assert resent.json["scan_id"] == made.json["scan_id"]
    assert len(first.sent) <= KEYED[engine], first.sent
    # The code and the lock (one statement on PostgreSQL), the earlier scan.
    assert len(again.sent) <= {"postgresql": 2, "sqlite": 3}[engine], again.sent


def test_unknown_code_within_bound(app, client, stamp, engine):
    forged = factories.BASE_URL + f"/01/{stamp.gtin}/21/NOTISSUED123"
    with Statements(db.engine) as counted:
        response = client.post(
            "/api/v1/scans", json={"code": forged, "device_id": "phone-fourth-04"}
        )
    assert response.status_code == 201
    assert response.json["verdict"] == "counterfeit"
    assert len(counted.sent) <= 2, counted.sent


def test_every_statement_of_a_scan_keeps_its_parse(app, client, stamp, engine):
    """psycopg parses a statement once only within its cache's bounds (length,
    parameters); the scan's combined write must fit them, or every scan pays
    for parsing it again."""
    if engine != "postgresql":
        pytest.skip("psycopg only")
    from psycopg import _queries

    post(client, stamp, "phone-first-0005")
    sizes = []

    def size(conn, cursor, statement, parameters, context, executemany):
        sizes.append((len(statement.encode()), len(parameters or ())))

    event.listen(db.engine, "before_cursor_execute", size)
    try:
        response = post(client, stamp, "phone-second-0006", lat=20.65, lon=106.05)
    finally:
        event.remove(db.engine, "before_cursor_execute", size)
    assert response.status_code == 201, response.json
    longest = max(length for length, _ in sizes)
    most = max(count for _, count in sizes)
    assert most > 50  # the combined write: beyond psycopg's own bound
    assert longest <= _queries.MAX_CACHED_STATEMENT_LENGTH
    assert most <= _queries.MAX_CACHED_STATEMENT_PARAMS


def test_the_locks_record_has_every_aggregate():
    """The lock returns every column of serial_stats into a plain record: a
    column added to the table must be added to the record too."""
    from dataclasses import fields

    from webapp.models import SerialStats
    from webapp.services.scans.scan_store import StatsRow

    columns = [column.name for column in SerialStats.__table__.c]
    assert [field.name for field in fields(StatsRow)] == columns

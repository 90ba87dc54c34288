"""A statement run on the driver's cursor answers as SQLAlchemy would."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import bindparam, event, exc, func, insert, select, text

from tests import factories
from webapp.extensions import db
from webapp.models import BatchRegion, SerialStats
from webapp.services.common.driver_statements import DriverStatement, on_driver

STATS = SerialStats.__table__


STATS_OF = select(STATS).where(STATS.c.stamp_id == bindparam("stamp"))


def test_rows_are_converted_by_the_columns_own_types(app):
    """JSON, time zones, floats and booleans come back as SQLAlchemy gives them."""
    stamp = factories.stamp_row(factories.stamp())
    seen = datetime(2026, 3, 1, 7, 30, 15, 250000, tzinfo=UTC)
    db.session.add(
        SerialStats(
            stamp_id=stamp.id,
            scan_count=3,
            provinces=["33", "01"],
            flags=["duplicate_scans"],
            evidence={"home": "33", "away": [{"province": "01"}]},
            last_scan_at=seen,
            last_latitude=20.65,
            last_longitude=106.05,
        )
    )
    db.session.commit()
    connection = db.session.connection()
    statement = STATS_OF
    expected = dict(connection.execute(statement, {"stamp": stamp.id}).one()._mapping)
    row = DriverStatement(statement, connection.dialect).first(
        connection, {"stamp": stamp.id}
    )
    assert row == expected
    assert row["last_scan_at"] == seen and row["last_scan_at"].tzinfo is not None
    assert row["evidence"]["away"] == [{"province": "01"}]
    assert (
        DriverStatement(statement, connection.dialect).first(
            connection, {"stamp": stamp.id + 1}
        )
        is None
    )


def test_an_insert_takes_the_columns_python_defaults_and_its_values(app):
    stamp = factories.stamp_row(factories.stamp())
    connection = db.session.connection()
    statement = (
        insert(STATS)
        .values(stamp_id=bindparam("stamp"), provinces=[], flags=[])
        .returning(STATS.c.scan_count, STATS.c.evidence, STATS.c.provinces)
    )
    row = DriverStatement(statement, connection.dialect).first(
        connection, {"stamp": stamp.id}
    )
    assert row == {"scan_count": 0, "evidence": {}, "provinces": []}
    db.session.commit()  # in the session's transaction: committed with it
    assert db.session.get(SerialStats, stamp.id).evidence == {}


def test_listeners_are_told_of_every_statement_before_and_after(app):
    stamp = factories.stamp_row(factories.stamp())
    connection = db.session.connection()
    told = []

    def before(conn, cursor, statement, parameters, context, executemany):
        told.append(("before", statement))

    def after(conn, cursor, statement, parameters, context, executemany):
        told.append(("after", statement))

    runner = DriverStatement(STATS_OF, connection.dialect)
    event.listen(db.engine, "before_cursor_execute", before)
    event.listen(db.engine, "after_cursor_execute", after)
    try:
        runner.first(connection, {"stamp": stamp.id})
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
        event.remove(db.engine, "after_cursor_execute", after)
    assert told == [("before", runner.sql), ("after", runner.sql)]


def test_a_refused_statement_raises_sqlalchemys_error(app):
    stamp = factories.stamp_row(factories.stamp())
    db.session.add(SerialStats(stamp_id=stamp.id, provinces=[], flags=[]))
    db.session.commit()
    connection = db.session.connection()
    statement = insert(STATS).values(
        stamp_id=bindparam("stamp"), provinces=[], flags=[]
    )
    with pytest.raises(exc.IntegrityError) as raised:
        DriverStatement(statement, connection.dialect).first(
            connection, {"stamp": stamp.id}
        )
    assert not raised.value.connection_invalidated
    db.session.rollback()


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_lost_connection_is_invalidated_and_said_to_be(app):
    stamp_id = factories.stamp_row(factories.stamp()).id
    db.session.commit()
    connection = db.session.connection()
    backend = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with db.engine.connect() as other:
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
    runner = DriverStatement(STATS_OF, connection.dialect)
    with pytest.raises(exc.DBAPIError) as raised:
        runner.first(connection, {"stamp": stamp_id})
    assert raised.value.connection_invalidated
    assert connection.invalidated
    db.session.rollback()


def test_a_statement_that_renders_values_per_call_is_refused(app):
    joined = select(func.aggregate_strings(BatchRegion.province_code, ","))
    with pytest.raises(ValueError, match="render whole"):
        DriverStatement(joined, db.engine.dialect)


def test_columns_of_one_name_are_refused(app):
    both = select(STATS.c.stamp_id, BatchRegion.__table__.c.batch_id.label("stamp_id"))
    with pytest.raises(ValueError, match="hide each other"):
        DriverStatement(both, db.engine.dialect)


def test_one_runner_per_statement_and_dialect(app):
    assert on_driver(STATS_OF, db.engine.dialect) is on_driver(
        STATS_OF, db.engine.dialect
    )

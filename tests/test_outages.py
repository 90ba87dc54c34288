"""Redis or PostgreSQL gone: scans still answered, 503 with Retry-After, never a 500.

Real servers of the test's own (tests/throwaway.py), stopped mid-test: the
shared ones on 5432 and 6379 are never touched.
"""

from __future__ import annotations

import logging
import uuid

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text

from tests import factories
from tests.conftest import SQLITE_ONLY, TEST_KEYS, IsolatedClient, standalone_app
from tests.throwaway import PostgresCluster, RedisServer, can_run_postgres, free_port
from webapp import create_app
from webapp.extensions import db, limiter
from webapp.models import Scan
from webapp.web import outages

VI_MESSAGE = "Dịch vụ tạm thời gián đoạn"


def post_scan(client, issued, address="10.9.0.1", key=None, device=None):
    device = device or f"phone-{uuid.uuid4().hex[:12]}"
    body = {"code": issued.url, "device_id": device}
    if key:
        body["idempotency_key"] = key
    return client.post(
        "/api/v1/scans", json=body, environ_base={"REMOTE_ADDR": address}
    )


class Records(logging.Handler):
    """Records of the named loggers (caplog's root handler does not survive
    the migrations, whose logging set-up replaces the root's handlers)."""

    def __init__(self, *names: str) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []
        self.loggers = [logging.getLogger(name) for name in names]

    def emit(self, record) -> None:
        self.records.append(record)

    def __enter__(self):
        for logger in self.loggers:
            logger.addHandler(self)
            logger.setLevel(logging.INFO)
        return self.records

    def __exit__(self, *exc) -> None:
        for logger in self.loggers:
            logger.removeHandler(self)


def scans_stored() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Scan))


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.remove()
    # The limiter is one object per process: the next app must not inherit
    # this test's outage (it would count in memory until its next probe).
    limiter._storage_dead = False


@SQLITE_ONLY
def test_redis_dying_mid_request_and_staying_down_fails_no_scan(
    tmp_path, engine, redis_server
):
    with (
        Records("flask-limiter", "webapp") as records,
        standalone_app(
            tmp_path,
            RATELIMIT_ENABLED=True,
            RATELIMIT_SCANS="3/minute",
            REDIS_URL=redis_server.url,
        ) as app,
    ):
        issued = factories.stamp(factories.batch(regions=("33",)))
        db.session.commit()

        @limiter.limit("30/minute")
        def stored_then_redis_dies():
            db.session.add(Scan(**_scan_fields(issued)))
            db.session.commit()
            redis_server.stop()  # after the limit was checked, before its headers
            return {"stored": True}, 201

        app.add_url_rule("/test-redis-dies", view_func=stored_then_redis_dies)
        client = app.test_client()
        assert post_scan(client, issued).status_code == 201  # counted in Redis

        answer = client.get("/test-redis-dies")
        assert answer.status_code == 201, answer.text  # stored, and answered so
        assert scans_stored() == 2

        # Redis stays down: every scan is recorded, limits held in memory.
        statuses = [post_scan(client, issued, "10.9.0.2").status_code for _ in range(5)]
        assert statuses == [201, 201, 201, 429, 429]
        assert scans_stored() == 5
    fell_back = [r for r in records if "falling back" in r.getMessage()]
    assert len(fell_back) == 1  # once per outage, not per request
    assert not [r for r in records if r.levelno >= logging.ERROR]


def _scan_fields(issued) -> dict:
    from webapp.models import utcnow

    return {
        "serial": issued.serial,
        "gtin": issued.gtin,
        "verdict": "authentic",
        "reasons": [],
        "notices": [],
        "scanned_at": utcnow(),
        "device_hash": "d" * 16,
        "network_hash": "n" * 16,
    }


@SQLITE_ONLY
def test_readiness_names_what_is_missing(tmp_path, engine):
    closed = f"redis://127.0.0.1:{free_port()}/0"
    with standalone_app(tmp_path, REDIS_URL=closed) as app:
        client = app.test_client()
        assert client.get("/healthz").json == {"status": "ok"}
        answer = client.get("/readyz")
        assert answer.status_code == 503
        assert answer.headers["Retry-After"].isdigit()
        assert answer.json["checks"] == {"database": "ok", "redis": "unreachable"}

        app.config["REDIS_URL"] = None
        assert client.get("/readyz").json["checks"]["redis"] == "not_configured"
        assert client.get("/readyz").status_code == 200
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
        answer = client.get("/readyz")
        assert (answer.status_code, answer.json["checks"]["database"]) == (
            503,
            "not_at_head",
        )


def test_health_and_readiness_are_plain_json(client, app):
    health = client.get("/healthz")
    ready = client.get("/readyz")
    assert (health.status_code, ready.status_code) == (200, 200)
    assert ready.json == {
        "status": "ready",
        "checks": {"database": "ok", "redis": "not_configured"},
    }
    for answer in (health, ready):
        assert answer.headers["Cache-Control"] == "no-store"
        assert "Set-Cookie" not in answer.headers
        assert "X-RateLimit-Limit" not in answer.headers


@pytest.fixture(scope="module")
def cluster():
    problem = can_run_postgres()
    if problem:
        pytest.skip(problem)
    server = PostgresCluster()
    server.start()
    yield server
    server.remove()


@SQLITE_ONLY
def test_postgres_stopped_answers_503_in_the_visitors_language(
    tmp_path, engine, cluster, monkeypatch
):
    # An outage another test met in this process less than a quiet spell ago
    # would make this one's first line look like a repeat.
    monkeypatch.setattr(outages.database_outage, "_last_failure", 0.0)
    url = cluster.create_database(f"outage_{uuid.uuid4().hex[:8]}")
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "STAMP_KEYS": TEST_KEYS,
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "PRINT_DIR": str(tmp_path / "print"),
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        upgrade()
        issued = factories.stamp(factories.batch(regions=("33",)))
        db.session.commit()
        client = app.test_client()
        key, phone = str(uuid.uuid4()), "phone-queue-1234"
        assert client.get(factories.path_of(issued)).status_code == 200

        cluster.stop("fast")
        with Records("webapp.web.outages") as records:
            try:
                page = client.get(factories.path_of(issued))
                home = client.get("/", headers={"Accept-Language": "en"})
                scan = post_scan(client, issued, key=key, device=phone)
                form = client.post("/scan/record", data={"code": issued.url})
                ready = client.get("/readyz")
                alive = client.get("/healthz")
            finally:
                cluster.start()
        for answer in (page, home, scan, form, ready):
            assert answer.status_code == 503, answer.text[:300]
            assert answer.headers["Retry-After"].isdigit()
        assert VI_MESSAGE in page.text and "<html" in page.text
        assert "briefly unavailable" in home.text
        assert scan.json["error"]["code"] == "unavailable"
        assert ready.json["checks"]["database"] == "unreachable"
        assert alive.status_code == 200
        outage_lines = [r for r in records if "unreachable" in r.getMessage()]
        assert len(outage_lines) == 1  # once per outage, not per request

        # Back again: the phone's queue resends with the same key, stored once.
        again = post_scan(client, issued, key=key, device=phone)
        assert again.status_code == 201
        assert post_scan(client, issued, key=key, device=phone).status_code == 200
        assert scans_stored() == 1
        db.session.remove()
        db.engine.dispose()


@SQLITE_ONLY
def test_a_connection_dropped_after_the_answer_was_made_fails_nothing(
    tmp_path, engine, cluster
):
    url = cluster.create_database(f"dropped_{uuid.uuid4().hex[:8]}")
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "STAMP_KEYS": TEST_KEYS}
    )

    def read_then_lose_the_connection():
        pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
        with db.engine.connect() as other:  # as a shutdown would
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        return {"read": True}

    app.add_url_rule("/test-read", view_func=read_then_lose_the_connection)
    app.test_client_class = IsolatedClient  # each request its own app context
    with app.app_context():
        client = app.test_client()
        assert client.get("/test-read").status_code == 200  # the ROLLBACK failed
        assert client.get("/test-read").status_code == 200  # a fresh connection
        db.engine.dispose()


@SQLITE_ONLY
def test_an_outage_whose_rollback_fails_too_answers_503(tmp_path, engine, cluster):
    """The request's connection died and the outage is noticed elsewhere: the
    ROLLBACK cannot reach the server either, so the session is dropped."""
    url = cluster.create_database(f"norollback_{uuid.uuid4().hex[:8]}")
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "STAMP_KEYS": TEST_KEYS}
    )
    nowhere = create_engine(f"postgresql+psycopg://127.0.0.1:{free_port()}/none")

    def read_then_meet_an_outage():
        pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
        with db.engine.connect() as other:  # as a shutdown would
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        nowhere.connect()  # refused: no server answers there
        return {"read": True}

    app.add_url_rule("/test-outage", view_func=read_then_meet_an_outage)
    app.test_client_class = IsolatedClient
    with app.app_context():
        client = app.test_client()
        answer = client.get("/test-outage", headers={"Accept": "application/json"})
        assert answer.status_code == 503
        assert answer.json["error"]["code"] == "unavailable"
        db.engine.dispose()


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_statement_the_database_refuses_is_not_an_outage(app, client):
    from sqlalchemy import exc, text

    with pytest.raises(exc.OperationalError) as cancelled:
        with db.engine.connect() as connection:
            connection.execute(text("SET statement_timeout = 1"))
            connection.execute(text("SELECT pg_sleep(0.5)"))
    assert cancelled.value.orig.sqlstate == "57014"  # query_canceled
    assert outages.statement_refused(cancelled.value)
    assert not outages.database_unavailable(cancelled.value)

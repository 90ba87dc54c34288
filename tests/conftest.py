"""Every test runs on SQLite and on PostgreSQL, each on a fresh database."""

from __future__ import annotations

import os
import secrets
import uuid
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
import redis
import time_machine
from flask.globals import _cv_app
from flask.testing import FlaskClient
from flask_migrate import upgrade
from limits.storage import MemoryStorage
from sqlalchemy import create_engine, event, text
from sqlalchemy.orm import Session
from werkzeug.datastructures import Headers

from tests import databases, factories
from webapp import create_app
from webapp.config import Config
from webapp.extensions import db, limiter
from webapp.web import form_tokens

ENGINES = ("sqlite", "postgresql")
# For tests whose behaviour no database engine can change: they run once.
SQLITE_ONLY = pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
HTMX = {"HX-Request": "true"}
TEST_KEYS = factories.STAMP_KEYS
REDIS_FOR_LIMITS = "redis://127.0.0.1:6379/15"


# TEST_CLOCK_YEARS_AHEAD=2 runs the tests with every clock of this process
# (datetime, date, time) that many years ahead and ticking, as the app will
# see it then: a date written into a test that has meanwhile passed shows up.
YEARS_AHEAD = int(os.environ.get("TEST_CLOCK_YEARS_AHEAD") or 0)


def pytest_configure(config):
    if YEARS_AHEAD:
        now = datetime.now(UTC)
        ahead = now.replace(year=now.year + YEARS_AHEAD, day=min(now.day, 28))
        config._clock_travel = time_machine.travel(ahead, tick=True)
        config._clock_travel.start()


def pytest_collection_modifyitems(config, items):
    if not YEARS_AHEAD:
        return
    moved = pytest.mark.skip(reason="compares the clock with file times on disk")
    for item in items:
        if "real_file_times" in item.keywords:
            item.add_marker(moved)


def pytest_unconfigure(config):
    travel = getattr(config, "_clock_travel", None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config):
    lines = []
    if YEARS_AHEAD:
        lines.append(f"Clock: {YEARS_AHEAD} years ahead, {datetime.now(UTC):%Y-%m-%d}")
    server = databases.postgres_server_url()
    problem = databases.postgres_problem(server)
    if problem:
        lines.append(f"PostgreSQL: NOT AVAILABLE at {server} ({problem})")
    else:
        lines.append(f"PostgreSQL: {server}")
    return lines


# Every limit the app knows, loose enough that no test meets one by accident.
LOOSE_LIMITS = {
    name: "10000/minute"
    for name, value in vars(Config).items()
    if name.startswith("RATELIMIT_")
    and not name.endswith("_URI")
    and isinstance(value, str)
    and "/" in value
}


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def database_urls(tmp_path_factory):
    """One fresh database per engine for this test session (and xdist worker)."""
    urls = {"sqlite": f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"}
    server = databases.postgres_server_url()
    problem = databases.postgres_problem(server)
    if problem is None:
        urls["postgresql"] = databases.create_postgres_database(server, _worker())
    yield urls, problem
    if "postgresql" in urls:
        databases.drop_postgres_database(server, urls["postgresql"])


@pytest.fixture(scope="session")
def engine_apps(database_urls, tmp_path_factory):
    """An app per engine with the schema built by the real migrations."""
    urls, _problem = database_urls
    apps = {}
    for engine, url in urls.items():
        app = create_app(
            {
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": url,
                "STAMP_KEYS": TEST_KEYS,
                "PUBLIC_BASE_URL": "https://trace.example.vn",
                "SECRET_KEY": "test-secret",
                # CSRF and rate limits are on as in production: the client
                # below sends the token, and the limits are loose enough for
                # any one test (tests/test_rate_limits.py tightens them).
                "WTF_CSRF_ENABLED": True,
                "RATELIMIT_ENABLED": True,
                "RATELIMIT_STORAGE_URI": "memory://",
                **LOOSE_LIMITS,
                "UPLOAD_DIR": str(tmp_path_factory.mktemp(f"uploads-{engine}")),
                "PRINT_DIR": str(tmp_path_factory.mktemp(f"print-{engine}")),
            }
        )
        app.test_client_class = IsolatedClient  # sends CSRF tokens, see below
        with app.app_context():
            upgrade()
        apps[engine] = app
    yield apps
    for app in apps.values():
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture
def app(engine, engine_apps, database_urls, tmp_path):
    """A clean database on the engine under test, inside an app context."""
    if engine not in engine_apps:
        pytest.fail(
            "PostgreSQL is required but not reachable "
            f"({database_urls[1]}); start it or set TEST_DATABASE_URL",
            pytrace=False,
        )
    app = engine_apps[engine]
    # Issuance ids start again at 1 in an emptied table: print files must not meet.
    app.extensions["settings"] = replace(
        app.extensions["settings"], print_dir=tmp_path / "print"
    )
    fresh_limit_counts()
    with app.app_context():
        yield app
        db.session.remove()
        _empty_all_tables(engine)


UNIT_ENGINE = "unit-tests"


@pytest.fixture(scope="session")
def unit_engines(engine_apps, database_urls):
    """Engines of their own for unit tests, on the databases the apps migrated."""
    urls, _problem = database_urls
    engines = {}
    for name, url in urls.items():
        # Named, so a test that ends the app's connections can spare this one.
        connect_args = {"application_name": UNIT_ENGINE} if name != "sqlite" else {}
        engines[name] = create_engine(url, connect_args=connect_args)
        if name == "sqlite":
            _leave_transactions_to_sqlalchemy(engines[name])
    yield engines
    for unit_engine in engines.values():
        unit_engine.dispose()


def _leave_transactions_to_sqlalchemy(sqlite_engine) -> None:
    """pysqlite begins transactions late and ignores SAVEPOINT; SQLAlchemy's recipe.

    Without it a rolled-back test would leave what a `commit()` inside it wrote.
    """

    @event.listens_for(sqlite_engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(sqlite_engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")


@pytest.fixture
def db_session(engine, unit_engines, database_urls):
    """A session in a transaction rolled back when the test ends, no app needed.

    Its `commit()` only releases a savepoint, so services and factories may
    commit: nothing reaches the next test. Factories flush into it and commit
    only when asked (`commit=True`).
    """
    if engine not in unit_engines:
        pytest.fail(
            f"PostgreSQL is required but not reachable ({database_urls[1]})",
            pytrace=False,
        )
    connection = unit_engines[engine].connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    with factories.bound_to(session):
        yield session
    session.close()
    outer.rollback()
    connection.close()


def fresh_limit_counts() -> None:
    """Empty limit counters, in this process's memory, for the test about to run.

    Flask-Limiter keeps one storage for every app, the one the last app built
    named (perhaps a Redis of another test): the shared apps count in memory,
    so no other process (xdist worker, another checkout) shares their counts.
    """
    if isinstance(limiter.storage, MemoryStorage):
        limiter.storage.reset()
    else:
        limiter._storage = MemoryStorage()
        limiter._limiter = type(limiter._limiter)(limiter._storage)


@pytest.fixture
def redis_limits():
    """Settings that count limits in the shared Redis under a prefix of this test.

    Redis serves every test process on the machine at once: a test never
    empties a database, it deletes only its own keys.
    """
    prefix = f"test-limits-{uuid.uuid4().hex}"
    yield {
        "RATELIMIT_STORAGE_URI": REDIS_FOR_LIMITS,
        "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": prefix},
    }
    store = redis.Redis.from_url(REDIS_FOR_LIMITS)
    for key in store.scan_iter(f"{prefix}:*"):
        store.delete(key)
    store.close()


def _empty_all_tables(engine: str) -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as connection:
        if engine == "postgresql":
            names = ", ".join(f'"{name}"' for name in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                connection.execute(text(f'DELETE FROM "{name}"'))


WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class IsolatedClient(FlaskClient):
    """Runs every request in its own app context, as a real server does.

    The test body keeps an app context for factories and assertions; sharing
    it with requests would share `g`, the cached locale and the DB session.

    With CSRF on, every state-changing request carries the token the app
    issues to this client's session (as the `X-CSRFToken` header and, for
    form data, the `csrf_token` field), as a page's form would. `csrf=False`
    sends none: a forged request from another site.
    """

    def open(self, *args, csrf: bool = True, **kwargs):
        if csrf and self._needs_token(args, kwargs):
            self._add_token(args, kwargs)
        hidden = _cv_app.set(None)  # hide the test's context without tearing it down
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(hidden)
            db.session.expire_all()  # see what the request wrote

    def _needs_token(self, args, kwargs) -> bool:
        return (
            self.application.config.get("WTF_CSRF_ENABLED", True)
            and kwargs.get("method", "GET").upper() in WRITES
            and (not args or isinstance(args[0], str))  # not a followed redirect
        )

    def _add_token(self, args, kwargs) -> None:
        token = self.csrf_token()
        headers = Headers(kwargs.get("headers"))
        headers.setdefault("X-CSRFToken", token)
        # Over HTTPS Flask-WTF also wants a same-origin Referer, as browsers send.
        headers.setdefault("Referer", self._origin(args[0] if args else "/", kwargs))
        kwargs["headers"] = headers
        data = kwargs.get("data")
        if isinstance(data, dict) and "json" not in kwargs:
            kwargs["data"] = {"csrf_token": token, **data}

    def _origin(self, url: str, kwargs: dict) -> str:
        """Where the request goes: Flask's test client picks the app's scheme."""
        if "://" in url:
            parts = urlsplit(url)
        elif kwargs.get("base_url"):
            parts = urlsplit(kwargs["base_url"])
        else:
            config = self.application.config
            host = config.get("SERVER_NAME") or "localhost"
            parts = urlsplit(f"{config['PREFERRED_URL_SCHEME'] or 'http'}://{host}")
        return f"{parts.scheme}://{parts.netloc}/"

    def csrf_token(self) -> str:
        """The token a page would put in its forms for this client's browser."""
        host = self.application.config.get("SERVER_NAME") or "localhost"
        secret = self.get_cookie(form_tokens.COOKIE, domain=host)
        if secret is None:
            value = secrets.token_urlsafe(form_tokens.SECRET_BYTES)
            self.set_cookie(form_tokens.COOKIE, value, domain=host)
        else:
            value = secret.value
        hidden = _cv_app.set(None)
        try:
            with self.session_transaction() as session:  # who is signed in
                holder = session.get("_user_id") or ""
            with self.application.app_context():
                return form_tokens.token_for(value, holder)
        finally:
            _cv_app.reset(hidden)


@contextmanager
def standalone_app(tmp_path, **overrides):
    """A SQLite app of its own, for settings the shared apps switch off."""
    settings = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'own.sqlite'}",
        "STAMP_KEYS": TEST_KEYS,
        "RATELIMIT_ENABLED": True,
        **LOOSE_LIMITS,
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "PRINT_DIR": str(tmp_path / "print"),
    }
    app = create_app({**settings, **overrides})
    app.test_client_class = IsolatedClient
    with app.app_context():
        upgrade()
        yield app
        db.engine.dispose()


@pytest.fixture
def client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def producer(client, app):
    """A signed-in producer of a new organisation with one product."""
    org = factories.organisation()
    account = factories.user("producer", org=org)
    account.product = factories.product(org)
    factories.sign_in(client, account)
    return account

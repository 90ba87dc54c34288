"""Every test runs on SQLite and on PostgreSQL, each on a fresh database."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest
from flask.globals import _cv_app
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from tests import databases
from webapp import create_app
from webapp.extensions import db

ENGINES = ("sqlite", "postgresql")
# For tests whose behaviour no database engine can change: they run once.
SQLITE_ONLY = pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
HTMX = {"HX-Request": "true"}
TEST_KEYS = ("test-stamp-key-new", "test-stamp-key-old")


def pytest_report_header(config):
    server = databases.postgres_server_url()
    problem = databases.postgres_problem(server)
    if problem:
        return f"PostgreSQL: NOT AVAILABLE at {server} ({problem})"
    return f"PostgreSQL: {server}"


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
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
                "UPLOAD_DIR": str(tmp_path_factory.mktemp(f"uploads-{engine}")),
                "PRINT_DIR": str(tmp_path_factory.mktemp(f"print-{engine}")),
            }
        )
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
def app(engine, engine_apps, database_urls):
    """A clean database on the engine under test, inside an app context."""
    if engine not in engine_apps:
        pytest.fail(
            "PostgreSQL is required but not reachable "
            f"({database_urls[1]}); start it or set TEST_DATABASE_URL",
            pytrace=False,
        )
    app = engine_apps[engine]
    with app.app_context():
        yield app
        db.session.remove()
        _empty_all_tables(engine)
        # Ids start again at 1: an issuance's print files must not meet the last test's.
        shutil.rmtree(app.config["PRINT_DIR"], ignore_errors=True)


def _empty_all_tables(engine: str) -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as connection:
        if engine == "postgresql":
            names = ", ".join(f'"{name}"' for name in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                connection.execute(text(f'DELETE FROM "{name}"'))


class IsolatedClient(FlaskClient):
    """Runs every request in its own app context, as a real server does.

    The test body keeps an app context for factories and assertions; sharing
    it with requests would share `g`, the cached locale and the DB session.
    """

    def open(self, *args, **kwargs):
        hidden = _cv_app.set(None)  # hide the test's context without tearing it down
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(hidden)
            db.session.expire_all()  # see what the request wrote


@contextmanager
def standalone_app(tmp_path, **overrides):
    """A SQLite app of its own, for settings the shared apps switch off."""
    settings = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'own.sqlite'}",
        "STAMP_KEYS": TEST_KEYS,
        "RATELIMIT_ENABLED": False,
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

"""Readiness checks called directly: a real database and Redis, real closed ports."""

from __future__ import annotations

import socket
import time

import pytest
from sqlalchemy import create_engine, text

from tests.throwaway import free_port
from webapp import MIGRATIONS_DIR
from webapp.services.common import readiness

SHARED_REDIS = "redis://127.0.0.1:6379/0"


def _engine_of(session):
    """The engine under test (its own connection, as the check opens one)."""
    return session.get_bind().engine


def _scripts_with_head(tmp_path, revision: str) -> str:
    """A migrations directory of one revision, so its head is `revision`."""
    versions = tmp_path / "migrations" / "versions"
    versions.mkdir(parents=True)
    (versions / f"{revision}_only.py").write_text(
        f"revision = {revision!r}\ndown_revision = None\n"
        "branch_labels = None\ndepends_on = None\n"
    )
    return str(tmp_path / "migrations")


def test_the_project_has_one_migration_head():
    [head] = readiness.migration_heads(MIGRATIONS_DIR)
    assert head.isdigit()


def test_a_database_migrated_to_the_head_is_ok(db_session):
    assert readiness.database(_engine_of(db_session), MIGRATIONS_DIR) == "ok"


def test_a_database_whose_version_the_scripts_do_not_end_at_is_not_at_head(
    db_session, tmp_path
):
    """Newer migrations than the database has, or a database newer than the code."""
    other = _scripts_with_head(tmp_path, "9999")
    assert readiness.migration_heads(other) == frozenset({"9999"})
    assert readiness.database(_engine_of(db_session), other) == "not_at_head"


def test_a_database_behind_the_migrations_is_not_at_head(tmp_path):
    behind = create_engine(f"sqlite:///{tmp_path / 'behind.sqlite'}")
    with behind.begin() as connection:
        connection.execute(text("CREATE TABLE alembic_version (version_num TEXT)"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('0001')"))
    try:
        assert readiness.database(behind, MIGRATIONS_DIR) == "not_at_head"
    finally:
        behind.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://postgres@127.0.0.1:{port}/ocop?connect_timeout=2",
        "sqlite:///{missing}/no-such-directory/db.sqlite",
    ],
    ids=["postgresql-closed-port", "sqlite-missing-directory"],
)
def test_a_database_that_cannot_be_reached_is_unreachable(tmp_path, url):
    gone = create_engine(url.format(port=free_port(), missing=tmp_path))
    try:
        assert readiness.database(gone, MIGRATIONS_DIR) == "unreachable"
    finally:
        gone.dispose()


@pytest.mark.parametrize("url", [None, ""])
def test_no_redis_configured_is_said_so(url):
    assert readiness.redis(url) == "not_configured"


def test_a_redis_that_answers_is_ok():
    assert readiness.redis(SHARED_REDIS) == "ok"


def test_a_closed_redis_port_is_unreachable_at_once():
    started = time.monotonic()
    assert readiness.redis(f"redis://127.0.0.1:{free_port()}/0") == "unreachable"
    assert time.monotonic() - started < readiness.TIMEOUT_SECONDS


def test_a_redis_that_never_answers_costs_about_the_timeout():
    """A port that accepts connections but says nothing: the ping times out."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        started = time.monotonic()
        assert readiness.redis(url) == "unreachable"
        waited = time.monotonic() - started
    assert readiness.TIMEOUT_SECONDS <= waited < 3 * readiness.TIMEOUT_SECONDS

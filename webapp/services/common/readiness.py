"""Whether the database and Redis answer, and the schema is at the migrations' head."""

from __future__ import annotations

from functools import lru_cache

import redis as redis_client
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

TIMEOUT_SECONDS = 1.0


@lru_cache(maxsize=4)
def migration_heads(migrations_dir: str) -> frozenset[str]:
    return frozenset(ScriptDirectory(migrations_dir).get_heads())


def database(engine: Engine, migrations_dir: str) -> str:
    """ "ok", "unreachable", or "not_at_head" (migrations to run, or newer ones)."""
    try:
        with engine.connect() as connection:
            applied = connection.execute(
                text("SELECT version_num FROM alembic_version")
            ).scalars()
            current = frozenset(applied)
    except SQLAlchemyError:
        return "unreachable"
    return "ok" if current == migration_heads(migrations_dir) else "not_at_head"


@lru_cache(maxsize=4)
def _client(url: str) -> redis_client.Redis:
    return redis_client.Redis.from_url(
        url,
        socket_connect_timeout=TIMEOUT_SECONDS,
        socket_timeout=TIMEOUT_SECONDS,
    )


def redis(url: str | None) -> str:
    """ "ok", "unreachable", or "not_configured" when no Redis is set."""
    if not url:
        return "not_configured"
    try:
        return "ok" if _client(url).ping() else "unreachable"
    except redis_client.RedisError:
        return "unreachable"

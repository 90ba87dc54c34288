"""Fresh test databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def postgres_server_url() -> str:
    """The server to create test databases on: TEST_DATABASE_URL, else the local one."""
    return os.environ.get("TEST_DATABASE_URL") or LOCAL_POSTGRES


def postgres_problem(server_url: str) -> str | None:
    """Why PostgreSQL cannot be used, or None when it can."""
    engine = create_engine(server_url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as error:  # any failure means: no PostgreSQL for this run
        return f"{type(error).__name__}: {str(error).splitlines()[0]}"
    finally:
        engine.dispose()
    return None


def create_postgres_database(server_url: str, worker: str) -> str:
    """Create an empty database for this test run and return its URL."""
    name = f"ocop_test_{worker}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(server_url: str, database_url: str) -> None:
    name = make_url(database_url).database
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()

"""Migrations build exactly the models' schema on both engines, and undo cleanly."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

from tests import databases
from webapp import create_app
from webapp.extensions import db


@pytest.fixture
def empty_database_url(engine, tmp_path, database_urls):
    if engine == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    if database_urls[1]:
        pytest.fail(f"PostgreSQL is required: {database_urls[1]}", pytrace=False)
    server = databases.postgres_server_url()
    url = databases.create_postgres_database(server, "migrations")
    yield url
    databases.drop_postgres_database(server, url)


def test_upgrade_matches_models_and_downgrade_empties(empty_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection)
            assert compare_metadata(context, db.metadata) == []
        downgrade(revision="base")
        engine = create_engine(empty_database_url)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        engine.dispose()
        db.engine.dispose()

"""No ping before every checkout: a connection the server dropped costs one 503."""

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.conftest import UNIT_ENGINE
from webapp.extensions import db


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_dropped_connections_answer_503_once_then_recover(app, client):
    assert "pool_pre_ping" not in app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    db.engine.dispose()  # connections earlier tests opened, under whatever clock
    assert client.get("/stamp-keys.json").status_code == 200  # a pooled connection
    db.session.remove()
    outside = create_engine(db.engine.url, poolclass=NullPool)  # not the app's pool
    with outside.connect() as admin:
        admin.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                " AND application_name <> :unit"
            ),
            {"unit": UNIT_ENGINE},
        )
        admin.commit()
    lost = client.get("/stamp-keys.json", headers={"Accept-Language": "en"})
    assert lost.status_code == 503
    assert "try again" in lost.text
    assert client.get("/stamp-keys.json").status_code == 200

"""Rate limits bound what one address can do; 429 in the visitor's language."""

import pytest
import redis
from flask_migrate import upgrade

from tests.conftest import TEST_KEYS, IsolatedClient
from webapp import create_app
from webapp.extensions import db

REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture(params=["memory://", REDIS])
def limited_app(request, tmp_path):
    """Limits counted in memory, and in Redis as several hosts would share them."""
    if request.param == REDIS:
        redis.Redis.from_url(REDIS).flushdb()
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'limits.sqlite'}",
            "STAMP_KEYS": TEST_KEYS,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_SCANS": "3/minute",
            "RATELIMIT_STORAGE_URI": request.param,
            "WTF_CSRF_ENABLED": False,
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        upgrade()
        yield app
        db.engine.dispose()


def scan(client, address):
    body = {
        "code": "/01/08931234567897/21/7K2P9Q4MXT3B6HC1",
        "device_id": "phone-1234-abcd",
    }
    return client.post(
        "/api/v1/scans",
        json=body,
        environ_base={"REMOTE_ADDR": address},
        headers={"Accept-Language": "en"},
    )


def test_fourth_scan_in_a_minute_from_one_address_is_refused(limited_app):
    client = limited_app.test_client()
    statuses = [scan(client, "127.0.0.5").status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]
    refused = scan(client, "127.0.0.5")
    assert refused.json["error"]["code"] == "too_many_requests"
    assert refused.json["error"]["message"].startswith("Too many requests")
    assert int(refused.headers["Retry-After"]) > 0
    assert scan(client, "127.0.0.6").status_code == 201  # another address is unaffected


def test_refusal_page_is_translated(limited_app):
    client = limited_app.test_client()
    for _ in range(3):
        client.post("/scan/record", data={"code": "/01/08931234567897/21/A"})
    page = client.post("/scan/record", data={"code": "/01/08931234567897/21/A"})
    assert page.status_code == 429 and "Bạn gửi quá nhiều yêu cầu" in page.text

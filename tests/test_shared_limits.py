"""Limits shared by every worker (Redis), per IPv6 /64, and per stamp for PINs."""

from __future__ import annotations

import logging

import pytest
import redis

from tests import factories
from tests.conftest import SQLITE_ONLY, standalone_app
from webapp.extensions import db
from webapp.models import SerialStats, Stamp
from webapp.services.stamps.claims import MAX_PIN_GUESSES

REDIS = "redis://127.0.0.1:6379/14"  # only named at start-up here, never counted in
CODE = "/01/08931234567897/21/7K2P9Q4MXT3B6HC1"
REAL_KEYS = {"SECRET_KEY": "s" * 32, "STAMP_KEYS": ("k" * 32,), "PRIVACY_KEY": "p" * 32}


def scan(client, address):
    return client.post(
        "/api/v1/scans",
        json={"code": CODE, "device_id": "phone-1234-abcd"},
        environ_base={"REMOTE_ADDR": address},
    )


def _limited(tmp_path, **settings):
    return standalone_app(
        tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_SCANS="3/minute", **settings
    )


@SQLITE_ONLY
def test_ipv6_addresses_are_counted_by_their_64(tmp_path, engine):
    with _limited(tmp_path, RATELIMIT_STORAGE_URI="memory://") as app:
        client = app.test_client()
        same_64 = [f"2001:db8:1:2::{n}" for n in range(1, 5)]
        assert [scan(client, a).status_code for a in same_64] == [201, 201, 201, 429]
        assert scan(client, "2001:db8:1:3::1").status_code == 201


@SQLITE_ONLY
def test_limits_live_in_redis_when_it_is_configured(tmp_path, engine, redis_limits):
    url = redis_limits.pop("RATELIMIT_STORAGE_URI")
    prefix = redis_limits["RATELIMIT_STORAGE_OPTIONS"]["key_prefix"]
    # Unset RATELIMIT_STORAGE_URI: the limits follow REDIS_URL.
    settings = {**redis_limits, "RATELIMIT_STORAGE_URI": None, "REDIS_URL": url}
    with _limited(tmp_path, **settings) as first:
        assert first.config["RATELIMIT_STORAGE_URI"] == url
        client = first.test_client()
        assert [scan(client, "10.7.0.1").status_code for _ in range(3)] == [201] * 3
        assert redis.Redis.from_url(url).keys(f"{prefix}:*")
    # Another worker (a fresh app) sees the same counts.
    (tmp_path / "second").mkdir()
    with _limited(tmp_path / "second", **settings) as second:
        assert scan(second.test_client(), "10.7.0.1").status_code == 429


@SQLITE_ONLY
@pytest.mark.parametrize(("redis_url", "warned"), [(None, True), (REDIS, False)])
def test_start_up_says_when_limits_are_per_process(
    tmp_path, engine, caplog, redis_url, warned
):
    caplog.set_level(logging.WARNING)
    settings = {**REAL_KEYS, "TESTING": False, "REDIS_URL": redis_url}
    with standalone_app(tmp_path, RATELIMIT_ENABLED=True, **settings):
        pass
    assert ("each worker's memory" in caplog.text) is warned


def claim(client, issued, pin, device):
    client.set_cookie("device_id", device)
    return client.post("/scan/claim", data={"code": issued.url, "pin": pin})


def test_pin_guesses_close_claiming_until_an_inspector_reopens_it(client, app):
    issued = factories.stamp(factories.batch(regions=("33",)), with_pin=True)
    wrong = "00000000" if issued.pin != "00000000" else "11111111"
    for n in range(MAX_PIN_GUESSES):
        answer = claim(client, issued, wrong, f"guesser-phone-{n:04d}")
        assert answer.status_code == 200
    stamp = db.session.get(Stamp, factories.stamp_row(issued).id)
    assert stamp.pin_locked_at is not None
    # Even the right PIN claims nothing now.
    client.set_cookie("lang", "en")
    closed = claim(client, issued, issued.pin, "buyer-phone-0001")
    assert "claiming it is closed" in closed.text
    assert db.session.get(SerialStats, stamp.id) is None or (
        db.session.get(SerialStats, stamp.id).claimed_at is None
    )
    inspector = factories.user("inspector", provinces=("33",))
    factories.sign_in(client, inspector)
    dossier_reset = client.post(
        f"/inspector/stamps/{stamp.id}/pin-reset", data={"reason": "guessing bot"}
    )
    assert dossier_reset.status_code == 303
    client.post("/logout")
    claim(client, issued, issued.pin, "buyer-phone-0001")
    assert db.session.get(SerialStats, stamp.id).claimed_at is not None


@SQLITE_ONLY
def test_report_guesses_are_limited_per_phone_across_addresses(tmp_path, engine):
    with standalone_app(
        tmp_path,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
        RATELIMIT_REPORT_LOOKUPS="100/hour",
        RATELIMIT_REPORT_LOOKUPS_DEVICE="3/hour",
    ) as app:
        client = app.test_client()
        client.set_cookie("device_id", "phone-dddd-dddd-0001")
        statuses = [
            client.get(
                f"/report/R-AAAAAAA{n}", environ_base={"REMOTE_ADDR": f"10.8.0.{n}"}
            ).status_code
            for n in range(4)
        ]
        assert statuses == [404, 404, 404, 429]

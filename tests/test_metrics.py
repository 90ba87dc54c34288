"""/metrics: only with its bearer token; latency per endpoint, scans by verdict."""

import logging

import pytest

from tests import factories
from webapp.web.log_format import PrivateJsonFormatter, redact

TOKEN = "metrics-test-token-0123456789"


@pytest.fixture
def metrics_token(app):
    app.config["METRICS_TOKEN"] = TOKEN
    yield TOKEN
    app.config["METRICS_TOKEN"] = None


def scrape(client, token=TOKEN):
    return client.get("/metrics", headers={"Authorization": f"Bearer {token}"})


def sample(text: str, prefix: str) -> float:
    """The sum of the series whose name and labels start with prefix (other
    tests in this process may have added series with other statuses)."""
    lines = [line for line in text.splitlines() if line.startswith(prefix)]
    return sum(float(line.rsplit(" ", 1)[1]) for line in lines)


def test_scans_and_latency_are_counted(client, metrics_token):
    issued = factories.stamp(factories.batch(regions=("33",)))
    scans = 'ocop_scans_total{replayed="no",verdict="authentic"}'
    latency = 'ocop_request_duration_seconds_count{endpoint="api.create_scan"'
    before = scrape(client).text
    answer = client.post(
        "/api/v1/scans", json={"code": issued.url, "device_id": "phone-metrics-1"}
    )
    assert (answer.status_code, answer.json["verdict"]) == (201, "authentic")
    after = scrape(client)
    assert after.status_code == 200
    assert after.headers["Content-Type"].startswith("text/plain")
    assert sample(after.text, scans) == sample(before, scans) + 1
    assert sample(after.text, latency) == sample(before, latency) + 1
    assert issued.serial not in after.text and "phone-metrics-1" not in after.text


def test_metrics_are_not_public(client, app, metrics_token):
    assert client.get("/metrics").status_code == 404
    assert scrape(client, "wrong-token").status_code == 404
    app.config["METRICS_TOKEN"] = None
    assert scrape(client).status_code == 404  # no token set: no endpoint


def test_json_log_lines_carry_no_addresses_or_emails():
    record = logging.LogRecord(
        "webapp",
        logging.WARNING,
        __file__,
        1,
        "sign-in refused for %s from %s and %s",
        ("an@example.vn", "203.0.113.9", "2001:db8::1"),
        None,
    )
    line = PrivateJsonFormatter().format(record)
    assert '"level": "WARNING"' in line and '"logger": "webapp"' in line
    assert "an@example.vn" not in line and "203.0.113.9" not in line
    assert "2001:db8::1" not in line
    assert redact("GTIN 08931234567897 at 10:05") == "GTIN 08931234567897 at 10:05"

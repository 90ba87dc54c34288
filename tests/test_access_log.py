"""Access logs hold no client address and no whole serial or report reference."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.conftest import SQLITE_ONLY, TEST_KEYS
from webapp.demo import gunicorn_conf as demo_conf
from webapp.extensions import db
from webapp.web.access_log import mask_path, mask_target

SERIAL = "7K2P9Q4MXT3B6HC1"
PEER, CLIENT = "127.0.0.2", "203.0.113.9"  # the socket's address, a claimed one
STORY = f"/01/08931234567897/10/L1/21/{SERIAL}?s=ABCD.{'Q' * 40}&lang=en"


@pytest.mark.parametrize(
    ("target", "logged"),
    [
        (STORY, "/01/08931234567897/10/L1/21/7K2P~?s=ABCD~&lang=en"),
        (f"/api/v1/verify/01/08931234567897/21/{SERIAL}", "/21/7K2P~"),
        (f"/inspector/dossier?code={SERIAL.lower()}", "?code=7k2p~"),
        ("/report/R-7K2P9Q4M", "/report/R-7K~"),
        ("/report/R-7K2P9Q4M/withdraw", "/report/R-7K~/withdraw"),
        (
            "/epcis/events?perPage=50&EQ_bizStep=shipping",
            "perPage=50&EQ_bizStep=shipping",
        ),
    ],
)
def test_targets_are_masked(target, logged):
    assert logged in mask_target(target)
    assert SERIAL not in mask_target(target).upper()
    assert "R-7K2P9Q4M" not in mask_target(target)


def test_a_path_keeps_gtin_and_lot():
    assert mask_path(f"/01/08931234567897/10/L1/21/{SERIAL}") == (
        "/01/08931234567897/10/L1/21/7K2P~"
    )


def test_the_demo_serves_with_the_same_logger():
    assert demo_conf.logger_class == "webapp.web.access_log.PrivateAccessLogger"


@SQLITE_ONLY
def test_a_database_error_does_not_log_its_values(app):
    with pytest.raises(DBAPIError) as raised:
        db.session.execute(text("SELECT * FROM missing WHERE s = :s"), {"s": SERIAL})
    db.session.rollback()
    assert SERIAL not in str(raised.value)


def test_gunicorn_writes_no_address_and_no_serial(tmp_path):
    log = _serve_and_request(tmp_path, [STORY, "/report/R-7K2P9Q4M"])
    lines = [line for line in log.splitlines() if '"GET ' in line]
    assert any("/report/" in line for line in lines), log
    assert PEER not in log and CLIENT not in log
    assert SERIAL not in log and "R-7K2P9Q4M" not in log
    assert (
        '"GET /01/08931234567897/10/L1/21/7K2P~?s=ABCD~&lang=en HTTP/1.1"' in lines[0]
    )


def test_json_lines_without_addresses_and_metrics_summed_over_workers(tmp_path):
    token = "metrics-token-" + "m" * 20
    paths = [STORY, "/report/R-7K2P9Q4M", "/healthz", "/readyz"]
    paths += ["/guide/traceability"] * 6
    scraped: list[str] = []
    log = _serve_and_request(
        tmp_path,
        paths,
        workers=2,
        after=lambda port: scraped.extend(_metrics(port, token) for _ in range(4)),
        LOG_FORMAT="json",
        METRICS_TOKEN=token,
    )
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("message") == "request"]
    assert {line["target"] for line in requests} >= {
        "/01/08931234567897/10/L1/21/7K2P~?s=ABCD~&lang=en",
        "/report/R-7K~",
    }
    assert not [line for line in requests if line["target"] in ("/healthz", "/readyz")]
    assert all(line["status"] in (200, 404) for line in requests), requests
    assert PEER not in log and CLIENT not in log and SERIAL not in log
    assert len(lines) == len(log.strip().splitlines())  # every line is JSON
    # Whichever of the two workers answers the scrape, it counts all six.
    guide = (
        "ocop_request_duration_seconds_count"
        '{endpoint="public.guide",method="GET",status="200"} 6.0'
    )
    assert all(guide in text for text in scraped), scraped[0]


def _metrics(port: int, token: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        bearer = {"Authorization": f"Bearer {token}"}
        connection.request("GET", "/metrics", headers=bearer)
        answer = connection.getresponse()
        assert answer.status == 200
        return answer.read().decode()
    finally:
        connection.close()


def _serve_and_request(
    tmp_path: Path, paths: list[str], workers: int = 1, after=None, **settings
) -> str:
    """Serve the app with gunicorn and our settings; return what it logged."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'log.sqlite'}",
        "SECRET_KEY": "k" * 40,
        "STAMP_KEYS": ",".join(TEST_KEYS),
        "PRIVACY_KEY": "p" * 40,
        # Only the log lines are under test: limits would warn at start-up
        # that each worker counts alone, and that warning is logged too.
        "RATELIMIT_ENABLED": "false",
        **settings,
    }
    flask = [sys.executable, "-m", "flask", "--app", "webapp", "db", "upgrade"]
    subprocess.run(flask, env=env, check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:webapp.gunicorn_conf",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "webapp:create_app()",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for path in paths:
            _get(port, path)
        if after:
            after(port)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    return output


def _get(port: int, path: str) -> None:
    """GET path from the client address 127.0.0.2, as a proxy-claiming client."""
    headers = {"X-Forwarded-For": CLIENT, "Referer": f"http://127.0.0.1:{port}{path}"}
    for _attempt in range(100):  # until the worker answers
        connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=5, source_address=(PEER, 0)
        )
        try:
            connection.request("GET", path, headers=headers)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
        finally:
            connection.close()
    raise AssertionError(f"no answer for {path}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

"""A live server with the demo data, driven by Debian's Chromium at a phone's size."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import threading
import uuid
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask_migrate import upgrade
from playwright.sync_api import expect
from werkzeug.serving import make_server

from webapp import create_app
from webapp.demo.accounts import DEMO_PASSWORD
from webapp.demo.load import load_demo
from webapp.extensions import db
from webapp.services.stamps.issuance import write_codes_csv

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-results"
# The job queue's Redis: shared by every checkout on the machine, so its own
# database, and a queue name of its own per run.
JOBS_REDIS = os.environ.get("E2E_JOBS_REDIS_URL", "redis://127.0.0.1:6379/12")


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in item.nodeid.split("/")[0]:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Serve the real app, seeded with the demo, on a free loopback port."""
    folder = tmp_path_factory.mktemp("e2e")
    settings = {
        "DATABASE_URL": f"sqlite:///{folder / 'e2e.sqlite'}",
        "SECRET_KEY": "e2e-secret",
        "STAMP_KEYS": "e2e-stamp-key",
        "PRIVACY_KEY": "e2e-privacy-key",
        "UPLOAD_DIR": str(folder / "uploads"),
        "PRINT_DIR": str(folder / "print"),
        "INSTANCE_DIR": str(folder),
        "JOBS_REDIS_URL": JOBS_REDIS,
        "JOBS_QUEUE": f"e2e-{uuid.uuid4().hex[:12]}",
    }
    app = create_app(
        {
            **settings,
            "SQLALCHEMY_DATABASE_URI": settings["DATABASE_URL"],
            "STAMP_KEYS": (settings["STAMP_KEYS"],),
            # One browser at 127.0.0.1 plays every visitor: per-address limits would
            # count them all as one. tests/test_rate_limits.py covers the limits.
            "RATELIMIT_ENABLED": False,
            # Loopback, and the made-up *.test hosts some tests map to it.
            "TRUSTED_HOSTS": ["127.0.0.1", "localhost", ".test"],
        }
    )
    with serving(app) as base_url:
        # Stamps issued here point back here.
        app.config["PUBLIC_BASE_URL"] = base_url
        app.extensions["settings"] = replace(
            app.extensions["settings"], base_url=base_url
        )
        with app.app_context():
            upgrade()
            demo = load_demo(db.session, app.extensions["settings"])
            # The stamps nobody has scanned yet; the market's have a history.
            codes = write_codes_csv(folder / "codes.csv", demo.catalog)
            db.session.commit()
        with job_worker({**settings, "PUBLIC_BASE_URL": base_url}, folder):
            yield {"url": base_url, "codes": codes, "app": app}


@contextmanager
def job_worker(settings: dict, folder: Path):
    """`flask jobs worker`, as production runs it, on the live app's database."""
    log = open(folder / "worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "webapp", "jobs", "worker"],
        cwd=ROOT,
        env={**os.environ, **settings},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield worker
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
        log.close()


@contextmanager
def serving(app):
    """The app on a free loopback port, in a thread, while the block runs."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def controlled(page, url: str) -> None:
    """Open url, then again under the service worker it installed."""
    page.goto(url)
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()  # now controlled by the worker


@contextmanager
def offline(context):
    """The network cut while the block runs."""
    context.set_offline(True)
    try:
        yield
    finally:
        context.set_offline(False)


def sign_in(page, base: str, email: str) -> None:
    """Sign a demo staff account in through the real form."""
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    # Wait for the answer: a page opened before it would cancel the sign-in's
    # navigation, and with it the session cookie it sets.
    with page.expect_response(
        lambda r: r.request.method == "POST" and urlsplit(r.url).path == "/login"
    ) as answer:
        page.get_by_role("button", name="Đăng nhập").click()
    assert answer.value.status == 303, answer.value.status
    page.wait_for_load_state()


@pytest.fixture(scope="session")
def demo_codes(live_server) -> list[dict]:
    with open(live_server["codes"], newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    phone = {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
        "locale": "vi-VN",
    }
    return {**browser_context_args, **phone}


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def screenshots(page, artifacts: Path, name: str) -> None:
    """This page as it is (Vietnamese), then reloaded in English, then back."""
    page.screenshot(path=artifacts / f"{name}-vi.png", full_page=True)
    for lang in ("en", "vi"):
        page.context.add_cookies([{"name": "lang", "value": lang, "url": page.url}])
        page.reload()
        expect(page.locator("html")).to_have_attribute("lang", lang)
        if lang == "en":
            page.screenshot(path=artifacts / f"{name}-en.png", full_page=True)

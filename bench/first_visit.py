"""What a first visit downloads in Chromium, the service worker's own fetches
included, against the story page's budget (60 KB, bench/page_weight.py).

A fresh browser profile opens a page and waits until the service worker is
installed (everything it precaches has then been fetched) and the network is
idle. The server counts what it sends: the compressed body, which is what the
budget counts (as bench/page_weight.py does), and the status line and headers
on top (HTTP/1.1 here; HTTP/2 compresses them to a fraction). What the browser
takes from its own cache counts nothing. Requests are labelled by what asked
(Sec-Fetch-Dest): the page's document, scripts, styles and images, or `empty`
for fetch() calls, which on a first visit are the service worker's precache.
Then the scan page is opened, which is when the QR decoder is fetched.

    python -m bench.first_visit
"""

from __future__ import annotations

import tempfile
import threading
from contextlib import contextmanager

from flask_migrate import upgrade
from playwright.sync_api import Page, sync_playwright
from werkzeug.serving import make_server

from bench.page_weight import BUDGET, KEYS
from webapp import create_app
from webapp.config import settings_with
from webapp.demo.seed import seed_demo
from webapp.extensions import db

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WORKER = ("serviceworker", "empty")  # its script, and (first visit) its fetch() calls


class Meter:
    """Around a WSGI app: the bytes each answer puts on the wire."""

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app
        self.sent: list[tuple[str, str, int, int]] = []

    def __call__(self, environ, start_response):
        head = []

        def start(status, headers, exc_info=None):
            lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers]
            head.append(sum(len(line) + 2 for line in lines) + 2)
            return start_response(status, headers, exc_info)

        answer = self.wsgi_app(environ, start)
        try:
            chunks = list(answer)
        finally:
            getattr(answer, "close", lambda: None)()
        path = environ["PATH_INFO"] + (
            f"?{q}" if (q := environ["QUERY_STRING"]) else ""
        )
        asker = environ.get("HTTP_SEC_FETCH_DEST", "?")
        self.sent.append((asker, path, sum(map(len, chunks)), head[0]))
        return chunks


@contextmanager
def metered(app):
    """Count what the app sends while the block runs."""
    meter = Meter(app.wsgi_app)
    app.wsgi_app = meter
    try:
        yield meter
    finally:
        app.wsgi_app = meter.wsgi_app


def visit(page: Page, url: str) -> None:
    """Open url and wait until the service worker is ready and the network idle."""
    page.goto(url)
    page.evaluate("() => navigator.serviceWorker.ready")
    page.wait_for_load_state("networkidle")


def body_bytes(sent) -> int:
    return sum(body for _, _, body, _ in sent)


def report(name: str, sent: list[tuple[str, str, int, int]]) -> None:
    print(f"\n{name}")
    for asker, path, body, head in sent:
        print(f"  {asker:13} {body:8,} + {head:5,}  {path[:64]}")
    bodies, heads = body_bytes(sent), sum(head for *_, head in sent)
    worker = body_bytes([row for row in sent if row[0] in WORKER])
    print(f"  bodies {bodies:,} B ({bodies / BUDGET:.2f} of the 60 KB budget),"
          f" the worker's {worker:,} B; with headers {bodies + heads:,} B")  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/visit.sqlite",
             "RATELIMIT_ENABLED": False, "STAMP_KEYS": KEYS, "SECRET_KEY": "bench",
             "PRIVACY_KEY": "bench"}
        )  # fmt: skip
        server = make_server("127.0.0.1", 0, app, threaded=True)
        base = f"http://127.0.0.1:{server.server_port}"
        with app.app_context():
            upgrade()
            settings = settings_with(
                STAMP_KEYS=KEYS,
                PRIVACY_KEY="bench-privacy",
                PUBLIC_BASE_URL=base,
            )
            story = seed_demo(db.session, settings)[0].url
            db.session.commit()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, first in (("story", story), ("home", base + "/")):
                page = browser.new_context(locale="vi-VN").new_page()
                with metered(app) as meter:
                    visit(page, first)
                report(f"first visit: {name}", meter.sent)
                if name == "story":
                    with metered(app) as meter:
                        visit(page, base + "/scan/")
                    report("then the scan page", meter.sent)
                page.context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()

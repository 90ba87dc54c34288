"""What makes the site an installable app that works offline."""

import hashlib
import json
from functools import cache
from pathlib import Path

from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext as _

from webapp.extensions import db
from webapp.i18n import current_lang
from webapp.services.files import content_hash
from webapp.services.key_directory import directory

bp = Blueprint("pwa", __name__)
# The cache inspectors keep dossiers in: named by the service worker (kept across
# versions), the queue page (filled) and the sign-out form (deleted).
OFFLINE_DOSSIERS = "dossiers"
bp.record_once(
    lambda state: state.app.jinja_env.globals.update(
        offline_dossiers_cache=OFFLINE_DOSSIERS
    )
)

# The decoder is large; it is cached when the scan page is, not on every first visit.
DECODER_FILES = (
    "js/scan.js",
    "js/qr-worker.js",
    "vendor/zxing-wasm-3.1.6/zxing-reader.iife.js",
    "vendor/zxing-wasm-3.1.6/zxing_reader.wasm",
)
SHELL_FILES = (
    "css/app.css",
    "js/pwa.js",
    "js/outbox.js",
    "js/htmx-errors.js",
    "js/story.js",
    "js/offline-check.js",
    "vendor/noble-ed25519-3.2.0/index.js",
    "vendor/htmx-2.0.11/htmx.min.js",
    "img/icon.svg",
    "img/icon-192.png",
)


@bp.get("/manifest.webmanifest")
def manifest():
    """The web app manifest, in the visitor's language."""
    body = {
        "name": _("OCOP Trace: check OCOP product stamps"),
        "short_name": "OCOP Trace",
        "description": _(
            "Check the QR stamp on an OCOP product: its story, its journey and "
            "whether the code is genuine."
        ),
        "lang": current_lang(),
        "start_url": url_for("public.index", source="pwa"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#fbfaf6",
        "theme_color": "#1b6b45",
        "icons": [
            {
                "src": url_for("static", filename=f"img/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
            }
            for size in (192, 512)
        ]
        + [
            {
                "src": url_for("static", filename="img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        "shortcuts": [
            {
                "name": _("Scan a stamp"),
                "short_name": _("Scan"),
                "url": url_for("scans.index"),
            },
            {
                "name": _("Report a suspected fake"),
                "short_name": _("Report"),
                "url": url_for("reports.new"),
            },
        ],
    }
    response = current_app.response_class(
        json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json"
    )
    response.headers["Cache-Control"] = "no-cache"
    response.vary.add("Cookie")
    response.vary.add("Accept-Language")
    return response


@bp.get("/sw.js")
def service_worker():
    """The service worker; its cache name changes whenever a static file does."""
    body = render_template(
        "pwa/sw.js",
        version=static_version(),
        shell=[url_for("public.index"), url_for("pwa.offline"), url_for("reports.new")]
        + [url_for("static", filename=name) for name in SHELL_FILES],
        decoder=[url_for("scans.index")]
        + [url_for("static", filename=name) for name in DECODER_FILES],
        offline=url_for("pwa.offline"),
        keys=url_for("pwa.stamp_keys"),
        dossiers=OFFLINE_DOSSIERS,
    )
    response = current_app.response_class(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"  # a new deploy is seen at once
    return response


@bp.get("/stamp-keys.json")
def stamp_keys():
    """Producers' public keys: a phone checks stamp signatures with them offline."""
    body = json.dumps(
        directory(db.session, current_app.config["STAMP_KEYS"]),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    response = current_app.response_class(body, mimetype="application/json")
    # Phones ask on every scan page; an hour's delay for a newly approved
    # producer is nothing next to the weeks between issuing and selling.
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/offline")
def offline():
    """Shown when a page was never visited and there is no network."""
    return render_template("pwa/offline.html")


@cache
def _static_version(folder: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update((content_hash(path) or "").encode())
    return digest.hexdigest()[:12]


def static_version() -> str:
    return _static_version(current_app.static_folder)

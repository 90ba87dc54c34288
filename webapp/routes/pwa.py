"""What makes the site an installable app that works offline."""

import json

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from webapp.extensions import db, settings
from webapp.services.stamps.key_directory import directory
from webapp.web.auth import signed_in
from webapp.web.i18n import current_lang, same_in_every_language
from webapp.web.static_assets import cache_version

bp = Blueprint("pwa", __name__)
# The cache inspectors keep dossiers in: named by the service worker (kept across
# versions), the queue page (filled) and the sign-out form (deleted).
OFFLINE_DOSSIERS = "dossiers"
bp.record_once(
    lambda state: state.app.jinja_env.globals.update(
        offline_dossiers_cache=OFFLINE_DOSSIERS
    )
)

# Cached when the scan page is first opened, never on a first visit elsewhere:
# the page's script, and the decoder (370 KB compressed) unless the browser
# reads QR codes itself or the visitor asks to save data.
SCAN_FILES = ("js/scan.js",)
DECODER_FILES = (
    "js/qr-worker.js",
    "vendor/zxing-wasm-3.1.6/zxing-reader.iife.js",
    "vendor/zxing-wasm-3.1.6/zxing_reader.wasm",
)
SHELL_FILES = (
    "css/app.css",
    "js/pwa.js",
    "js/outbox.js",
    "js/htmx-errors.js",
    "js/report-restore.js",
    "js/story.js",
    "js/offline-check.js",
    "vendor/htmx-2.0.11/htmx.min.js",
    "img/icon.svg",
)
# Only for browsers whose WebCrypto cannot verify Ed25519 signatures.
SIGNATURE_FALLBACK = "vendor/noble-ed25519-3.2.0/index.js"


def _icons() -> list[dict]:
    return [
        {
            "src": url_for("static", filename=f"img/icon-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
        }
        for size in (192, 512)
    ] + [
        {
            "src": url_for("static", filename="img/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]


def _shortcuts() -> list[dict]:
    return [
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
    ]


@bp.get("/manifest.webmanifest")
def manifest() -> ResponseReturnValue:
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
        "icons": _icons(),
        "shortcuts": _shortcuts(),
    }
    response = current_app.response_class(
        json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json"
    )
    response.headers["Cache-Control"] = "no-cache"
    response.vary.add("Cookie")
    response.vary.add("Accept-Language")
    return response


@bp.get("/sw.js")
def service_worker() -> ResponseReturnValue:
    """The service worker; it changes whenever anything it caches would."""
    body = render_template(
        "pwa/sw.js",
        version=cache_version(),
        shell_pages=[url_for("pwa.offline"), url_for("reports.new")],
        shell_files=_static_urls(SHELL_FILES),
        scan_files=_static_urls(SCAN_FILES),
        decoder=_static_urls(DECODER_FILES),
        signature_fallback=url_for("static", filename=SIGNATURE_FALLBACK),
        scan=url_for("scans.index"),
        offline=url_for("pwa.offline"),
        keys=url_for("pwa.stamp_keys"),
        dossiers=OFFLINE_DOSSIERS,
    )
    response = current_app.response_class(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"  # a new deploy is seen at once
    return response


@bp.get("/stamp-keys.json")
def stamp_keys() -> ResponseReturnValue:
    """Producers' public keys: a phone checks stamp signatures with them offline."""
    body = json.dumps(
        directory(db.session(), settings().stamp_keys),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    response = current_app.response_class(body, mimetype="application/json")
    # Phones ask on every scan page; an hour's delay for a newly approved
    # producer is nothing next to the weeks between issuing and selling.
    response.headers["Cache-Control"] = "public, max-age=3600"
    same_in_every_language()
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/offline")
def offline() -> ResponseReturnValue:
    """Shown when a page was never visited and there is no network."""
    return render_template("pwa/offline.html")


def _static_urls(names: tuple[str, ...]) -> list[str]:
    return [url_for("static", filename=name) for name in names]


@bp.after_app_request
def keep_staff_pages_nowhere(response: Response) -> Response:
    """Nothing rendered for signed-in staff is kept: not by the service worker
    (which honours no-store), not by the browser's cache (their name, their cases).
    """
    control = response.cache_control
    # Only what is the same for everyone (public) may be kept: a "private"
    # answer with a max-age would still sit in the staff browser's cache.
    # Asked in this order, a public answer never reads the session (which
    # would make it vary on Cookie).
    if request.endpoint == "static" or control.public or control.no_store:
        return response
    if signed_in():
        response.headers["Cache-Control"] = "private, no-store"
    return response

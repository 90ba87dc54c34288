"""Static files: fingerprinted URLs cached for a year, and compressed responses.

Every url_for("static", …) gets ?v=<hash of the file's bytes>. A request that
carries the current hash may be cached for a year (immutable): a changed file
gets a new URL, so no visitor ever sees a stale script or stylesheet.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, current_app, request
from flask.sessions import SecureCookieSessionInterface
from flask_compress import Compress

from webapp.extensions import app_itself
from webapp.services.common.files import content_hash

YEAR = 365 * 24 * 3600
COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/ld+json",
    "application/linkset+json",
    "application/manifest+json",
    "application/wasm",
    "image/svg+xml",
    "text/csv",
}
compress = Compress()


def fingerprint(folder: str | None, filename: str) -> str | None:
    if folder is None:  # an app without static files
        return None
    digest = content_hash(Path(folder) / filename)
    return digest[:10] if digest else None


STATIC_KEY = "static:"


class CompressedStaticFiles:
    """Flask-Compress's cache, keeping only fingerprinted static files.

    Flask-Compress asks its cache about every response it compresses, so this
    one stores only keys made by static_cache_key: a file requested under its
    current content hash, whose bytes cannot change under that URL. Every new
    visitor's service worker fetches the decoder (1 MB of wasm, about 60 ms of
    brotli); compressed once per process, it costs nothing after.
    """

    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._kept.get(key)

    def set(self, key: str, value: bytes) -> None:
        if key.partition(";")[2].startswith(STATIC_KEY):
            self._kept[key] = value


def static_cache_key(request) -> str:
    """A key for a static file under its current hash, else one never kept."""
    if request.endpoint == "static":
        filename = (request.view_args or {}).get("filename", "")
        current = fingerprint(current_app.static_folder, filename)
        if current and request.args.get("v") == current:
            return f"{STATIC_KEY}{filename}?v={current}"
    return "not-kept"


class NoSessionForStaticFiles(SecureCookieSessionInterface):
    """Static files are the same for everyone, so they do not vary on cookies.

    Flask-Login reads the session after every request, which makes Flask add
    `Vary: Cookie`; a cookie set later (the device id, the language) would then
    make the browser ask again for every file it has (304s on every page).
    """

    def save_session(self, app, session, response) -> None:
        # Nor does a public answer (the same for everyone) that left the
        # session as it was: a shared cache keeps one copy of it.
        public = response.cache_control.public and not session.modified
        if request.endpoint != "static" and not public:
            super().save_session(app, session, response)


def init_static_assets(app: Flask) -> None:
    app.session_interface = NoSessionForStaticFiles()
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_BR_LEVEL", 6)
    app.config.setdefault("COMPRESS_MIMETYPES", sorted(COMPRESSIBLE))
    app.config.setdefault("COMPRESS_CACHE_BACKEND", CompressedStaticFiles)
    app.config.setdefault("COMPRESS_CACHE_KEY", static_cache_key)
    compress.init_app(app)

    @app.url_defaults
    def add_fingerprint(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            version = fingerprint(app.static_folder, values["filename"])
            if version:
                values["v"] = version

    # Registered after Compress, so it runs before it (Flask runs them in reverse).
    @app.after_request
    def cache_fingerprinted(response):
        if request.endpoint == "static" and response.status_code == 200:
            # Read the (small) file whole: compressing a streamed file would leave
            # the file open, and streams cannot be gzipped.
            if response.direct_passthrough and response.mimetype in COMPRESSIBLE:
                _read_whole(response)
            filename = (request.view_args or {}).get("filename", "")
            current = fingerprint(app.static_folder, filename)
            if current and request.args.get("v") == current:
                response.cache_control.public = True
                response.cache_control.max_age = YEAR
                response.cache_control.immutable = True
        return response


def _read_whole(response) -> None:
    """Replace a streamed file by its bytes, closing the file at once.

    Closing is not left to the end of the response: a visitor who goes away
    mid-download never reaches it, and the file would stay open.
    """
    stream = response.response
    try:
        data = b"".join(stream)
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
    response.direct_passthrough = False
    response.set_data(data)


def cache_version() -> str:
    """A hash of what the worker caches: static files, templates, translations.

    A deploy that changes only a template (the offline page, the shell) still
    gives phones a new worker, which fetches the new pages. Computed once per
    app, as a deploy starts new processes.
    """
    app = app_itself()
    if "pwa_version" not in app.extensions:
        app.extensions["pwa_version"] = _version_of(app)
    return app.extensions["pwa_version"]


def _version_of(app: Flask) -> str:
    digest = hashlib.sha256()
    translations = app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")
    for folder in [app.static_folder, *(Path(app.root_path) / t for t in translations)]:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode())
                digest.update((content_hash(path) or "").encode())
    loader = app.jinja_env.loader
    if loader is not None:
        for name in sorted(loader.list_templates()):
            digest.update(name.encode())
            digest.update(loader.get_source(app.jinja_env, name)[0].encode())
    return digest.hexdigest()[:12]

"""Settings read from the environment, with safe defaults for a laptop."""

import os
from pathlib import Path
from typing import Any

from webapp.services.common.settings import Settings

INSTANCE_DIR = Path(os.environ.get("INSTANCE_DIR", Path.cwd() / "instance"))


def _default_database_url() -> str:
    return f"sqlite:///{INSTANCE_DIR / 'ocop-trace.sqlite'}"


DEV_SECRET_KEY = "dev-only-change-me"
DEV_STAMP_KEY = "dev-only-stamp-key"


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() not in {"0", "false", "no", "off", ""}


def _names(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [name.strip() for name in value.split(",") if name.strip()]


class Config:
    """Everything the app reads from its environment lives here."""

    INSTANCE_DIR = INSTANCE_DIR
    # SECRET_KEY, STAMP_KEYS and PRIVACY_KEY have no default outside debug and
    # testing: the app refuses to start without them (see require_keys).
    SECRET_KEY = os.environ.get("SECRET_KEY") or None
    # Keys of the serial MAC and the PIN hash; rotate by prepending a new key
    # (comma-separated): the first issues, all of them verify.
    STAMP_KEYS = tuple(
        key.strip()
        for key in os.environ.get("STAMP_KEYS", "").split(",")
        if key.strip()
    )
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or _default_database_url()
    # A database error logs its statement, never its values (serials, contacts).
    # No ping before every checkout (a round trip per request): connections are
    # renewed before servers and firewalls drop idle ones, and a connection
    # found dead mid-request empties the pool and answers 503 (webapp.web.errors).
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_recycle": 1800, "hide_parameters": True}
    REDIS_URL = os.environ.get("REDIS_URL") or None
    # Stories kept rendered (in Redis at REDIS_URL, else in each process) until
    # what they show changes; see webapp/web/story_pages.py.
    STORY_CACHE = _flag("STORY_CACHE", True)
    # Unset: 300 s in Redis; 30 s in a process, as only Redis tells the other
    # workers at once that a story changed.
    STORY_CACHE_SECONDS = int(os.environ.get("STORY_CACHE_SECONDS", "0")) or None
    STORY_CACHE_SIZE = int(os.environ.get("STORY_CACHE_SIZE", "2048"))
    STORY_CACHE_PREFIX = os.environ.get("STORY_CACHE_PREFIX", "ocop:story:")
    # How long shared caches (a CDN, nginx) may keep a story's JSON; 0: they
    # keep it but ask again each time (304 when unchanged).
    STORY_MAX_AGE = int(os.environ.get("STORY_MAX_AGE", "0"))
    # Where printed stamps point, and the base of every absolute link.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
    # Host names the app answers to (comma-separated); unset: PUBLIC_BASE_URL's
    # host (and the loopback names when that is a loopback address).
    TRUSTED_HOSTS = _names(os.environ.get("TRUSTED_HOSTS"))
    # "https" makes session cookies Secure and adds HSTS; unset: the scheme of
    # PUBLIC_BASE_URL. Behind a TLS-terminating proxy set TRUSTED_PROXY_COUNT.
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME") or None
    HSTS_MAX_AGE = int(os.environ.get("HSTS_MAX_AGE", str(365 * 24 * 3600)))
    RATELIMIT_ENABLED = _flag("RATELIMIT_ENABLED", True)
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True

    LANGUAGES = ("vi", "en")  # the first one is the fallback
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    BABEL_TRANSLATION_DIRECTORIES = "i18n"
    LANGUAGE_COOKIE = "lang"
    LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600
    # Whether the story page may use the location: "yes", "no" or unset (ask).
    # Readable by story.js, which sets it when the visitor answers there.
    LOCATION_COOKIE = "location_consent"

    # Keyed hashes of device ids and client addresses: without this key the
    # stored hashes cannot be linked back to a phone or an address.
    # In debug and testing only, None means "derived from SECRET_KEY".
    PRIVACY_KEY = os.environ.get("PRIVACY_KEY") or None
    SCAN_RETENTION_DAYS = int(os.environ.get("SCAN_RETENTION_DAYS", "180"))
    # Reports (with their contacts and photos) are deleted this long after they
    # were filed, once their case is closed; contacts go at this age regardless.
    REPORT_RETENTION_DAYS = int(os.environ.get("REPORT_RETENTION_DAYS", "365"))
    # A story reloaded or switched to the other language by the same phone within
    # this time is the same page view: it records no second scan.
    SCAN_REPEAT_WINDOW_SECONDS = int(
        os.environ.get("SCAN_REPEAT_WINDOW_SECONDS", "600")
    )
    # Detection thresholds are data: defaults, then per OCOP category, then a
    # product's own duplicate_threshold.
    DETECTION_RULES = {
        "default": {
            "max_shopper_devices": 3,
            "max_speed_kmh": 120.0,
            "position_error_km": 5.0,
            "min_travel_km": 30.0,
            "burst_window_seconds": 600,
            "burst_size": 3,
        },
        "categories": {
            # A community-tourism ticket is scanned by the whole group.
            "26": {"max_shopper_devices": 12},
        },
    }
    # Unset: Redis at REDIS_URL when there is one, else this process's memory
    # (each worker then counts alone; the app says so when it starts).
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or None
    RATELIMIT_HEADERS_ENABLED = True
    # Redis down: every worker counts in its own memory until Redis answers
    # again (checked after 1, 2, 4 … 32 s), and says so once per outage; a
    # scan is never refused or failed because the counters are unreachable.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    # Several sites (or tests) sharing one Redis database keep apart by this.
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "")
    RATELIMIT_SCANS = os.environ.get("RATELIMIT_SCANS", "30/minute;600/day")
    RATELIMIT_CLAIMS = os.environ.get("RATELIMIT_CLAIMS", "10/hour")
    RATELIMIT_PHOTOS = os.environ.get("RATELIMIT_PHOTOS", "20/hour")
    RATELIMIT_LOGINS = os.environ.get("RATELIMIT_LOGINS", "10/minute;50/hour")
    RATELIMIT_EPCIS = os.environ.get("RATELIMIT_EPCIS", "120/minute")
    # Reports: per phone, and a looser bound per address, which a whole
    # market's mobile network may share.
    RATELIMIT_REPORTS = os.environ.get("RATELIMIT_REPORTS", "5/hour;20/day")
    RATELIMIT_REPORTS_ADDRESS = os.environ.get(
        "RATELIMIT_REPORTS_ADDRESS", "30/hour;200/day"
    )
    # Report look-ups that find nothing, per address: guessing references stops.
    RATELIMIT_REPORT_LOOKUPS = os.environ.get(
        "RATELIMIT_REPORT_LOOKUPS", "20/hour;100/day"
    )
    # …and per phone, so one that moves between networks stops too.
    RATELIMIT_REPORT_LOOKUPS_DEVICE = os.environ.get(
        "RATELIMIT_REPORT_LOOKUPS_DEVICE", "10/hour;30/day"
    )
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR") or str(INSTANCE_DIR / "uploads")
    # The national traceability portal (unset: nothing is sent).
    PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "")
    PORTAL_TOKEN_URL = os.environ.get("PORTAL_TOKEN_URL", "")
    PORTAL_CLIENT_ID = os.environ.get("PORTAL_CLIENT_ID", "")
    PORTAL_CLIENT_SECRET = os.environ.get("PORTAL_CLIENT_SECRET", "")
    # Print files of an issuance (PDF sheet, CSV with PINs), kept only this long.
    PRINT_DIR = os.environ.get("PRINT_DIR") or str(INSTANCE_DIR / "print")
    PRINT_FILE_HOURS = float(os.environ.get("PRINT_FILE_HOURS", "72"))
    # Issuances of up to this many stamps get their sheet in the request;
    # larger ones from a background job while the page shows progress.
    PRINT_INLINE_MAX = int(os.environ.get("PRINT_INLINE_MAX", "500"))
    # A rendering with no progress for this long is taken as dead (may be retried).
    PRINT_JOB_STALLED_SECONDS = int(os.environ.get("PRINT_JOB_STALLED_SECONDS", "600"))
    # The job queue (RQ); unset: REDIS_URL; neither: jobs run in this process.
    JOBS_REDIS_URL = os.environ.get("JOBS_REDIS_URL") or None
    JOBS_QUEUE = os.environ.get("JOBS_QUEUE", "ocop-trace")
    JOBS_TIMEOUT = int(os.environ.get("JOBS_TIMEOUT", "1800"))

    # Bearer token that opens /metrics (Prometheus); unset: no /metrics at all.
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN") or None
    # "json": one JSON object per log line (app and access log); else plain text.
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")

    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    SEND_FILE_MAX_AGE_DEFAULT = 3600


KEY_HINT = "python -c 'import secrets; print(secrets.token_urlsafe(32))'"


class MissingKeyError(RuntimeError):
    """A key the app cannot run safely without is unset or the published default."""


def settings_with(**overrides: Any) -> Settings:
    """The domain's settings as this environment configures them, with some keys
    given (tools, benchmarks and tests that run outside an app)."""
    values = {name: getattr(Config, name) for name in dir(Config) if name.isupper()}
    return Settings.from_config({**values, **overrides})


def require_keys(app) -> None:
    """Refuse to start without real keys, except in debug or testing.

    Debug and testing fall back to the published development keys (and a
    privacy key derived from the secret key) and say so.
    """
    config = app.config
    missing = [
        name
        for name, unset in (
            ("SECRET_KEY", config.get("SECRET_KEY") in (None, "", DEV_SECRET_KEY)),
            (
                "STAMP_KEYS",
                not config.get("STAMP_KEYS") or DEV_STAMP_KEY in config["STAMP_KEYS"],
            ),
            ("PRIVACY_KEY", not config.get("PRIVACY_KEY")),
        )
        if unset
    ]
    if not missing:
        return
    if not (app.debug or app.testing):
        raise MissingKeyError(
            f"{', '.join(missing)} not set (or set to the published development "
            f"value): set {' and '.join(missing)} in the environment, each a "
            f"random value made with: {KEY_HINT}. STAMP_KEYS takes several, "
            "comma-separated, newest first. (FLASK_DEBUG=1 runs with "
            "development keys on a laptop; scripts/demo makes its own.)"
        )
    config["SECRET_KEY"] = config.get("SECRET_KEY") or DEV_SECRET_KEY
    config["STAMP_KEYS"] = tuple(config.get("STAMP_KEYS") or ()) or (DEV_STAMP_KEY,)
    if not app.testing:
        app.logger.warning(
            "Running with development keys (%s): never serve this to the public",
            ", ".join(missing),
        )

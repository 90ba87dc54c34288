"""OCOP Trace: check a QR traceability stamp on a Vietnamese OCOP product."""

from pathlib import Path

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from webapp.config import Config, require_keys
from webapp.extensions import babel, cors, csrf, db, htmx, limiter, migrate
from webapp.services.common.settings import Settings
from webapp.web.log_format import init_logging
from webapp.web.security import init_transport

MIGRATIONS_DIR = str(Path(__file__).parent / "migrations")


def create_app(overrides: dict | None = None) -> Flask:
    """Build a configured app; tests pass overrides (e.g. their own database)."""
    app = Flask(__name__, instance_path=str(Config.INSTANCE_DIR))
    app.config.from_object(Config)
    app.config.update(overrides or {})
    init_logging(app)
    require_keys(app)
    app.extensions["settings"] = Settings.from_config(app.config)
    _bound_database_connects(app)
    init_transport(app)
    if isinstance(app.json, DefaultJSONProvider):
        app.json.ensure_ascii = False  # Vietnamese stays readable in JSON answers
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from webapp import models  # noqa: F401  (every mapper known before first use)
    from webapp.web.auth import init_auth
    from webapp.web.i18n import init_i18n

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    htmx.init_app(app)
    csrf.init_app(app)
    _init_rate_limits(app)
    _trust_proxies(app)
    cors.init_app(
        app, resources=_cors_resources(), expose_headers=["Link"], send_wildcard=True
    )
    init_i18n(app, babel)
    init_auth(app)

    from webapp.cli import register_commands
    from webapp.routes import register_blueprints
    from webapp.web.converters import init_converters
    from webapp.web.errors import register_error_handlers
    from webapp.web.formatting import init_formatting
    from webapp.web.metrics import init_metrics
    from webapp.web.security import init_security_headers
    from webapp.web.static_assets import init_static_assets
    from webapp.web.story_pages import init_story_cache

    init_converters(app)
    init_metrics(app)
    register_blueprints(app)
    init_static_assets(app)
    register_error_handlers(app)
    register_commands(app)
    init_security_headers(app)
    init_formatting(app)
    init_story_cache(app)
    return app


def _init_rate_limits(app: Flask) -> None:
    # RATELIMIT_ENABLED is ours to read per app (see extensions.rate_limited).
    app.config["RATE_LIMITS_ON"] = app.config["RATELIMIT_ENABLED"]
    app.config["RATELIMIT_ENABLED"] = True
    storage = app.config["RATELIMIT_STORAGE_URI"] or app.config["REDIS_URL"]
    app.config["RATELIMIT_STORAGE_URI"] = storage or "memory://"
    limiter.init_app(app)
    _drop_empty_limit_check(app)
    if not storage and app.config["RATE_LIMITS_ON"] and not app.testing:
        app.logger.warning(
            "Rate limits are counted in each worker's memory: with several "
            "workers or hosts every limit is that many times looser. Set "
            "REDIS_URL to share them."
        )


def _drop_empty_limit_check(app: Flask) -> None:
    # Every limit here decorates its view, and the decorator counts it. The
    # check Flask-Limiter also runs before every request is for default,
    # application, meta and blueprint limits: with none, it finds nothing to
    # count, at a cost a cached story page notices. Any of them brings it back.
    # These are Flask-Limiter's own attributes: a release that renames one
    # keeps the check (True below), never drops a limit.
    manager = limiter.limit_manager
    if (
        getattr(manager, "_default_limits", True)
        or getattr(manager, "_application_limits", True)
        or getattr(manager, "_blueprint_limits", True)
        or getattr(limiter, "_meta_limits", True)
    ):
        return
    check = getattr(limiter, "_check_request_limit", None)
    hooks = app.before_request_funcs.get(None, [])
    app.before_request_funcs[None] = [hook for hook in hooks if hook != check]


def _bound_database_connects(app: Flask) -> None:
    # A database host that does not answer fails a request in seconds (503),
    # instead of holding a worker until the kernel gives up.
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        connect_args = dict(options.get("connect_args", {}))
        connect_args.setdefault("connect_timeout", 3)
        options["connect_args"] = connect_args
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
        _cache_long_statements()


def _cache_long_statements() -> None:
    # psycopg keeps its parse of a statement (placeholders to $n) only for
    # statements up to 4,096 bytes and 50 parameters; the scan's combined write
    # is longer and has more, so it was parsed afresh on every scan (≈ 9 % of
    # its CPU). The parses are kept in an LRU of 128: raising the bounds keeps
    # the few long statements we build once and send with parameters. The
    # bounds are psycopg's module settings, read on every statement: if a
    # release renames them, nothing changes but the cost.
    try:
        from psycopg import _queries
    except ImportError:  # SQLite only
        return
    for name, wanted in STATEMENT_CACHE_BOUNDS.items():
        current = getattr(_queries, name, None)
        if isinstance(current, int) and current < wanted:
            setattr(_queries, name, wanted)


STATEMENT_CACHE_BOUNDS = {
    "MAX_CACHED_STATEMENT_LENGTH": 16384,
    "MAX_CACHED_STATEMENT_PARAMS": 200,
}


def _trust_proxies(app: Flask) -> None:
    # Only behind proxies we run may X-Forwarded-For name the client.
    count = app.config["TRUSTED_PROXY_COUNT"]
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Flask's documented way to add middleware; its types call wsgi_app a method.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=count, x_proto=count, x_host=count
        )


def _cors_resources() -> dict:
    # Resolver answers and the public API are meant for other sites' scanners.
    return {
        r"/01/*": {"origins": "*", "methods": ["GET", "HEAD", "OPTIONS"]},
        r"/.well-known/*": {"origins": "*"},
        # Scans are posted by our own pages only: no CORS for them, so another
        # site cannot make its visitors' browsers post scans (see routes/api).
        r"/api/(?!v1/scans).*": {"origins": "*"},
        r"/epcis/*": {"origins": "*", "methods": ["GET", "HEAD", "OPTIONS"]},
    }

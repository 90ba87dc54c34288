"""Security headers sent with every response, and what HTTPS switches on."""

from urllib.parse import urlsplit

from flask import Flask, request

from webapp.web.links import public_origin

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def foreign_origin() -> bool:
    """A browser is sending this request on behalf of another site's page.

    Programs that are not browsers send no Origin and are not concerned; our
    own pages send our own origin (or none, on same-origin form posts).
    """
    origin = request.headers.get("Origin")
    if origin is None:
        return request.headers.get("Sec-Fetch-Site") == "cross-site"
    own = {request.host_url.rstrip("/"), public_origin()}
    return origin.rstrip("/") not in own


# A dedicated worker runs under the policy sent with its own script.
DECODER_WORKER = "js/qr-worker.js"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def init_transport(app: Flask) -> None:
    """Cookies, HSTS and accepted host names from the configured public URL.

    Served over HTTPS (PREFERRED_URL_SCHEME, else PUBLIC_BASE_URL's scheme),
    session cookies are Secure. Outside debug and testing the app answers only
    to TRUSTED_HOSTS, by default the host of PUBLIC_BASE_URL: a forged Host
    header gets a 400 instead of being echoed into links.
    """
    public = urlsplit(app.config["PUBLIC_BASE_URL"])
    scheme = app.config["PREFERRED_URL_SCHEME"] or public.scheme or "http"
    app.config["PREFERRED_URL_SCHEME"] = scheme
    if scheme == "https":
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    if app.config["TRUSTED_HOSTS"] is None and not (app.debug or app.testing):
        app.config["TRUSTED_HOSTS"] = trusted_hosts(public.hostname)


def trusted_hosts(public_host: str | None) -> list[str]:
    if not public_host:
        return list(LOOPBACK_NAMES)
    if public_host in LOOPBACK_NAMES:
        return list(LOOPBACK_NAMES)
    return [public_host]


def init_security_headers(app: Flask) -> None:
    @app.after_request
    def add_security_headers(response):
        if (
            request.endpoint == "static"
            and (request.view_args or {}).get("filename") == DECODER_WORKER
        ):
            relax_for_decoder(response)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault(
            "Referrer-Policy", "strict-origin-when-cross-origin"
        )
        response.headers.setdefault(
            "Permissions-Policy", "camera=(self), geolocation=(self), microphone=()"
        )
        if request.is_secure and app.config["HSTS_MAX_AGE"]:
            # Only over HTTPS (RFC 6797): is_secure trusts X-Forwarded-Proto
            # only when TRUSTED_PROXY_COUNT says a proxy of ours set it.
            response.headers.setdefault(
                "Strict-Transport-Security", f"max-age={app.config['HSTS_MAX_AGE']}"
            )
        return response


def relax_for_decoder(response) -> None:
    """The scan page compiles the QR decoder's WebAssembly in a worker.

    Only that page gets 'wasm-unsafe-eval' (compiling wasm, not eval of
    strings) and same-origin workers; every other page keeps the strict policy.
    """
    response.headers["Content-Security-Policy"] = (
        CONTENT_SECURITY_POLICY.replace(
            "script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"
        )
        + "; worker-src 'self'"
    )

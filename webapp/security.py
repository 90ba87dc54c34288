"""Security headers sent with every response."""

from flask import Flask, request

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
    own = request.host_url.rstrip("/")
    return origin.rstrip("/") != own


# A dedicated worker runs under the policy sent with its own script.
DECODER_WORKER = "js/qr-worker.js"


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

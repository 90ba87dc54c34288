"""Every error answers in the visitor's language, as HTML or JSON — never a bare 500."""

import re
from urllib.parse import urlencode

from flask import Flask, current_app, redirect, render_template, request
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, HTTPException, InternalServerError, NotFound

from webapp.extensions import db
from webapp.services.staff.access import AccessRefused
from webapp.services.standards import dl_compression
from webapp.services.standards.digital_link import DigitalLink
from webapp.web.fragments import wants_fragment
from webapp.web.links import own_base_url
from webapp.web.negotiation import json_error, wants_json
from webapp.web.outages import register_outage_handlers

COMPRESSED = re.compile(r"/([A-Za-z0-9_-]{8,})")

MESSAGES = {
    400: _l("The request could not be understood."),
    403: _l("You are not allowed to see this page."),
    404: _l("There is nothing at this address."),
    405: _l("This address does not accept that kind of request."),
    413: _l("What you sent is too large."),
    429: _l("Too many requests. Please wait a moment and try again."),
    503: _l("The service is briefly unavailable. Please try again in a moment."),
    500: _l("Something went wrong on our side. Please try again later."),
}
CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "too_many_requests",
    503: "unavailable",
    500: "server_error",
}


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(AccessRefused, _access_refused)
    app.register_error_handler(Exception, unexpected_error)
    register_outage_handlers(app)


def _http_error(error: HTTPException):
    if error.response is not None:  # the view prepared its own answer
        return error.response
    status = error.code or 500
    if status == 404 and request.method in ("GET", "HEAD"):
        uncompressed = uncompressed_link(request.path)
        if uncompressed:  # a compressed GS1 Digital Link: its plain form
            return redirect(uncompressed, code=301)
    message = str(MESSAGES.get(status, error.description or ""))
    if request_ctx.url_adapter is None:
        # Refused before routing (a Host not in TRUSTED_HOSTS): no page can
        # link anywhere, so the answer is plain text.
        response = current_app.response_class(
            message, status=status, mimetype="text/plain"
        )
    elif request.path.startswith("/api/") or wants_json():
        response = json_error(status, CODES.get(status, "error"), message)
    else:
        page = render_template("errors/http.html", status=status, message=message)
        response = current_app.make_response((page, status))
    allowed = getattr(error, "valid_methods", None)
    if allowed:
        response.headers["Allow"] = ", ".join(allowed)
    return response


def _access_refused(error: AccessRefused):
    """A record the user may not have: 403 if they may see it, else 404."""
    return _http_error(Forbidden() if error.code == "forbidden" else NotFound())


def _csrf_error(error: CSRFError):
    if wants_fragment():  # shown in place, next to a button that reloads the page
        message = str(_l("This page has expired. Reload it and try again."))
    else:
        message = str(
            _l("This form has expired. Go back, reload the page and send it again.")
        )
    page = render_template("errors/http.html", status=400, message=message)
    return page, 400


def unexpected_error(error: Exception):
    try:
        db.session.rollback()  # leave nothing half-written
    except Exception:  # noqa: BLE001  (the answer matters more than this)
        current_app.logger.warning("rollback failed after an error")
    current_app.logger.exception("unhandled error")
    return _http_error(InternalServerError())


def uncompressed_link(path: str) -> str | None:
    """The plain Digital Link a compressed one (one path segment) stands for."""
    match = COMPRESSED.fullmatch(path)
    if not match:
        return None
    try:
        pairs = dict(dl_compression.decompress(match[1]))
    except dl_compression.NotCompressed:
        return None
    gtin = pairs.pop("01", None)
    if gtin is None:
        return None
    link = DigitalLink(
        gtin,
        variant=pairs.pop("22", None),
        lot=pairs.pop("10", None),
        serial=pairs.pop("21", None),
        extension=pairs.pop("235", None),
    )
    query = urlencode(list(pairs.items()), safe=":/")
    return own_base_url() + link.path + (f"?{query}" if query else "")

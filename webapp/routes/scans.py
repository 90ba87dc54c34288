"""Scanning: the camera page, photo fallback, recording a scan and claiming a PIN."""

import re
from datetime import datetime

from flask import (
    Blueprint,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from webapp.extensions import db, rate_limited
from webapp.services.common.errors import DigitalLinkError
from webapp.services.scans import scanning
from webapp.services.scans.photo_decode import PhotoError, decode_qr
from webapp.services.scans.scanning import ScanOutcome
from webapp.services.standards import digital_link
from webapp.web import vocab
from webapp.web.auth import inspecting, may_scan_as
from webapp.web.fragments import wants_fragment
from webapp.web.links import own_base_url, resolve_link
from webapp.web.metrics import count_scan
from webapp.web.scan_context import claim, device_id, record, remember_device
from webapp.web.security import relax_for_decoder
from webapp.web.verdicts import verdict_view

bp = Blueprint("scans", __name__, url_prefix="/scan")

IDEMPOTENCY_KEY = re.compile(scanning.IDEMPOTENCY_KEY)


@bp.get("/")
def index() -> ResponseReturnValue:
    """The camera scanner, with manual entry and a photo upload as fallbacks."""
    response = current_app.make_response(render_template("scans/index.html"))
    relax_for_decoder(response)
    return response


@bp.post("/photo")
@rate_limited("RATELIMIT_PHOTOS")
def photo() -> ResponseReturnValue:
    """Decode the QR in an uploaded photo, then check it like a typed code."""
    upload = request.files.get("photo")
    if upload is None or not upload.filename:
        return _photo_problem(_("Choose a photo of the stamp first."))
    try:
        text = decode_qr(upload.read())
    except PhotoError:
        return _photo_problem(_("This file is not a photo we can read (JPEG, PNG…)."))
    if text is None:
        return _photo_problem(
            _("No QR code found in this photo. Hold the phone closer, in good light.")
        )
    target = "inspector.dossier" if inspecting() else "public.check"
    return redirect(url_for(target, code=text), code=303)


@bp.post("/record")
@rate_limited("RATELIMIT_SCANS")
def record_scan() -> ResponseReturnValue:
    """Record the scan the story page made, and show its verdict."""
    role = request.form.get("role") or "shopper"
    if not may_scan_as(role):
        return _role_refused()
    device, new_device = device_id()
    try:
        outcome = record(
            request.form.get("code", ""),
            device,
            role=role,
            page_view=True,
            idempotency_key=_idempotency_key(),
            made_at=_made_at(),
            **_position(),
        )
    except DigitalLinkError as error:
        message = vocab.label(vocab.LINK_ERRORS, error.code)
        return render_template("errors/http.html", status=400, message=message), 400
    # The answer is made before the commit: once the scan is stored, nothing
    # may ask the database again and fail its acknowledgement.
    response = _verdict_answer(outcome)
    db.session.commit()
    count_scan(outcome)
    if new_device:
        remember_device(response, device)
    return response


def _verdict_answer(outcome: ScanOutcome) -> BaseResponse:
    """The verdict in place (htmx), or back to the story page showing it."""
    view = verdict_view(outcome)
    if wants_fragment():
        return current_app.make_response(
            render_template("story/_verdict.html", verdict=view)
        )
    story = own_base_url() + outcome.resolution.link.path
    return redirect(f"{story}?scan={view.scan_id}", code=303)


@bp.post("/claim")
@rate_limited("RATELIMIT_CLAIMS")
def claim_pin() -> ResponseReturnValue:
    """Claim the item with the PIN under its scratch-off layer."""
    device, new_device = device_id()
    try:
        link = digital_link.parse(request.form.get("code", ""))
    except DigitalLinkError:
        return render_template(
            "errors/http.html", status=400, message=_("Bad code.")
        ), 400
    resolution = resolve_link(link)
    if resolution.stamp is None:
        return render_template(
            "errors/http.html", status=404, message=_("Unknown code.")
        ), 404
    result = claim(resolution.stamp, request.form.get("pin", ""), device)
    db.session.commit()
    # A wrong PIN re-renders the form with 200: htmx 2 does not swap 4xx answers.
    page = render_template("story/_claim.html", claim=result, code=link.path)
    response = current_app.make_response(page)
    if new_device:
        remember_device(response, device)
    return response


def _idempotency_key() -> str | None:
    """Set by the phone's queue of scans made offline: a resend records nothing new."""
    key = request.form.get("idempotency_key", "")
    return key if IDEMPOTENCY_KEY.fullmatch(key) else None


def _role_refused() -> tuple[str, int]:
    # A scan staff queued offline, sent after they signed out: it is held on
    # the phone, never counted as a shopper's.
    message = _("Only signed-in inspectors and producers may scan in that role.")
    return render_template("errors/http.html", status=403, message=message), 403


def _made_at() -> datetime | None:
    """When the phone's queue says the scan was made (ISO 8601), if readable.

    `scanned_at` as the API names it; `made_at` from queues filled before.
    """
    when = request.form.get("scanned_at") or request.form.get("made_at", "")
    try:
        return datetime.fromisoformat(when)
    except ValueError:
        return None


def _position() -> dict:
    """The position the visitor agreed to share, if any and if it makes sense."""
    if request.form.get("consent") != "yes":
        return {}
    try:
        lat, lon = float(request.form["lat"]), float(request.form["lon"])
    except (KeyError, ValueError):
        return {}
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return {}
    try:  # metres, as the browser gives it; optional
        accuracy = float(request.form.get("accuracy", ""))
    except ValueError:
        accuracy = None
    if accuracy is not None and not 0 <= accuracy <= 100_000:
        accuracy = None
    return {"lat": lat, "lon": lon, "accuracy_m": accuracy}


def _photo_problem(message: str) -> Response:
    page = render_template("scans/index.html", photo_problem=message)
    response = current_app.make_response((page, 400))
    relax_for_decoder(response)
    return response

"""The public JSON API (v1): code status and journey events for programs."""

from flask import Blueprint, Response, jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from pydantic import ValidationError

from webapp.extensions import db, rate_limited
from webapp.models import utcnow
from webapp.services.common.errors import DigitalLinkError
from webapp.services.scans.scanning import ScanOutcome
from webapp.services.standards import epcis
from webapp.web import epcis_http, vocab
from webapp.web.auth import may_scan_as
from webapp.web.links import requested_link, resolve_link
from webapp.web.metrics import count_scan
from webapp.web.negotiation import json_error
from webapp.web.presenters import explanations
from webapp.web.scan_context import record
from webapp.web.schemas import ScanIn
from webapp.web.security import foreign_origin

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/verify/01/<path:rest>")
def verify(rest: str) -> ResponseReturnValue:
    """Facts about a code (issued, cancelled, recalled…) without recording a scan."""
    try:
        link = requested_link()
    except DigitalLinkError as error:
        return json_error(400, error.code, vocab.label(vocab.LINK_ERRORS, error.code))
    resolution = resolve_link(link)
    return jsonify(
        gtin=link.gtin,
        lot=link.lot,
        serial=link.serial,
        issued=resolution.found,
        reasons=resolution.reasons,
        notices=resolution.notices,
        explanations=explanations(resolution.reasons, resolution.notices),
    ), (200 if resolution.found else 404)


@bp.get("/traceability/01/<path:rest>")
def traceability(rest: str) -> ResponseReturnValue:
    """The journey of a batch or item as an EPCIS 2.0 JSON-LD document."""
    response = epcis_http.refusal() or _journey()
    response.headers.update(epcis_http.VERSIONS)  # an EPCIS answer, errors too
    return response


def _journey() -> Response:
    try:
        link = requested_link()
    except DigitalLinkError as error:
        return json_error(400, error.code, vocab.label(vocab.LINK_ERRORS, error.code))
    if link.lot is None and link.serial is None:
        message = _("Journeys are recorded per batch: add the lot (/10/…) to the link.")
        return json_error(404, "batch_required", message)
    resolution = resolve_link(link)
    if not resolution.found or resolution.batch is None:
        reason = resolution.reasons[0]
        return json_error(404, reason, vocab.label(vocab.REASONS, reason))
    if "awaiting_approval" in resolution.notices:  # as on the story page: not yet
        notice = "awaiting_approval"
        return json_error(404, notice, vocab.label(vocab.NOTICES, notice))
    item_events = resolution.stamp.events if resolution.stamp else ()
    document = epcis.document(resolution.batch, link.serial, utcnow(), item_events)
    return epcis_http.answer(document)


@bp.post("/scans")
@rate_limited("RATELIMIT_SCANS")
def create_scan() -> ResponseReturnValue:
    """Record a scan and answer its verdict (the public contract)."""
    scan_in = _scan_in()
    if not isinstance(scan_in, ScanIn):
        return scan_in  # the refusal
    try:
        outcome = record(
            scan_in.code,
            scan_in.device_id,
            role=scan_in.role,
            lat=scan_in.lat,
            lon=scan_in.lon,
            province=scan_in.province,
            accuracy_m=scan_in.accuracy,
            idempotency_key=scan_in.idempotency_key,
            made_at=scan_in.scanned_at or scan_in.made_at,
        )
    except DigitalLinkError as error:
        return json_error(400, error.code, vocab.label(vocab.LINK_ERRORS, error.code))
    # The answer is read before the commit: once the scan is stored, nothing
    # may ask the database again and fail its acknowledgement.
    body = scan_json(outcome)
    db.session.commit()
    count_scan(outcome)
    return jsonify(body), 200 if outcome.replayed else 201


def _scan_in() -> ScanIn | Response:
    """The scan the request asks to record, or the answer refusing it."""
    if foreign_origin():
        message = _("Scans are accepted from this site's own pages or from apps.")
        return json_error(403, "foreign_origin", message)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return json_error(400, "invalid_json", _("Send a JSON object."))
    try:
        scan_in = ScanIn.model_validate(body)
    except ValidationError as error:
        return _invalid_fields(error)
    if not may_scan_as(scan_in.role):
        message = _("Only signed-in inspectors and producers may scan in that role.")
        return json_error(403, "role_not_allowed", message)
    return scan_in


def scan_json(outcome: ScanOutcome) -> dict:
    scan = outcome.scan
    return {
        "scan_id": scan.id,
        "verdict": scan.verdict,
        "reasons": list(scan.reasons),
        "notices": list(scan.notices),
        "explanations": explanations(list(scan.reasons), list(scan.notices)),
        "serial": scan.serial,
        "gtin": scan.gtin,
        "lot": scan.lot or outcome.resolution.lot_code,
        "province": scan.province_code,
        "scanned_at": (scan.made_at or scan.scanned_at).isoformat(),
        "received_at": scan.scanned_at.isoformat(),
        "made_at": scan.made_at.isoformat() if scan.made_at else None,
    }


def _invalid_fields(error: ValidationError) -> Response:
    fields = sorted({".".join(map(str, e["loc"])) or "body" for e in error.errors()})
    message = _(
        "These fields are missing or not valid: %(fields)s", fields=", ".join(fields)
    )
    return json_error(400, "invalid_fields", message, fields=fields)

"""The public JSON API (v1): code status and journey events for programs."""

from flask import Blueprint, jsonify
from flask_babel import gettext as _

from webapp import vocab
from webapp.links import requested_link, resolve_link
from webapp.models import utcnow
from webapp.negotiation import json_error
from webapp.presenters import explanations
from webapp.services import epcis
from webapp.services.errors import DigitalLinkError

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/verify/01/<path:rest>")
def verify(rest: str):
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
def traceability(rest: str):
    """The journey of a batch or item as an EPCIS 2.0 JSON-LD document."""
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
    document = epcis.document(resolution.batch, link.serial, utcnow())
    response = jsonify(document)
    response.mimetype = "application/ld+json"
    return response

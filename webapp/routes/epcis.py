"""EPCIS 2.0: a read-only query endpoint and an export with master data."""

from flask import Blueprint, Response, request
from flask.typing import ResponseReturnValue

from webapp.extensions import db, rate_limited
from webapp.models import utcnow
from webapp.services.standards import epcis, epcis_query
from webapp.services.standards.epcis_query import NoSuchLot, QueryError
from webapp.web import epcis_http
from webapp.web.auth import inspecting
from webapp.web.links import absolute_url_for

bp = Blueprint("epcis", __name__, url_prefix="/epcis")


@bp.before_request
def _negotiate() -> Response | None:
    return epcis_http.refusal()


@bp.get("/events")
@rate_limited("RATELIMIT_EPCIS")
def events() -> ResponseReturnValue:
    """SimpleEventQuery over published journey events, one page at a time."""
    try:
        page = epcis_query.run(
            db.session(), request.args.to_dict(), include_items=inspecting()
        )
    except QueryError as error:
        return epcis_http.problem(str(error))
    response = epcis_http.answer(epcis_query.query_document(page.events, utcnow()))
    if page.next_token:
        params = {**request.args.to_dict(), "nextPageToken": page.next_token}
        response.headers["Link"] = (
            f'<{absolute_url_for("epcis.events", **params)}>; rel="next"'
        )
    return response


@bp.get("/export")
@rate_limited("RATELIMIT_EPCIS")
def export() -> ResponseReturnValue:
    """One lot (?gtin=&lot=) or a period (?from=&to=, dates): events and master data."""
    try:
        page = epcis_query.export_page(
            db.session(), request.args.to_dict(), include_items=inspecting()
        )
    except NoSuchLot as error:
        return epcis_http.problem(str(error), 404, "NoSuchResourceException")
    except QueryError as error:
        return epcis_http.problem(str(error))
    document = epcis.export_document(page.lots, page.events, utcnow())
    response = epcis_http.answer(document)
    if page.next_token:
        response.headers["GS1-Next-Page-Token"] = page.next_token
    return response

"""EPCIS 2.0: a read-only query endpoint and an export with master data."""

from flask import Blueprint, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from webapp import epcis_http
from webapp.auth import inspecting
from webapp.extensions import db, rate_limited
from webapp.links import absolute_url_for
from webapp.models import Batch, Product, utcnow
from webapp.services import epcis, epcis_query
from webapp.services.catalog import PUBLISHED
from webapp.services.digital_link import DigitalLink
from webapp.services.epcis_query import QueryError

bp = Blueprint("epcis", __name__, url_prefix="/epcis")


@bp.before_request
def _negotiate():
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
    args = request.args
    try:
        if args.get("gtin") and args.get("lot"):
            batch = db.session.scalar(
                select(Batch)
                .join(Batch.product)
                .join(Product.organisation)
                .where(Product.gtin == args["gtin"], Batch.lot_code == args["lot"])
                .where(*PUBLISHED)
            )
            if batch is None:
                return epcis_http.problem("no such lot", 404, "NoSuchResourceException")
            lot_link = DigitalLink(batch.product.gtin, lot=batch.lot_code).uri(
                epcis.CANONICAL_BASE
            )
            page = epcis_query.run(
                db.session(),
                {"MATCH_anyEPCClass": lot_link, "perPage": "500"},
                include_items=inspecting(),
            )
        elif args.get("from") and args.get("to"):
            page = epcis_query.run(
                db.session(),
                {
                    "GE_eventTime": f"{args['from']}T00:00:00+07:00",
                    "LT_eventTime": f"{args['to']}T00:00:00+07:00",
                    "perPage": "500",
                },
                include_items=inspecting(),
            )
        else:
            return epcis_http.problem("give gtin and lot, or from and to (YYYY-MM-DD)")
    except QueryError as error:
        return epcis_http.problem(str(error))
    document = epcis.export_document(page.lots, page.events, utcnow())
    response = epcis_http.answer(document)
    if page.next_token:
        response.headers["GS1-Next-Page-Token"] = page.next_token
    return response

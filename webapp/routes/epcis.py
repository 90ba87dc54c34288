"""EPCIS 2.0: a read-only query endpoint and an export with master data."""

from flask import Blueprint, jsonify, request, url_for
from sqlalchemy import select

from webapp.auth import inspecting
from webapp.extensions import db, rate_limited
from webapp.models import Batch, Product, utcnow
from webapp.services import epcis, epcis_query
from webapp.services.catalog import PUBLISHED
from webapp.services.digital_link import DigitalLink
from webapp.services.epcis_query import QueryError

bp = Blueprint("epcis", __name__, url_prefix="/epcis")

VERSIONS = {"GS1-EPCIS-Version": "2.0.0", "GS1-CBV-Version": "2.0.0"}


@bp.get("/events")
@rate_limited("RATELIMIT_EPCIS")
def events():
    """SimpleEventQuery over published journey events, one page at a time."""
    try:
        page = epcis_query.run(
            db.session, request.args.to_dict(), include_items=inspecting()
        )
    except QueryError as error:
        return _query_problem(str(error))
    response = jsonify(epcis_query.query_document(page.events, utcnow()))
    response.mimetype = "application/ld+json"
    response.headers.update(VERSIONS)
    if page.next_token:
        params = {**request.args.to_dict(), "nextPageToken": page.next_token}
        response.headers["Link"] = (
            f'<{url_for("epcis.events", _external=True, **params)}>; rel="next"'
        )
    return response


@bp.get("/export")
@rate_limited("RATELIMIT_EPCIS")
def export():
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
                return _query_problem("no such lot", 404, "NoSuchResourceException")
            lot_link = DigitalLink(batch.product.gtin, lot=batch.lot_code).uri(
                epcis.CANONICAL_BASE
            )
            page = epcis_query.run(
                db.session,
                {"MATCH_anyEPCClass": lot_link, "perPage": "500"},
                include_items=inspecting(),
            )
        elif args.get("from") and args.get("to"):
            page = epcis_query.run(
                db.session,
                {
                    "GE_eventTime": f"{args['from']}T00:00:00+07:00",
                    "LT_eventTime": f"{args['to']}T00:00:00+07:00",
                    "perPage": "500",
                },
                include_items=inspecting(),
            )
        else:
            return _query_problem("give gtin and lot, or from and to (YYYY-MM-DD)")
    except QueryError as error:
        return _query_problem(str(error))
    document = epcis.export_document(page.lots, page.events, utcnow())
    response = jsonify(document)
    response.mimetype = "application/ld+json"
    response.headers.update(VERSIONS)
    if page.next_token:
        response.headers["GS1-Next-Page-Token"] = page.next_token
    return response


def _query_problem(
    detail: str, status: int = 400, kind: str = "QueryParameterException"
):
    """RFC 7807 problem details, as the EPCIS 2.0 REST binding answers errors."""
    response = jsonify(
        {"type": f"epcisException:{kind}", "title": detail, "status": status}
    )
    response.status_code = status
    response.mimetype = "application/problem+json"
    response.headers.update(VERSIONS)
    return response

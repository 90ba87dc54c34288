"""A read-only subset of the EPCIS 2.0 query interface over our journey events.

Supported SimpleEventQuery parameters: eventType, GE_/LT_eventTime,
GE_/LT_recordTime, EQ_bizStep, MATCH_epc / MATCH_anyEPC (item Digital Links),
MATCH_epcClass / MATCH_anyEPCClass (lot Digital Links), perPage and
nextPageToken. Anything else is refused, as the standard asks, rather than
silently ignored.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_, select, tuple_
from sqlalchemy.orm import Session, contains_eager

from webapp.models import Batch, JourneyEvent, Organisation, Product, Stamp
from webapp.services import digital_link, epcis
from webapp.services.catalog import PUBLISHED
from webapp.services.errors import DigitalLinkError

DEFAULT_PAGE, MAX_PAGE = 100, 500
KNOWN = {
    "eventType", "GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime",
    "EQ_bizStep", "MATCH_epc", "MATCH_anyEPC", "MATCH_epcClass", "MATCH_anyEPCClass",
    "perPage", "nextPageToken",
}  # fmt: skip


class QueryError(ValueError):
    """A parameter the query cannot accept; str(error) names it."""


@dataclass(frozen=True)
class Page:
    events: list[dict]
    next_token: str | None
    # The lots whose own (not one item's) events are on this page, for master data.
    lots: list[Batch] = field(default_factory=list)


def run(
    session: Session, params: Mapping[str, str], include_items: bool = False
) -> Page:
    """The events matching params, oldest first, one page at a time.

    Events about single items (inspections) name serials a cloner could copy:
    only signed-in staff (include_items) get them.
    """
    unknown = sorted(set(params) - KNOWN)
    if unknown:
        raise QueryError(f"unknown parameter {unknown[0]}")
    per_page = _per_page(params.get("perPage"))
    stmt = (
        select(JourneyEvent, Batch, Stamp.serial)
        .join(Batch, JourneyEvent.batch_id == Batch.id)
        .join(Product, Batch.product_id == Product.id)
        .join(Organisation, Product.organisation_id == Organisation.id)
        .where(*PUBLISHED)  # journeys are public once the province approves them
        .outerjoin(Stamp, JourneyEvent.stamp_id == Stamp.id)
        .options(contains_eager(Batch.product).selectinload(Product.organisation))
        .order_by(JourneyEvent.event_time, JourneyEvent.id)
    )
    if not include_items:
        stmt = stmt.where(JourneyEvent.stamp_id.is_(None))
    if "eventType" in params and "ObjectEvent" not in _words(params["eventType"]):
        return Page([], None)  # every event we publish is an ObjectEvent
    for name, column, bound in (
        ("GE_eventTime", JourneyEvent.event_time, "ge"),
        ("LT_eventTime", JourneyEvent.event_time, "lt"),
        ("GE_recordTime", JourneyEvent.recorded_at, "ge"),
        ("LT_recordTime", JourneyEvent.recorded_at, "lt"),
    ):
        if name in params:
            moment = _moment(name, params[name])
            stmt = stmt.where(column >= moment if bound == "ge" else column < moment)
    if "EQ_bizStep" in params:
        steps = [
            step.removeprefix(epcis.OWN_VOCABULARY)
            for step in _words(params["EQ_bizStep"])
        ]
        stmt = stmt.where(JourneyEvent.biz_step.in_(steps))
    items = _links(params, ("MATCH_epc", "MATCH_anyEPC"), serial=True)
    classes = _links(params, ("MATCH_epcClass", "MATCH_anyEPCClass"), serial=False)
    if items or classes:
        stmt = stmt.where(or_(*_item_filters(items), *_class_filters(classes)))
    if "nextPageToken" in params:
        after_time, after_id = _decode_token(params["nextPageToken"])
        stmt = stmt.where(
            tuple_(JourneyEvent.event_time, JourneyEvent.id)
            > tuple_(after_time, after_id)
        )
    rows = session.execute(stmt.limit(per_page + 1)).all()
    more = len(rows) > per_page
    rows = rows[:per_page]
    events = [epcis.event(event, batch, serial) for event, batch, serial in rows]
    token = _encode_token(rows[-1][0]) if more else None
    lots = {batch.id: batch for _, batch, serial in rows if serial is None}
    return Page(events, token, [lots[key] for key in sorted(lots)])


def query_document(events: list[dict], created: datetime) -> dict:
    """An EPCISQueryDocument holding a page of results."""
    return {
        "@context": [epcis.EPCIS_CONTEXT],
        "type": "EPCISQueryDocument",
        "schemaVersion": "2.0",
        "creationDate": created.isoformat(),
        "epcisBody": {
            "queryResults": {
                "queryName": "SimpleEventQuery",
                "resultsBody": {"eventList": events},
            }
        },
    }


def _item_filters(links):
    # An item's own events, and the events of its lot (they happened to it too).
    filters = []
    for link in links:
        filters.append(and_(Product.gtin == link.gtin, Stamp.serial == link.serial))
        if link.lot:
            filters += _class_filters([link])
    return filters


def _class_filters(links):
    return [
        and_(
            Product.gtin == link.gtin,
            Batch.lot_code == link.lot,
            JourneyEvent.stamp_id.is_(None),
        )
        for link in links
    ]


def _links(params, names, serial: bool):
    found = []
    for name in names:
        for text in _words(params.get(name, "")):
            try:
                link = digital_link.parse(text)
            except DigitalLinkError:
                raise QueryError(f"{name}: not a GS1 Digital Link") from None
            if serial and not link.serial:
                raise QueryError(f"{name}: an item link needs a serial (/21/)")
            if not serial and (not link.lot or link.serial):
                raise QueryError(f"{name}: a lot link needs /10/ and no serial")
            found.append(link)
    return found


def _words(value: str) -> list[str]:
    return [word.strip() for word in value.split(",") if word.strip()]


def _moment(name: str, value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise QueryError(f"{name}: not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise QueryError(f"{name}: needs a time zone offset")
    return moment


def _per_page(value: str | None) -> int:
    if value is None:
        return DEFAULT_PAGE
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise QueryError(f"perPage: a whole number from 1 to {MAX_PAGE}")
    return int(value)


def _encode_token(event: JourneyEvent) -> str:
    raw = f"{event.event_time.isoformat()}|{event.id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_token(token: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        moment, event_id = raw.split("|")
        return datetime.fromisoformat(moment), int(event_id)
    except (ValueError, UnicodeDecodeError):
        raise QueryError("nextPageToken: not a token this server gave") from None

"""A read-only subset of the EPCIS 2.0 query interface over our journey events.

Supported SimpleEventQuery parameters (REST binding names, lists separated by
`|` as the binding's pipeDelimited style says): eventType, GE_/LT_eventTime,
GE_/LT_recordTime, EQ_action, EQ_bizStep, EQ_disposition, EQ_readPoint,
EQ_bizLocation, EQ_eventID, MATCH_epc / MATCH_anyEPC (items, as Digital Links
or sgtin URNs), MATCH_epcClass / MATCH_anyEPCClass (lots, as Digital Links or
lgtin URNs), orderBy (eventTime, recordTime), orderDirection, eventCountLimit,
perPage and nextPageToken. Anything else is refused, as the standard asks,
rather than silently ignored.

The query is built in one place (`statement`) so that a caller can narrow it
further, for instance to hide some events from some readers, before it runs.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Select, and_, func, not_, or_, select, tuple_
from sqlalchemy.orm import Session, contains_eager

from webapp.models import Batch, JourneyEvent, Organisation, Product, Stamp
from webapp.services.catalog.published import PUBLISHED
from webapp.services.common.errors import DigitalLinkError
from webapp.services.standards import digital_link, epc_urn, epcis
from webapp.services.standards.gtin import check_digit

DEFAULT_PAGE, MAX_PAGE = 100, 500
KNOWN = {
    "eventType", "GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime",
    "EQ_action", "EQ_bizStep", "EQ_disposition", "EQ_readPoint", "EQ_bizLocation",
    "EQ_eventID", "MATCH_epc", "MATCH_anyEPC", "MATCH_epcClass", "MATCH_anyEPCClass",
    "orderBy", "orderDirection", "eventCountLimit", "perPage", "nextPageToken",
}  # fmt: skip
ORDER_COLUMNS = {
    "eventTime": JourneyEvent.event_time,
    "recordTime": JourneyEvent.recorded_at,
}
CBV_BIZ_STEP = "https://ref.gs1.org/cbv/BizStep-"
CBV_DISPOSITION = "https://ref.gs1.org/cbv/Disp-"
GLN_URI = f"{epcis.CANONICAL_BASE}/414/"


class QueryError(ValueError):
    """A parameter the query cannot accept; str(error) names it."""


class NoSuchLot(QueryError):
    """The lot asked for does not exist or is not public."""


@dataclass(frozen=True)
class Page:
    events: list[dict]
    next_token: str | None
    # The lots whose own (not one item's) events are on this page, for master data.
    lots: list[Batch] = field(default_factory=list)


def run(
    session: Session,
    params: Mapping[str, str],
    narrow=None,
    include_items: bool = False,
) -> Page:
    """The events matching params, one page at a time.

    narrow, if given, takes the statement and returns it with more conditions.
    Events about single items (inspections) name serials a cloner could copy:
    only signed-in staff (include_items) get them.
    """
    stmt, order = statement(params)
    if stmt is None:
        return Page([], None)
    if not include_items:
        stmt = stmt.where(JourneyEvent.stamp_id.is_(None))
    if narrow is not None:
        stmt = narrow(stmt)
    per_page = _per_page(params.get("perPage"))
    limit = _count(params.get("eventCountLimit"), "eventCountLimit")
    if limit is not None and "orderBy" not in params:  # as the binding requires
        raise QueryError("eventCountLimit: only with orderBy")
    shown = 0
    column, descending = order
    key = ORDER_COLUMNS[column]
    if "nextPageToken" in params:
        after_column, after_value, after_id, shown = _decode_token(
            params["nextPageToken"]
        )
        if after_column != column:
            raise QueryError("nextPageToken: given for another orderBy")
        after = tuple_(after_value, after_id)
        here = tuple_(key, JourneyEvent.id)
        stmt = stmt.where(here < after if descending else here > after)
    if limit is not None:
        per_page = min(per_page, limit - shown)
        if per_page <= 0:
            return Page([], None)
    if descending:
        ordering = (key.desc(), JourneyEvent.id.desc())
    else:
        ordering = (key.asc(), JourneyEvent.id.asc())
    rows = session.execute(stmt.order_by(*ordering).limit(per_page + 1)).all()
    more = len(rows) > per_page and (limit is None or shown + per_page < limit)
    rows = rows[:per_page]
    events = [epcis.event(event, batch, serial) for event, batch, serial in rows]
    token = None
    if more:
        last = rows[-1][0]
        value = last.event_time if column == "eventTime" else last.recorded_at
        token = _encode_token(column, value, last.id, shown + len(rows))
    lots = {batch.id: batch for _, batch, serial in rows if serial is None}
    return Page(events, token, [lots[key] for key in sorted(lots)])


def export_page(
    session: Session, args: Mapping[str, str], include_items: bool = False
) -> Page:
    """What an export holds: one public lot (gtin, lot) or a period (from, to:
    dates in Vietnam), up to MAX_PAGE events; QueryError when neither is given."""
    if args.get("gtin") and args.get("lot"):
        batch = session.scalar(
            select(Batch)
            .join(Batch.product)
            .join(Product.organisation)
            .where(Product.gtin == args["gtin"], Batch.lot_code == args["lot"])
            .where(*PUBLISHED)
        )
        if batch is None:
            raise NoSuchLot("no such lot")
        lot = digital_link.DigitalLink(batch.product.gtin, lot=batch.lot_code)
        params = {"MATCH_anyEPCClass": lot.uri(epcis.CANONICAL_BASE)}
    elif args.get("from") and args.get("to"):
        params = {
            "GE_eventTime": f"{args['from']}T00:00:00+07:00",
            "LT_eventTime": f"{args['to']}T00:00:00+07:00",
        }
    else:
        raise QueryError("give gtin and lot, or from and to (YYYY-MM-DD)")
    return run(session, {**params, "perPage": str(MAX_PAGE)}, None, include_items)


def statement(params: Mapping[str, str]) -> tuple[Select | None, tuple[str, bool]]:
    """The unordered query for params (None if nothing can match) and its order."""
    unknown = sorted(set(params) - KNOWN)
    if unknown:
        raise QueryError(f"unknown parameter {unknown[0]}")
    order = _order(params)
    stmt = (
        select(JourneyEvent, Batch, Stamp.serial)
        .join(Batch, JourneyEvent.batch_id == Batch.id)
        .join(Product, Batch.product_id == Product.id)
        .join(Organisation, Product.organisation_id == Organisation.id)
        .where(*PUBLISHED)  # journeys are public once the province approves them
        .outerjoin(Stamp, JourneyEvent.stamp_id == Stamp.id)
        .options(contains_eager(Batch.product).selectinload(Product.organisation))
    )
    for name, column, bound in (
        ("GE_eventTime", JourneyEvent.event_time, "ge"),
        ("LT_eventTime", JourneyEvent.event_time, "lt"),
        ("GE_recordTime", JourneyEvent.recorded_at, "ge"),
        ("LT_recordTime", JourneyEvent.recorded_at, "lt"),
    ):
        if name in params:
            moment = _moment(name, params[name])
            stmt = stmt.where(column >= moment if bound == "ge" else column < moment)
    if "EQ_action" in params:
        stmt = stmt.where(or_(*(_action(a) for a in _words(params["EQ_action"]))))
    if "EQ_bizStep" in params:
        steps = [
            step.removeprefix(epcis.OWN_VOCABULARY).removeprefix(CBV_BIZ_STEP)
            for step in _words(params["EQ_bizStep"])
        ]
        stmt = stmt.where(JourneyEvent.biz_step.in_(steps))
    if "EQ_disposition" in params:
        values = [
            value.removeprefix(CBV_DISPOSITION)
            for value in _words(params["EQ_disposition"])
        ]
        stmt = stmt.where(JourneyEvent.disposition.in_(values))
    for name in ("EQ_readPoint", "EQ_bizLocation"):  # we record one place for both
        if name in params:
            stmt = stmt.where(or_(*(_place(name, v) for v in _words(params[name]))))
    if "EQ_eventID" in params:
        stmt = stmt.where(JourneyEvent.event_id.in_(_words(params["EQ_eventID"])))
    items = _links(params, ("MATCH_epc", "MATCH_anyEPC"), serial=True)
    classes = _links(params, ("MATCH_epcClass", "MATCH_anyEPCClass"), serial=False)
    if items or classes:
        stmt = stmt.where(or_(*_item_filters(items), *_class_filters(classes)))
    if "eventType" in params and "ObjectEvent" not in _words(params["eventType"]):
        return None, order  # every event we publish is an ObjectEvent
    return stmt, order


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
        its_lot = (
            select(Stamp.batch_id)
            .join(Batch, Stamp.batch_id == Batch.id)
            .join(Product, Batch.product_id == Product.id)
            .where(Product.gtin == link.gtin, Stamp.serial == link.serial)
        )
        if link.lot:
            its_lot = its_lot.where(Batch.lot_code == link.lot)
        filters.append(
            and_(
                JourneyEvent.stamp_id.is_(None),
                JourneyEvent.batch_id.in_(its_lot.scalar_subquery()),
            )
        )
    return filters


def _action(word: str):
    # As published: a transformation is shown as ADD, no action as OBSERVE.
    transformation = JourneyEvent.event_type == "TransformationEvent"
    if word == "ADD":
        return or_(JourneyEvent.action == "ADD", transformation)
    if word == "OBSERVE":
        return and_(
            or_(JourneyEvent.action == "OBSERVE", JourneyEvent.action.is_(None)),
            not_(transformation),
        )
    if word == "DELETE":
        return and_(JourneyEvent.action == "DELETE", not_(transformation))
    raise QueryError("EQ_action: ADD, OBSERVE or DELETE")


def _place(name: str, value: str):
    if value.startswith(GLN_URI):
        return JourneyEvent.gln == value.removeprefix(GLN_URI)
    if value.startswith("urn:epc:id:sgln:"):  # CompanyPrefix.LocationRef.Extension
        parts = value.removeprefix("urn:epc:id:sgln:").split(".")
        digits = "".join(parts[:2])
        if len(parts) == 3 and len(digits) == 12 and digits.isdigit():
            return JourneyEvent.gln == digits + str(check_digit(digits))
    if value.startswith("geo:"):
        try:
            lat, lon = (float(x) for x in value.removeprefix("geo:").split(","))
        except ValueError:
            raise QueryError(f"{name}: not a geo: URI") from None
        return and_(
            JourneyEvent.gln.is_(None),
            func.abs(JourneyEvent.latitude - lat) < 0.00005,
            func.abs(JourneyEvent.longitude - lon) < 0.00005,
        )
    raise QueryError(f"{name}: a GLN Digital Link, an sgln URN or a geo: URI")


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
            link = epc_urn.parse(text) if text.startswith("urn:") else None
            try:
                link = link or digital_link.parse(text)
            except DigitalLinkError:
                raise QueryError(f"{name}: not a GS1 Digital Link or EPC URN") from None
            if serial and not link.serial:
                raise QueryError(f"{name}: an item link needs a serial (/21/)")
            if not serial and (not link.lot or link.serial):
                raise QueryError(f"{name}: a lot link needs /10/ and no serial")
            found.append(link)
    return found


def _words(value: str) -> list[str]:
    # The REST binding's pipeDelimited lists: a comma may be part of a value.
    return [word.strip() for word in value.split("|") if word.strip()]


def _order(params: Mapping[str, str]) -> tuple[str, bool]:
    column = params.get("orderBy", "eventTime")
    if column not in ORDER_COLUMNS:
        raise QueryError("orderBy: eventTime or recordTime")
    # The standard's default direction is DESC once orderBy is given.
    default = "DESC" if "orderBy" in params else "ASC"
    direction = params.get("orderDirection", default)
    if direction not in ("ASC", "DESC"):
        raise QueryError("orderDirection: ASC or DESC")
    return column, direction == "DESC"


def _count(value: str | None, name: str) -> int | None:
    if value is None:
        return None
    if not _whole(value) or int(value) < 1:
        raise QueryError(f"{name}: a whole number from 1")
    return int(value)


def _moment(name: str, value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise QueryError(f"{name}: not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise QueryError(f"{name}: needs a time zone offset")
    try:
        moment.astimezone(UTC)  # 0001-01-01T00:00+14:00 lies before year 1
    except OverflowError:
        raise QueryError(f"{name}: out of range") from None
    return moment


def _whole(value: str) -> bool:
    """ASCII digits only: str.isdigit() also takes '²', which int() refuses."""
    return value.isascii() and value.isdigit()


def _per_page(value: str | None) -> int:
    if value is None:
        return DEFAULT_PAGE
    if not _whole(value) or not 1 <= int(value) <= MAX_PAGE:
        raise QueryError(f"perPage: a whole number from 1 to {MAX_PAGE}")
    return int(value)


# Event ids are 32-bit integers in PostgreSQL: a larger one is no token of ours.
MAX_EVENT_ID = 2**31 - 1


def _encode_token(column: str, value: datetime, event_id: int, shown: int) -> str:
    raw = f"{column}|{value.isoformat()}|{event_id}|{shown}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_token(token: str) -> tuple[str, datetime, int, int]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        column, moment, event_id, shown = raw.split("|")
        when = datetime.fromisoformat(moment)
        if column not in ORDER_COLUMNS or when.tzinfo is None:
            raise ValueError(column)
        when.astimezone(UTC)  # OverflowError before year 1
        for number in (event_id, shown):
            if not _whole(number) or int(number) > MAX_EVENT_ID:
                raise ValueError(number)
        if int(event_id) == 0:
            raise ValueError(event_id)
        return column, when, int(event_id), int(shown)
    except (ValueError, UnicodeDecodeError, OverflowError):
        raise QueryError("nextPageToken: not a token this server gave") from None

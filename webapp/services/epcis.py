"""Journey events as an EPCIS 2.0 JSON-LD document."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from webapp.models import Batch, JourneyEvent
from webapp.services.digital_link import DigitalLink

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
CANONICAL_BASE = "https://id.gs1.org"


def document(
    batch: Batch,
    serial: str | None,
    created: datetime,
    item_events: Sequence[JourneyEvent] = (),
) -> dict:
    """An EPCISDocument with the batch's events, scoped to one item if serial.

    item_events are about that one item (an inspection) and join the list.
    """
    events = sorted([*batch.events, *item_events], key=lambda e: e.event_time)
    return {
        "@context": [EPCIS_CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": created.isoformat(),
        "epcisBody": {"eventList": [event(e, batch, serial) for e in events]},
    }


def event(item: JourneyEvent, batch: Batch, serial: str | None) -> dict:
    """One journey event in EPCIS 2.0 JSON-LD form."""
    gtin, lot = batch.product.gtin, batch.lot_code
    result: dict = {
        "type": item.event_type,
        "eventID": item.event_id,
        "eventTime": item.event_time.isoformat(),
        "eventTimeZoneOffset": item.event_tz_offset,
        "bizStep": item.biz_step,
    }
    what = _what(gtin, lot, serial, batch.quantity)
    if item.event_type == "TransformationEvent":
        result["outputEPCList" if serial else "outputQuantityList"] = what
    else:
        result["epcList" if serial else "quantityList"] = what
        result["action"] = item.action or "OBSERVE"
    if item.disposition:
        result["disposition"] = item.disposition
    location = _location(item)
    if location:
        result["readPoint"] = {"id": location}
        result["bizLocation"] = {"id": location}
    # EPCIS allows instance/lot master data only where the objects come to be.
    if item.action == "ADD" or item.event_type == "TransformationEvent":
        result["ilmd"] = _ilmd(batch)
    return result


def _what(gtin: str, lot: str, serial: str | None, quantity: int) -> list:
    if serial:
        return [DigitalLink(gtin, lot=lot, serial=serial).uri(CANONICAL_BASE)]
    epc_class = DigitalLink(gtin, lot=lot).uri(CANONICAL_BASE)
    return [{"epcClass": epc_class, "quantity": quantity, "uom": "H87"}]


def _location(item: JourneyEvent) -> str | None:
    if item.gln:
        return f"{CANONICAL_BASE}/414/{item.gln}"
    if item.latitude is not None and item.longitude is not None:
        return f"geo:{item.latitude:.4f},{item.longitude:.4f}"
    return None


def _ilmd(batch: Batch) -> dict:
    ilmd = {"cbvmda:lotNumber": batch.lot_code, "cbvmda:countryOfOrigin": "VN"}
    if batch.expires_on:
        ilmd["cbvmda:itemExpirationDate"] = batch.expires_on.isoformat()
    return ilmd

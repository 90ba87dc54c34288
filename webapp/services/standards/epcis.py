"""Journey events as an EPCIS 2.0 JSON-LD document."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from webapp.models import Batch, JourneyEvent, Product
from webapp.services.standards.digital_link import DigitalLink

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
CANONICAL_BASE = "https://id.gs1.org"
OWN_VOCABULARY = "urn:ocop-trace:bizstep:"  # steps CBV has no word for (harvesting)
# Master-data attributes CBV has no word for: the programme's kinds and sectors.
OWN_ATTRIBUTES = "urn:ocop-trace:mda:"
CBV_BIZ_STEPS = frozenset(
    """accepting arriving assembling collecting commissioning consigning
    creating_class_instance cycle_counting decommissioning departing destroying
    disassembling dispensing encoding entering_exiting holding inspecting installing
    killing loading other packing picking receiving removing repackaging repairing
    replacing reserving retail_selling sampling sensor_reporting shipping
    staging_outbound stock_taking stocking storing transporting unloading unpacking
    void_shipping""".split()
)


def document(
    batch: Batch,
    serial: str | None,
    created: datetime,
    item_events: Sequence[JourneyEvent] = (),
) -> dict:
    """An EPCISDocument with the batch's events and, if serial, that item's own.

    An event ID names one event wherever it is published: the lot's events
    appear exactly as in the export and the query interface (about the lot's
    class, which holds the item); item_events (an inspection) are about the
    one item and list it.
    """
    rows: list[tuple[JourneyEvent, str | None]]
    rows = [(e, None) for e in batch.events]  # the lot's own, not its items'
    rows += [(e, serial) for e in item_events]
    rows.sort(key=lambda row: (row[0].event_time, row[0].id))
    return {
        "@context": [EPCIS_CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": created.isoformat(),
        "epcisBody": {"eventList": [event(e, batch, s) for e, s in rows]},
    }


def master_data(batches: Sequence[Batch]) -> dict:
    """epcisHeader with each lot's product master data (EPCClass vocabulary)."""
    elements = []
    for batch in batches:
        product = batch.product
        attributes = {
            "cbvmda:regulatedProductName": product.name_vi,
            "cbvmda:manufacturerOfTradeItemPartyName": product.organisation.name,
            "cbvmda:countryOfOrigin": "VN",
            "cbvmda:lotNumber": batch.lot_code,
            "cbvmda:netContentDescription": product.net_content,
            "cbvmda:itemExpirationDate": (
                batch.expires_on.isoformat() if batch.expires_on else None
            ),
        }
        pairs = [*attributes.items(), *programme_attributes(product)]
        elements.append(
            {
                "id": DigitalLink(product.gtin, lot=batch.lot_code).uri(CANONICAL_BASE),
                "attributes": [
                    {"id": key, "attribute": value} for key, value in pairs if value
                ],
            }
        )
    vocabulary = {
        "type": "urn:epcglobal:epc:vtype:EPCClass",
        "vocabularyElementList": elements,
    }
    return {"epcisMasterData": {"vocabularyList": [vocabulary]}}


def programme_attributes(product: Product) -> list[tuple[str, object]]:
    """One productKind per kind, the sector, and the OCOP rating for OCOP only."""
    pairs: list[tuple[str, object]]
    pairs = [(OWN_ATTRIBUTES + "productKind", kind) for kind in product.kinds]
    pairs.append((OWN_ATTRIBUTES + "sector", product.sector))
    if product.is_ocop:
        pairs += [
            (OWN_ATTRIBUTES + "ocopStars", product.ocop_stars),
            (OWN_ATTRIBUTES + "ocopCertificate", product.ocop_certificate_no),
        ]
    return pairs


def export_document(
    batches: Sequence[Batch], events: Sequence[dict], created: datetime
) -> dict:
    """An EPCISDocument of events with the master data of the lots they concern."""
    return {
        "@context": [EPCIS_CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": created.isoformat(),
        "epcisHeader": master_data(batches),
        "epcisBody": {"eventList": list(events)},
    }


def event(item: JourneyEvent, batch: Batch, serial: str | None) -> dict:
    """One journey event in EPCIS 2.0 JSON-LD form."""
    gtin, lot = batch.product.gtin, batch.lot_code
    # A transformation must list its inputs; we record none (the fresh fruit
    # has no identifier), so the lot coming into being is an ObjectEvent ADD,
    # which is how CBV describes creating_class_instance.
    event_type, action = item.event_type, item.action
    if event_type == "TransformationEvent":
        event_type, action = "ObjectEvent", "ADD"
    result: dict = {
        "type": event_type,
        "eventID": item.event_id,
        "eventTime": item.event_time.isoformat(),
        "eventTimeZoneOffset": item.event_tz_offset,
        "recordTime": item.recorded_at.isoformat(),
        "bizStep": biz_step(item.biz_step),
    }
    what = _what(gtin, lot, serial, batch.quantity)
    result["epcList" if serial else "quantityList"] = what
    result["action"] = action or "OBSERVE"
    if item.disposition:
        result["disposition"] = item.disposition
    location = _location(item)
    if location:
        result["readPoint"] = {"id": location}
        result["bizLocation"] = {"id": location}
    # EPCIS allows instance/lot master data only where the objects come to be.
    if result["action"] == "ADD":
        result["ilmd"] = _ilmd(batch)
    return result


def biz_step(step: str) -> str:
    """A CBV 2.0 business step as a bare word, or ours as a URI of our vocabulary."""
    return step if step in CBV_BIZ_STEPS else f"{OWN_VOCABULARY}{step}"


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

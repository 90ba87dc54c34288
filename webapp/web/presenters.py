"""Turn a resolution into the data a story page or its JSON twin shows."""

from __future__ import annotations

from webapp.models import Batch, JourneyEvent, Organisation, Product, Stamp
from webapp.services.catalog.resolution import Resolution
from webapp.services.common.clock import today_in_vietnam
from webapp.services.places import regions
from webapp.web import vocab
from webapp.web.links import event_photo_url, product_image_url


def story_data(resolution: Resolution, lang: str, base_url: str) -> dict:
    """Everything the story shows, as plain JSON-ready data in lang."""
    link = resolution.link
    data: dict = {
        "uri": link.uri(base_url),
        "level": link.level,
        "gtin": link.gtin,
        "lot": link.lot,
        "serial": link.serial,
        "lang": lang,
        "code_status": {
            "issued": resolution.found,
            "reasons": list(resolution.reasons),
            "notices": list(resolution.notices),
            "explanations": explanations(resolution.reasons, resolution.notices),
        },
    }
    if resolution.product is not None:
        data["product"] = product_data(resolution.product, lang)
        data["producer"] = producer_data(resolution.product.organisation, lang)
        data["demo"] = resolution.product.organisation.is_demo
    if resolution.batch is not None:
        data["batch"] = batch_data(resolution.batch, lang)
        data["journey"] = [event_data(e, lang) for e in journey(resolution)]
    if resolution.stamp is not None:
        data["stamp"] = stamp_data(resolution.stamp)
    if "awaiting_approval" in resolution.notices:
        data.pop("journey", None)  # published only once the province approves
        data.get("product", {}).pop("story", None)
    return data


def journey(resolution: Resolution) -> list[JourneyEvent]:
    """The batch's events, with the item's own (inspections) when one item is asked."""
    events = list(resolution.batch.events) if resolution.batch else []
    if resolution.stamp is not None:
        events += resolution.stamp.events
    return sorted(events, key=lambda e: e.event_time)


def explanations(reasons: list[str], notices: list[str]) -> dict[str, str]:
    """Plain-language sentence for each reason and notice code."""
    found = {code: vocab.label(vocab.REASONS, code) for code in reasons}
    found.update({code: vocab.label(vocab.NOTICES, code) for code in notices})
    return found


def product_data(product: Product, lang: str) -> dict:
    texts = {
        field: product.localized(field, lang)
        for field in ("name", "summary", "story", "ingredients", "storage")
    }
    return {
        "gtin": product.gtin,
        **{field: text.text for field, text in texts.items()},
        "text_langs": {field: text.lang for field, text in texts.items() if text},
        "image": _image_url(product),
        "category": {
            "code": product.category,
            "label": vocab.label(vocab.OCOP_CATEGORIES, product.category),
        },
        "kinds": [
            {"code": kind, "label": vocab.label(vocab.PRODUCT_KINDS, kind)}
            for kind in product.kinds
        ],
        "sector": {
            "code": product.sector,
            "label": vocab.label(vocab.SECTORS, product.sector),
        },
        "ocop": _ocop_data(product),
        "key_decision_no": product.key_decision_no,
        "declaration_no": product.declaration_no,
        "trademark": product.trademark,
        "standards": list(product.standards or []),
        "net_content": product.net_content,
        "shelf_life_days": product.shelf_life_days,
    }


def _ocop_data(product: Product) -> dict | None:
    """Stars and certificate: OCOP products only (None for the others)."""
    certified_on, valid_until = product.ocop_certified_on, product.ocop_valid_until
    if not product.is_ocop or certified_on is None or valid_until is None:
        return None  # the database refuses an OCOP product without both dates
    return {
        "stars": product.ocop_stars,
        "certificate_no": product.ocop_certificate_no,
        "issuer": product.ocop_issuer,
        "certified_on": certified_on.isoformat(),
        "valid_until": valid_until.isoformat(),
        "valid_today": product.certificate_valid_on(today_in_vietnam()),
    }


def producer_data(organisation: Organisation, lang: str) -> dict:
    ward = regions.ward(organisation.ward_code)
    province = regions.province(organisation.province_code)
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "kind_label": vocab.label(vocab.ORGANISATION_KINDS, organisation.kind),
        "tax_code": organisation.tax_code,
        "gln": organisation.gln,
        "address": regions.address(
            organisation.ward_code, lang, organisation.address_line
        ),
        "ward": _division(ward, lang),
        "province": _division(province, lang),
        "phone": organisation.phone,
        "email": organisation.email,
        "website": organisation.website,
    }


def batch_data(batch: Batch, lang: str) -> dict:
    return {
        "lot": batch.lot_code,
        "produced_on": batch.produced_on.isoformat(),
        "expires_on": batch.expires_on.isoformat() if batch.expires_on else None,
        "quantity": batch.quantity,
        "status": batch.status,
        "status_label": vocab.label(vocab.BATCH_STATUSES, batch.status),
        "authorised_provinces": [
            _division(regions.province(code), lang) for code in batch.province_codes
        ],
    }


def event_data(event: JourneyEvent, lang: str) -> dict:
    if event.biz_step == "inspecting":
        return inspection_event_data(event, lang)
    place = event.localized("place", lang)
    note = event.localized("note", lang)
    ward = regions.ward(event.ward_code) if event.ward_code else None
    province = regions.province(event.province_code) if event.province_code else None
    return {
        "event_id": event.event_id,
        "type": event.event_type,
        "action": event.action,
        "biz_step": event.biz_step,
        "biz_step_label": vocab.label(vocab.BIZ_STEPS, event.biz_step),
        "disposition": event.disposition,
        "time": event.event_time.isoformat(),
        "time_zone_offset": event.event_tz_offset,
        "place": place.text,
        "place_lang": place.lang,
        "location_code": event.gln or event.ward_code,
        "gln": event.gln,
        "ward": _division(ward, lang),
        "province": _division(province, lang),
        "lat": event.latitude,
        "lon": event.longitude,
        "note": note.text or None,
        "note_lang": note.lang if note else None,
        "photo": event_photo_url(event.photo_path, external=True)
        if event.photo_path
        else None,
    }


def inspection_event_data(event: JourneyEvent, lang: str) -> dict:
    """An inspection, as the public sees it: when, the outcome, the province at most.

    The inspector's note, place, position and photo are internal records.
    """
    province = regions.province(event.province_code) if event.province_code else None
    return {
        "event_id": event.event_id,
        "type": event.event_type,
        "action": event.action,
        "biz_step": event.biz_step,
        "biz_step_label": vocab.label(vocab.BIZ_STEPS, event.biz_step),
        "disposition": event.disposition,
        "disposition_label": vocab.label(vocab.DISPOSITIONS, event.disposition),
        "time": event.event_time.isoformat(),
        "time_zone_offset": event.event_tz_offset,
        "place": None,
        "place_lang": None,
        "location_code": None,
        "gln": None,
        "ward": None,
        "province": _division(province, lang),
        "lat": None,
        "lon": None,
        "note": None,
        "note_lang": None,
        "photo": None,
    }


def stamp_data(stamp: Stamp) -> dict:
    return {
        "serial": stamp.serial,
        "status": stamp.status,
        "status_label": vocab.label(vocab.STAMP_STATUSES, stamp.status),
        "has_pin": stamp.has_pin,
    }


def _division(division: regions.Division | None, lang: str) -> dict | None:
    if division is None:
        return None
    return {"code": division.code, "name": division.short_label(lang)}


def _image_url(product: Product) -> str | None:
    if not product.image_path:
        return None
    return product_image_url(product.image_path, external=True)

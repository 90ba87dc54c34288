"""The outbox toward the national portal: queue once, send in order, never twice.

A batch's records go out as a chain of items (organisation -> product ->
production order -> chain initialisation -> one item per journey stage the
portal knows). Each item is sent only after its parent is done. Before any
create, the portal is asked whether the record is already there (by GTIN,
lot, our event id…), so an attempt that reached the portal but whose answer
was lost is adopted, not repeated. Failures the portal may recover from wait
with exponential backoff; refusals wait for the producer to fix the data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from webapp.models import Batch, JourneyEvent, Organisation, PortalItem, Product
from webapp.services import DATA_DIR
from webapp.services.standards.gtin import has_valid_check_digit
from webapp.services.standards.national_portal import PortalClient, Rejected, Retryable

STAGE_MAP = (
    DATA_DIR / "national_portal_stages.json"
)
FIRST_RETRY = timedelta(seconds=60)
LONGEST_WAIT = timedelta(hours=6)
LEASE = timedelta(minutes=5)


@cache
def _stage_map() -> dict[str, str]:
    return json.loads(STAGE_MAP.read_text(encoding="utf-8"))


def stage_for(biz_step: str) -> str | None:
    """The portal stage a business step maps to (data, not code), or None."""
    return _stage_map().get(biz_step)


def enqueue_batch(session: Session, batch: Batch) -> list[PortalItem]:
    """Queue the batch and everything it needs on the portal; the caller commits."""
    product = batch.product
    organisation = product.organisation
    org_item = _item(session, "organisation", organisation.id, organisation.id, None)
    product_item = _item(session, "product", product.id, organisation.id, org_item)
    order_item = _item(
        session, "production_order", batch.id, organisation.id, product_item
    )
    chain_item = _item(session, "chain", batch.id, organisation.id, order_item)
    items = [org_item, product_item, order_item, chain_item]
    for event in batch.events:
        if stage_for(event.biz_step):
            items.append(_item(session, "stage", event.id, organisation.id, chain_item))
    return items


def follow_event(session: Session, event: JourneyEvent) -> PortalItem | None:
    """Queue a new journey event if its batch is already on its way to the portal."""
    chain_item = session.scalar(
        select(PortalItem).where(
            PortalItem.kind == "chain", PortalItem.object_id == event.batch_id
        )
    )
    if chain_item is None or not stage_for(event.biz_step):
        return None
    return _item(session, "stage", event.id, chain_item.organisation_id, chain_item)


def items_of_batch(session: Session, batch: Batch) -> list[PortalItem]:
    """The outbox items this batch depends on or produced, in sending order."""
    event_ids = [event.id for event in batch.events]
    return list(
        session.scalars(
            select(PortalItem)
            .where(
                PortalItem.organisation_id == batch.product.organisation_id,
                or_(
                    PortalItem.kind == "organisation",
                    (PortalItem.kind == "product")
                    & (PortalItem.object_id == batch.product_id),
                    PortalItem.kind.in_(("production_order", "chain"))
                    & (PortalItem.object_id == batch.id),
                    (PortalItem.kind == "stage") & PortalItem.object_id.in_(event_ids),
                ),
            )
            .order_by(PortalItem.id)
        )
    )


def retry(item: PortalItem, now: datetime) -> None:
    """Send a refused item again, after the producer fixed its data."""
    item.status, item.attempts, item.next_attempt_at = "queued", 0, now
    item.error_code = item.error_detail = None
    item.updated_at = now


@dataclass
class Summary:
    sent: int = 0
    retrying: int = 0
    rejected: int = 0
    waiting: int = 0
    codes: list[str] = field(default_factory=list)


def process(
    session: Session,
    client: PortalClient,
    now: datetime,
    image_url: Callable[[Product], str | None],
    limit: int = 200,
) -> Summary:
    """Send what is due, committing after each item so nothing is lost."""
    summary = Summary()
    due = session.scalars(
        select(PortalItem)
        .where(
            PortalItem.next_attempt_at <= now,
            or_(
                PortalItem.status.in_(("queued", "retrying")),
                (PortalItem.status == "sending") & (PortalItem.lease_until < now),
            ),
        )
        .order_by(PortalItem.id)
        .limit(limit)
    ).all()
    for item in due:
        if item.parent is not None and item.parent.status != "done":
            summary.waiting += 1
            continue
        item.status, item.lease_until = "sending", now + LEASE
        item.attempts += 1
        session.commit()  # a crash from here on leaves a lease, not a lost item
        try:
            item.remote_id = _send(session, client, item, image_url)
            item.status, item.error_code, item.error_detail = "done", None, None
            summary.sent += 1
        except Rejected as refusal:
            item.status, item.error_code = "rejected", refusal.code
            item.error_detail = refusal.detail[:500]
            summary.rejected += 1
            summary.codes.append(refusal.code)
        except Retryable as failure:
            item.status, item.error_code = "retrying", failure.code
            item.error_detail = failure.detail[:500]
            item.next_attempt_at = now + min(
                FIRST_RETRY * 2 ** (item.attempts - 1), LONGEST_WAIT
            )
            summary.retrying += 1
            summary.codes.append(failure.code)
        item.lease_until, item.updated_at = None, now
        session.commit()
    return summary


def _item(session, kind, object_id, organisation_id, parent) -> PortalItem:
    found = session.scalar(
        select(PortalItem).where(
            PortalItem.kind == kind, PortalItem.object_id == object_id
        )
    )
    if found is None:
        found = PortalItem(
            kind=kind,
            object_id=object_id,
            organisation_id=organisation_id,
            parent=parent,
        )
        session.add(found)
        session.flush()
    return found


def _send(session, client: PortalClient, item: PortalItem, image_url) -> str:
    parent = item.parent.remote_id if item.parent else None
    if item.kind == "organisation":
        organisation = session.get(Organisation, item.object_id)
        remote, approved = client.organisation_status(organisation.tax_code)
        if not approved:
            raise Rejected("organisation_not_approved", organisation.tax_code)
        return remote
    if parent is None:  # every other record is sent after the one it belongs to
        raise Retryable("parent_not_sent", f"{item.kind} {item.object_id}")
    if item.kind == "product":
        product = session.get(Product, item.object_id)
        payload = product_payload(product, parent, image_url(product))
        return client.find("product", gtinCode=product.gtin) or client.create(
            "product", payload
        )
    if item.kind == "production_order":
        batch = session.get(Batch, item.object_id)
        payload = order_payload(batch, parent)
        found = client.find("production_order", idSanPham=parent, soLo=batch.lot_code)
        return found or client.create("production_order", payload)
    if item.kind == "chain":
        found = client.find("chain", idLenhSanXuat=parent)
        return found or client.create("chain", {"idLenhSanXuat": parent})
    event = session.get(JourneyEvent, item.object_id)
    stage = stage_for(event.biz_step)
    found = client.find("stage", stage=stage, maSuKien=event.event_id)
    return found or client.create("stage", stage_payload(event, parent), stage=stage)


def product_payload(
    product: Product, organisation_remote: str, image: str | None
) -> dict:
    """The portal's product record; refuses locally what the portal would refuse."""
    if not has_valid_check_digit(product.gtin):
        raise Rejected("invalid_gtin", product.gtin)
    if not image:
        raise Rejected("missing_image", product.gtin)
    weight, unit = _net_weight(product.net_content)
    if weight is None:
        raise Rejected("missing_net_weight", product.net_content or "")
    return {
        "gtinCode": product.gtin,
        "ten": product.name_vi,
        "moTa": product.summary_vi or product.name_vi,
        "hinhAnh": image,
        "donViTinh": "sản phẩm",
        "xuatXu": "Việt Nam",
        "khoiLuongTinh": weight,
        "donViKhoiLuong": unit,
        "idToChucHoSo": organisation_remote,
        **kind_fields(product),
    }


# The programme's kinds as the portal record names them. The client code seen
# for the portal shows no field for kinds or sectors (see the domain notes on
# the portal): these names are ours, sent alongside, until its specification
# says otherwise.
PORTAL_KIND_NAMES = {
    "ocop": "OCOP",
    "key": "SAN_PHAM_CHU_LUC",
    "essential": "HANG_HOA_THIET_YEU",
}


def kind_fields(product: Product) -> dict:
    """Kinds and sector; stars and certificate for OCOP products only."""
    fields: dict[str, object] = {
        "loaiSanPham": [PORTAL_KIND_NAMES[kind] for kind in product.kinds],
        "linhVuc": product.sector,
    }
    certified_on, valid_until = product.ocop_certified_on, product.ocop_valid_until
    if product.is_ocop and certified_on and valid_until:  # both, says the database
        fields["ocop"] = {
            "soSao": product.ocop_stars,
            "soChungNhan": product.ocop_certificate_no,
            "ngayCap": certified_on.isoformat(),
            "hieuLucDen": valid_until.isoformat(),
        }
    if product.is_key:
        fields["quyetDinhSanPhamChuLuc"] = product.key_decision_no
    if product.is_essential:
        fields["soTuCongBo"] = product.declaration_no
    return fields


def order_payload(batch: Batch, product_remote: str) -> dict:
    return {
        "idSanPham": product_remote,
        "soLo": batch.lot_code,
        "ngaySanXuat": batch.produced_on.isoformat(),
        "hanSuDung": batch.expires_on.isoformat() if batch.expires_on else None,
        "soLuong": batch.quantity,
    }


def stage_payload(event: JourneyEvent, trace_code: str) -> dict:
    return {
        "maTruyXuat": trace_code,
        "maSuKien": event.event_id,
        "thoiGian": event.event_time.isoformat(),
        "diaDiem": event.place_vi,
        "moTa": event.note_vi or "",
    }


def _net_weight(text: str | None) -> tuple[float | None, str | None]:
    """'500 g' -> (500.0, 'g'); '1,2 kg' -> (1.2, 'kg'); else (None, None)."""
    match = re.fullmatch(
        r"\s*(\d+(?:[.,]\d+)?)\s*(g|kg|ml|l)\b.*", (text or "").lower()
    )
    if not match:
        return None, None
    return float(match.group(1).replace(",", ".")), match.group(2)

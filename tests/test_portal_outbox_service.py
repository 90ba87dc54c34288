"""The portal outbox called directly: queued once, in order; payloads checked."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests import factories
from webapp.services.standards import portal_outbox
from webapp.services.standards.national_portal import Rejected


def test_a_batch_is_queued_once_with_the_stages_the_portal_knows(db_session):
    batch = factories.batch()
    packing = factories.event(batch, "packing")
    factories.event(batch, "sampling")  # no portal stage
    db_session.refresh(batch)
    items = portal_outbox.enqueue_batch(db_session, batch)
    kinds = [item.kind for item in items]
    assert kinds == ["organisation", "product", "production_order", "chain", "stage"]
    assert items[-1].object_id == packing.id
    assert [item.parent for item in items[1:]] == items[:4]
    assert portal_outbox.enqueue_batch(db_session, batch) == items  # not twice
    assert portal_outbox.items_of_batch(db_session, batch) == items


def test_later_events_follow_only_a_queued_batch(db_session):
    batch = factories.batch()
    early = factories.event(batch, "shipping")
    assert portal_outbox.follow_event(db_session, early) is None
    portal_outbox.enqueue_batch(db_session, batch)
    later = factories.event(batch, "receiving")
    item = portal_outbox.follow_event(db_session, later)
    assert (item.kind, item.object_id, item.parent.kind) == ("stage", later.id, "chain")
    quiet = factories.event(batch, "other")
    assert portal_outbox.follow_event(db_session, quiet) is None


def test_retry_queues_a_refused_item_again(db_session):
    item = portal_outbox.enqueue_batch(db_session, factories.batch())[0]
    item.status, item.attempts = "rejected", 4
    now = datetime.now(UTC)
    portal_outbox.retry(item, now)
    assert (item.status, item.attempts, item.next_attempt_at) == ("queued", 0, now)


@pytest.mark.parametrize(
    ("net_content", "weight"),
    [("500 g", (500.0, "g")), ("1,2 kg", (1.2, "kg")), (" 2 L chai", (2.0, "l"))],
)
def test_the_product_payload_reads_the_net_weight(db_session, net_content, weight):
    product = factories.product(net_content=net_content)
    payload = portal_outbox.product_payload(product, "org-9", "https://img")
    assert (payload["khoiLuongTinh"], payload["donViKhoiLuong"]) == weight
    assert payload["idToChucHoSo"] == "org-9"
    assert payload["loaiSanPham"] == ["OCOP"]
    assert payload["ocop"]["soSao"] == product.ocop_stars


@pytest.mark.parametrize(
    ("fields", "image", "code"),
    [
        ({"net_content": "500 g"}, None, "missing_image"),
        ({"net_content": "a bag"}, "https://img", "missing_net_weight"),
        ({"net_content": None}, "https://img", "missing_net_weight"),
    ],
)
def test_the_product_payload_refuses_what_the_portal_would(
    db_session, fields, image, code
):
    product = factories.product(**fields)
    with pytest.raises(Rejected) as caught:
        portal_outbox.product_payload(product, "org-9", image)
    assert caught.value.code == code


def test_an_essential_good_carries_its_declaration_not_a_certificate(db_session):
    fields = portal_outbox.kind_fields(factories.essential_good())
    assert fields["loaiSanPham"] == ["HANG_HOA_THIET_YEU"]
    assert fields["soTuCongBo"] == "01/2026/TCB (test)"
    assert "ocop" not in fields


def test_order_and_stage_payloads(db_session):
    batch = factories.batch(expires_on=None, quantity=42)
    order = portal_outbox.order_payload(batch, "p-1")
    assert (order["soLo"], order["hanSuDung"], order["soLuong"]) == (
        batch.lot_code, None, 42,
    )  # fmt: skip
    event = factories.event(batch, "shipping", note_vi=None)
    stage = portal_outbox.stage_payload(event, "trace-1")
    assert (stage["maSuKien"], stage["moTa"]) == (event.event_id, "")

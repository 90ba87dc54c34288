"""A producer completes a product's data, corrects batches, previews labels."""

import io
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from tests import factories
from tests.conftest import HTMX
from tests.test_producer_portal import (
    batch_named,
    day,
    jpeg,
    new_batch,
    post_event,
    post_product,
)
from webapp.extensions import db
from webapp.models import AuditEntry, JourneyEvent, Product, Stamp


def events() -> list[JourneyEvent]:
    return db.session.scalars(select(JourneyEvent)).all()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"ward": ""}, "cần có mã địa điểm"),
        ({"province": "01"}, "Hãy chọn trong danh sách"),  # not a Hà Nội ward
        ({"ward": "", "gln": "8935301000011"}, "Mã GLN gồm 13 chữ số"),
    ],
)
def test_a_stage_needs_a_ward_of_its_province_or_a_valid_gln(
    client, producer, fields, message
):
    new_batch(client, producer.product)
    response = post_event(client, batch_named("LN2611A"), **fields)
    assert response.status_code == 400 and message in response.text
    assert events() == []


def test_a_gln_alone_is_a_location_code(client, producer):
    new_batch(client, producer.product)
    response = post_event(client, batch_named("LN2611A"), ward="", gln="8935301000010")
    assert response.status_code == 303
    assert [(e.gln, e.ward_code) for e in events()] == [("8935301000010", None)]


def test_the_step_offered_first_is_the_harvest_then_the_next_one(client, producer):
    new_batch(client, producer.product)
    batch = batch_named("LN2611A")
    page = client.get(f"/producer/batches/{batch.id}").text
    assert '<option selected value="harvesting">Thu hoạch</option>' in page
    assert 'value="33" selected' in page or '<option selected value="33">' in page
    post_event(client, batch, biz_step="harvesting", event_time=day(-12, "06:00"))
    page = client.get(f"/producer/batches/{batch.id}").text
    assert '<option selected value="creating_class_instance">' in page


def test_a_product_made_from_nothing_in_the_portal_becomes_complete(client, app):
    org = factories.organisation(  # new: its profile is not public yet
        address_line="", ward_code="", province_code="33", approved_at=None
    )
    factories.sign_in(client, factories.user("producer", org=org))
    address = {"address_line": "Thôn Đông", "province": "33", "ward": "11980"}
    client.post("/producer/profile", data={"name": org.name, **address})
    post_product(client, photo=jpeg())
    product = db.session.scalars(select(Product)).one()
    new_batch(client, product)
    assert "Dữ liệu truy xuất chưa đủ" in client.get("/producer/").text
    post_event(client, batch_named("LN2611A"), headers=HTMX)
    assert "Đủ dữ liệu truy xuất nguồn gốc" in client.get("/producer/").text


def test_the_completeness_panel_is_swapped_with_the_new_step(client, producer):
    new_batch(client, producer.product)
    page = client.get(f"/producer/batches/{batch_named('LN2611A').id}").text
    assert "Lô hàng chưa có công đoạn nào" in page
    added = post_event(client, batch_named("LN2611A"), headers=HTMX)
    assert added.status_code == 200 and 'id="journey"' in added.text
    panel = added.text[added.text.index('id="checks"') :]
    assert panel.startswith('id="checks" aria-labelledby="checks-title" hx-swap-oob')
    assert "chưa có công đoạn nào" not in panel and "chưa có hình ảnh" in panel
    refused = post_event(client, batch_named("LN2611A"), headers=HTMX, ward="")
    assert refused.status_code == 200 and 'id="checks"' not in refused.text


def test_a_stage_recorded_without_a_location_code_can_be_given_one(client, producer):
    batch = factories.batch(producer.product)
    legacy = factories.event(batch, ward_code=None, province_code=None)
    page = client.get(f"/producer/batches/{batch.id}").text
    path = f"/producer/batches/{batch.id}/events/{legacy.id}/location"
    assert path in page and client.get(path).status_code == 200
    saved = client.post(path, data={"province": "33", "ward": "11980"})
    assert saved.status_code == 303
    assert (db.session.get(JourneyEvent, legacy.id).ward_code) == "11980"
    again = client.post(path, data={"province": "33", "ward": "11980"})
    assert again.status_code == 400 and "đã có mã địa điểm" in again.text
    assert [e.action for e in db.session.scalars(select(AuditEntry))] == [
        "event.locate"
    ]


EDIT = {
    "lot_code": "LN2611B",
    "produced_on": day(1),
    "expires_on": day(366),
    "quantity": "1.200",
    "provinces": ["33"],
}


def edit(client, batch, **fields):
    return client.post(f"/producer/batches/{batch.id}/edit", data={**EDIT, **fields})


def test_before_stamps_every_field_of_a_batch_can_be_corrected(client, producer):
    new_batch(client, producer.product)
    batch = batch_named("LN2611A")
    assert client.get(f"/producer/batches/{batch.id}/edit").status_code == 200
    assert edit(client, batch).status_code == 303
    saved = batch_named("LN2611B")
    assert (saved.quantity, saved.province_codes) == (1200, ["33"])
    audit = db.session.scalars(select(AuditEntry)).one()
    assert (audit.action, audit.details["lot_code"]) == (
        "batch.edit",
        ["LN2611A", "LN2611B"],
    )
    assert audit.details["provinces"] == [["01", "33"], ["33"]]


def test_once_stamps_are_issued_only_what_stays_true_can_change(client, producer):
    new_batch(client, producer.product, quantity="10")
    batch = batch_named("LN2611A")
    client.post(f"/producer/batches/{batch.id}/stamps", data={"count": "8"})
    page = client.get(f"/producer/batches/{batch.id}/edit").text
    assert "nằm trong mã QR của mọi tem" in page and "in hoặc hiển thị hạn" in page
    fewer = edit(client, batch, quantity="7")
    assert fewer.status_code == 400 and "không được ít hơn số tem" in fewer.text
    assert edit(client, batch, quantity="20", provinces=["31"]).status_code == 303
    saved = batch_named("LN2611A")  # the lot code sent along is ignored
    assert (saved.quantity, saved.province_codes) == (20, ["01", "31", "33"])
    assert (
        client.post(
            f"/producer/batches/{batch.id}/stamps", data={"count": "12"}
        ).status_code
        == 303
    )


def test_a_batch_printed_without_an_expiry_date_can_be_given_one(client, producer):
    new_batch(client, producer.product, expires_on="")
    batch = batch_named("LN2611A")
    client.post(f"/producer/batches/{batch.id}/stamps", data={"count": "1"})
    assert (
        "Hạn sử dụng đã in trên tem"
        not in client.get(f"/producer/batches/{batch.id}/edit").text
    )
    assert edit(client, batch, expires_on=day(365)).status_code == 303
    edit(client, batch, expires_on=day(395))  # shown with the stamps now: stays
    assert str(batch_named("LN2611A").expires_on) == day(365)


def test_a_recalled_batch_and_another_producers_batch_cannot_be_edited(
    client, producer
):
    recalled = factories.batch(producer.product, status="recalled")
    page = client.get(f"/producer/batches/{recalled.id}/edit")
    assert "Lô đã thu hồi hoặc đã hủy" in page.text and "Lưu lô hàng" not in page.text
    assert edit(client, recalled, quantity="900").status_code == 400
    assert db.session.get(type(recalled), recalled.id).quantity == 500
    foreign = factories.batch()
    assert client.get(f"/producer/batches/{foreign.id}/edit").status_code == 404
    assert edit(client, foreign).status_code == 404


def test_the_batch_page_previews_each_label_size_with_a_code_that_never_verifies(
    client, producer
):
    batch = factories.batch(producer.product, lot_code="LN2611A")
    page = client.get(f"/producer/batches/{batch.id}").text
    assert page.count(f"/producer/batches/{batch.id}/labels/") == 3
    with_pin = client.get(
        f"/producer/batches/{batch.id}/labels?with_pin=y", headers=HTMX
    )
    assert "<html" not in with_pin.text and with_pin.text.count("pin=1") == 3
    image = client.get(f"/producer/batches/{batch.id}/labels/small.png?pin=1")
    assert image.mimetype == "image/png"
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(image.data)))
    path = urlsplit(found[0].text).path
    verdict = client.get(f"/api/v1/verify{path}").json
    assert verdict["issued"] is False and verdict["reasons"] == ["bad_check"]


def test_stamps_whose_lot_does_not_fit_the_label_size_are_not_issued(client, producer):
    new_batch(client, producer.product, lot_code="W" * 20)
    batch = batch_named("W" * 20)
    refused = client.post(
        f"/producer/batches/{batch.id}/stamps", data={"count": "2", "layout": "small"}
    )
    assert refused.status_code == 400 and "Mã lô không vừa tem cỡ này" in refused.text
    assert db.session.scalars(select(Stamp)).all() == []
    medium = {"count": "2", "layout": "medium"}
    assert (
        client.post(f"/producer/batches/{batch.id}/stamps", data=medium).status_code
        == 303
    )

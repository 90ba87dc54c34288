"""Producers register batches, issue and print stamps, add journey events, recall."""

import csv
import io
import os
from datetime import date, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import Batch, IssuanceRecord, JourneyEvent, PortalItem, Stamp
from webapp.services.issuance_log import check_chain


@pytest.fixture
def producer(client, app):
    org = factories.organisation()
    account = factories.user("producer", org=org)
    account.product = factories.product(org)
    factories.sign_in(client, account)
    return account


def new_batch(client, product, **fields):
    data = {
        "product": str(product.id),
        "lot_code": "LN2611A",
        "produced_on": "2026-11-01",
        "expires_on": "2027-11-01",
        "quantity": "1.000",
        "provinces": ["33", "01"],
    }
    data.update(fields)
    return client.post("/producer/batches/new", data=data)


def batch_named(lot: str) -> Batch:
    return db.session.scalars(select(Batch).where(Batch.lot_code == lot)).one()


def test_producer_registers_a_batch(client, producer):
    response = new_batch(client, producer.product)
    assert response.status_code == 303
    batch = batch_named("LN2611A")
    assert (batch.quantity, batch.province_codes) == (1000, ["01", "33"])
    page = client.get(response.headers["Location"])
    assert "Lô LN2611A" in page.text


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"expires_on": "2026-10-01"}, "Hạn sử dụng phải sau ngày sản xuất"),
        ({"provinces": []}, "Chọn ít nhất một tỉnh"),
        ({"lot_code": "LN 26/11*"}, "Mã lô gồm 1 đến 20"),
        ({"quantity": "0"}, "Nhập một số từ 1 đến 10.000.000"),
    ],
)
def test_implausible_batches_are_refused_with_a_reason(
    client, producer, fields, message
):
    response = new_batch(client, producer.product, **fields)
    assert response.status_code == 400
    assert message in response.text
    assert db.session.scalars(select(Batch)).all() == []


def test_a_lot_code_is_unique_per_product(client, producer):
    new_batch(client, producer.product)
    again = new_batch(client, producer.product)
    assert again.status_code == 400 and "đã có lô với mã này" in again.text


def test_producers_cannot_touch_another_organisations_data(client, producer):
    foreign = factories.batch(factories.product(factories.organisation()))
    refused = new_batch(client, foreign.product)
    assert refused.status_code == 400 and "Hãy chọn trong danh sách" in refused.text
    assert db.session.scalars(select(Batch)).all() == [foreign]
    assert client.get(f"/producer/batches/{foreign.id}").status_code == 404
    issue = client.post(f"/producer/batches/{foreign.id}/stamps", data={"count": "1"})
    assert issue.status_code == 404
    assert db.session.scalars(select(Stamp)).all() == []


def test_issuing_stamps_makes_a_sheet_whose_codes_open_the_story(client, producer, app):
    new_batch(client, producer.product, quantity="40")
    batch = batch_named("LN2611A")
    response = client.post(
        f"/producer/batches/{batch.id}/stamps",
        data={"count": "30", "with_pin": "y", "layout": "large"},
    )
    assert response.status_code == 303
    record = db.session.scalars(select(IssuanceRecord)).one()
    assert (record.count, record.with_pin, record.issued_by_id) == (
        30,
        True,
        producer.id,
    )
    assert check_chain(db.session).intact
    page = client.get(f"/producer/batches/{batch.id}").text
    assert f"/producer/issuances/{record.id}/sheet.pdf" in page

    with client.get(f"/producer/issuances/{record.id}/sheet.pdf") as sheet:
        assert sheet.status_code == 200 and sheet.mimetype == "application/pdf"
        pdf = sheet.data
    document = pdfium.PdfDocument(pdf)
    image = document[0].render(scale=300 / 72).to_pil()
    document.close()
    links = {result.text for result in zxingcpp.read_barcodes(image)}
    assert len(links) == 24  # a full page of large labels
    story = client.get(next(iter(links)).replace(app.config["PUBLIC_BASE_URL"], ""))
    assert story.status_code == 200
    assert producer.product.name_vi in story.text

    with client.get(f"/producer/issuances/{record.id}/codes.csv") as codes:
        rows = list(csv.DictReader(io.StringIO(codes.get_data(as_text=True))))
    assert len(rows) == 30 and all(len(row["pin"]) == 8 for row in rows)
    assert links <= {row["url"] for row in rows}


def test_more_stamps_than_items_are_refused(client, producer):
    new_batch(client, producer.product, quantity="10")
    batch = batch_named("LN2611A")
    response = client.post(f"/producer/batches/{batch.id}/stamps", data={"count": "11"})
    assert response.status_code == 400
    assert "nhiều tem hơn số sản phẩm" in response.text
    assert db.session.scalars(select(Stamp)).all() == []
    assert db.session.scalars(select(IssuanceRecord)).all() == []


def test_print_files_are_kept_only_for_a_while_and_only_for_their_owner(
    client, producer, app
):
    new_batch(client, producer.product, quantity="5")
    batch = batch_named("LN2611A")
    client.post(f"/producer/batches/{batch.id}/stamps", data={"count": "5"})
    record = db.session.scalars(select(IssuanceRecord)).one()
    url = f"/producer/issuances/{record.id}/codes.csv"
    with client.get(url) as kept:
        assert kept.status_code == 200
    client.post("/logout")
    factories.sign_in(client, factories.user("producer", org=factories.organisation()))
    assert client.get(url).status_code == 404
    client.post("/logout")
    factories.sign_in(client, producer)
    folder = Path(app.config["PRINT_DIR"]) / str(record.id)
    old = folder.stat().st_mtime - (app.config["PRINT_FILE_HOURS"] + 1) * 3600
    os.utime(folder, (old, old))
    gone = client.get(url)
    assert gone.status_code == 410 and "không còn được lưu" in gone.text
    assert not folder.exists()


def test_journey_events_show_on_the_story_at_once(client, producer):
    new_batch(client, producer.product, quantity="5")
    batch = batch_named("LN2611A")
    client.post(f"/producer/batches/{batch.id}/stamps", data={"count": "1"})
    response = client.post(
        f"/producer/batches/{batch.id}/events",
        data={
            "biz_step": "shipping",
            "event_time": "2026-11-20T07:30",
            "place_vi": "Kho HTX, Hồng Châu",
            "place_en": "Cooperative warehouse, Hồng Châu",
            "province": "33",
            "note_vi": "Xe lạnh 5 °C",
        },
    )
    assert response.status_code == 303
    event = db.session.scalars(select(JourneyEvent)).one()
    assert (event.biz_step, event.disposition, event.event_tz_offset) == (
        "shipping",
        "in_transit",
        "+07:00",
    )
    assert event.event_time.hour == 0 and event.event_time.minute == 30  # UTC
    stamp = db.session.scalars(select(Stamp)).one()
    gtin, lot = producer.product.gtin, batch.lot_code
    story = client.get(f"/01/{gtin}/10/{lot}/21/{stamp.serial}").text
    assert "Kho HTX, Hồng Châu" in story and "Xe lạnh 5 °C" in story


@pytest.mark.parametrize(
    "when, message",
    [
        ((date.today() + timedelta(days=2)).isoformat() + "T08:00", "trong tương lai"),
        ("2026-10-01T08:00", "trước khi lô được sản xuất"),
        ("hôm qua", "Nhập ngày và giờ"),
    ],
)
def test_implausible_events_are_refused(client, producer, when, message):
    new_batch(client, producer.product)
    batch = batch_named("LN2611A")
    response = client.post(
        f"/producer/batches/{batch.id}/events",
        data={"biz_step": "shipping", "event_time": when, "place_vi": "Kho"},
    )
    assert response.status_code == 400 and message in response.text
    assert db.session.scalars(select(JourneyEvent)).all() == []


def test_recall_then_void_change_what_every_scan_says(client, producer):
    new_batch(client, producer.product, quantity="5")
    batch = batch_named("LN2611A")
    client.post(f"/producer/batches/{batch.id}/stamps", data={"count": "1"})
    stamp = db.session.scalars(select(Stamp)).one()
    link = f"/01/{producer.product.gtin}/10/{batch.lot_code}/21/{stamp.serial}"
    unconfirmed = client.post(
        f"/producer/batches/{batch.id}/status", data={"status": "recalled"}
    )
    assert unconfirmed.status_code == 400
    recalled = client.post(
        f"/producer/batches/{batch.id}/status",
        data={"status": "recalled", "confirm": "y"},
    )
    assert recalled.status_code == 303
    verify = client.get(f"/api/v1/verify{link}").json
    assert "recalled" in verify["notices"]
    client.post(
        f"/producer/batches/{batch.id}/status", data={"status": "void", "confirm": "y"}
    )
    assert "void" in client.get(f"/api/v1/verify{link}").json["reasons"]
    again = client.post(
        f"/producer/batches/{batch.id}/status", data={"status": "void", "confirm": "y"}
    )
    assert again.status_code == 400


def test_producer_queues_a_batch_for_the_national_portal(client, producer):
    new_batch(client, producer.product, quantity="5")
    batch = batch_named("LN2611A")
    client.post(
        f"/producer/batches/{batch.id}/events",
        data={
            "biz_step": "shipping",
            "event_time": "2026-11-20T07:30",
            "place_vi": "Kho",
        },
    )
    response = client.post(f"/producer/batches/{batch.id}/portal")
    assert response.status_code == 303
    kinds = [
        i.kind for i in db.session.scalars(select(PortalItem).order_by(PortalItem.id))
    ]
    assert kinds == ["organisation", "product", "production_order", "chain", "stage"]
    page = client.get(f"/producer/batches/{batch.id}").text
    assert "Đang chờ gửi" in page and "chưa được kết nối" in page
    # A later event follows the batch by itself.
    client.post(
        f"/producer/batches/{batch.id}/events",
        data={
            "biz_step": "receiving",
            "event_time": "2026-11-21T07:30",
            "place_vi": "Đại lý",
        },
    )
    assert len(db.session.scalars(select(PortalItem)).all()) == 6


def test_a_refused_item_can_be_sent_again_only_by_its_owner(client, producer):
    new_batch(client, producer.product, quantity="5")
    batch = batch_named("LN2611A")
    client.post(f"/producer/batches/{batch.id}/portal")
    item = db.session.scalars(select(PortalItem).order_by(PortalItem.id)).first()
    item.status, item.error_code = "rejected", "organisation_not_approved"
    db.session.commit()
    assert (
        "chưa được duyệt trên Cổng" in client.get(f"/producer/batches/{batch.id}").text
    )
    client.post("/logout")
    factories.sign_in(client, factories.user("producer", org=factories.organisation()))
    assert client.post(f"/producer/portal-items/{item.id}/retry").status_code == 404
    client.post("/logout")
    factories.sign_in(client, producer)
    again = client.post(
        f"/producer/portal-items/{item.id}/retry",
        data={"back": f"/producer/batches/{batch.id}#portal"},
    )
    assert again.headers["Location"] == f"/producer/batches/{batch.id}#portal"
    assert db.session.get(PortalItem, item.id).status == "queued"


def test_producer_sees_where_and_when_only_their_codes_are_scanned(
    client, producer, app
):
    own = factories.stamp(factories.batch(producer.product, regions=("33",)))
    other = factories.stamp(factories.batch(regions=("33",)))
    shoppers = app.test_client()
    for n, code in enumerate([own.url, own.url, other.url]):
        shoppers.post(
            "/api/v1/scans",
            json={
                "code": code,
                "device_id": f"phone-prov-{n:04d}",
                "lat": 20.65,
                "lon": 106.05,
            },
            environ_base={"REMOTE_ADDR": f"10.2.0.{n}"},
        )
    page = client.get("/producer/").text
    assert "<title>Cổng nhà sản xuất · OCOP Trace</title>" in page
    assert "2 lượt quét trong 12 tuần gần nhất" in page
    assert "Hưng Yên" in page

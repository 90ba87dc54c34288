"""Producers register batches, issue and print stamps, add journey events, recall."""

import csv
import io
import os
import re
from datetime import date, timedelta

import pypdfium2 as pdfium
import pytest
import zxingcpp
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import (
    Batch,
    IssuanceRecord,
    JourneyEvent,
    Organisation,
    PortalItem,
    Product,
    Stamp,
)
from webapp.services.catalog import approvals
from webapp.services.catalog.ocop import certificate_valid_until
from webapp.services.stamps.issuance_log import check_chain

QR = zxingcpp.BarcodeFormat.QRCode  # a sheet's text must not pass for a 1D code
# Print files expire by their age on disk, which a clock moved ahead in
# Python does not move (see tests/conftest.py, TEST_CLOCK_YEARS_AHEAD).
FILE_TIMES = pytest.mark.real_file_times
# Dates relative to today: a batch made a month ago, a certificate 18 months old.
PRODUCED = factories.days_ago(31)
CERTIFIED = factories.days_ago(540)


def day(offset: int, at: str | None = None) -> str:
    """The form's date (or date and time) this many days after PRODUCED."""
    moment = (PRODUCED + timedelta(days=offset)).isoformat()
    return f"{moment}T{at}" if at else moment


def new_batch(client, product, **fields):
    data = {
        "product": str(product.id),
        "lot_code": "LN2611A",
        "produced_on": day(0),
        "expires_on": day(365),
        "quantity": "1.000",
        "provinces": ["33", "01"],
    }
    data.update(fields)
    return client.post("/producer/batches/new", data=data)


EVENT = {
    "biz_step": "shipping",
    "event_time": day(19, "07:30"),
    "place_vi": "Kho HTX, Hồng Châu",
    "province": "33",
    "ward": "11980",  # Phường Hồng Châu
}


def post_event(client, batch, headers=None, **fields):
    data = {**EVENT, **fields}
    return client.post(
        f"/producer/batches/{batch.id}/events",
        data=data,
        content_type="multipart/form-data",
        headers=headers or {},
    )


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
        ({"expires_on": day(-31)}, "Hạn sử dụng phải sau ngày sản xuất"),
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


@FILE_TIMES
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
    links = {result.text for result in zxingcpp.read_barcodes(image, formats=QR)}
    assert len(links) == 24  # a full page of large labels
    story = client.get(next(iter(links)).replace(app.config["PUBLIC_BASE_URL"], ""))
    assert story.status_code == 200
    assert producer.product.name_vi in story.text

    with client.get(f"/producer/issuances/{record.id}/codes.csv") as codes:
        rows = list(csv.DictReader(io.StringIO(codes.get_data(as_text=True))))
    assert len(rows) == 30 and all(len(row["pin"]) == 8 for row in rows)
    assert links <= {row["url"] for row in rows}


def issued_codes(client, producer, count: int = 20) -> str:
    """Issue stamps with PINs; the URL of their codes file, less its extension."""
    new_batch(client, producer.product, quantity=str(count))
    batch = batch_named("LN2611A")
    data = {"count": str(count), "with_pin": "y"}
    issued = client.post(f"/producer/batches/{batch.id}/stamps", data=data)
    assert issued.status_code == 303
    record = db.session.scalars(select(IssuanceRecord)).one()
    return f"/producer/issuances/{record.id}/codes"


@FILE_TIMES
@pytest.mark.parametrize(
    ("lang", "headers"),
    [
        ("vi", ["Đường dẫn trong mã QR", "GTIN", "Số lô", "Số sê-ri", "Mã PIN",
                "Được bán tại"]),
        ("en", ["Link in the QR code", "GTIN", "Lot", "Serial", "PIN",
                "May be sold in"]),
    ],
)  # fmt: skip
def test_issued_codes_open_in_excel_as_text(client, producer, lang, headers):
    codes = issued_codes(client, producer)
    with client.get(codes + ".csv") as machine_file:
        machine = list(csv.DictReader(io.StringIO(machine_file.text)))
    with client.get(f"{codes}.xlsx?lang={lang}") as workbook:  # kept as a file
        people = factories.sheet_rows(workbook)
    assert list(people[0]) == headers and len(people) == len(machine) == 20
    for row, line in zip(people, machine, strict=True):
        cells = list(row.values())
        assert [cell.value for cell in cells[:5]] == list(line.values())[:5]
        assert {cell.data_type for cell in cells} == {"s"}  # "0893…", "0042…" kept
    sold_in = people[0][headers[5]].value
    assert "Hà Nội" in sold_in and "Hưng Yên" in sold_in  # names, in Vietnamese


@FILE_TIMES
def test_the_print_shop_csv_stays_plain_for_print_software(client, producer):
    with client.get(issued_codes(client, producer, 3) + ".csv") as codes:
        raw = codes.data
    # No byte-order mark: data-merge tools and scripts match the header "url".
    assert raw.startswith(b"url,gtin,lot,serial,pin,regions\r\n")
    assert raw.decode("ascii").count("\r\n") == 4  # ASCII only: no encoding to guess


def test_more_stamps_than_items_are_refused(client, producer):
    new_batch(client, producer.product, quantity="10")
    batch = batch_named("LN2611A")
    response = client.post(f"/producer/batches/{batch.id}/stamps", data={"count": "11"})
    assert response.status_code == 400
    assert "Nhiều tem hơn số sản phẩm" in response.text
    assert f"/producer/batches/{batch.id}/edit" in response.text
    assert db.session.scalars(select(Stamp)).all() == []
    assert db.session.scalars(select(IssuanceRecord)).all() == []


@FILE_TIMES
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
    folder = app.extensions["settings"].print_dir / str(record.id)
    hours = app.extensions["settings"].print_file_hours
    old = folder.stat().st_mtime - (hours + 1) * 3600
    os.utime(folder, (old, old))
    gone = client.get(url)
    assert gone.status_code == 410 and "không còn được lưu" in gone.text
    assert not folder.exists()


def test_journey_events_show_on_the_story_at_once(client, producer):
    new_batch(client, producer.product, quantity="5")
    batch = batch_named("LN2611A")
    client.post(f"/producer/batches/{batch.id}/stamps", data={"count": "1"})
    response = post_event(
        client, batch, place_en="Cooperative warehouse", note_vi="Xe lạnh 5 °C"
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
        (day(-31, "08:00"), "trước khi lô được sản xuất"),
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
    post_event(client, batch)
    response = client.post(f"/producer/batches/{batch.id}/portal")
    assert response.status_code == 303
    kinds = [
        i.kind for i in db.session.scalars(select(PortalItem).order_by(PortalItem.id))
    ]
    assert kinds == ["organisation", "product", "production_order", "chain", "stage"]
    page = client.get(f"/producer/batches/{batch.id}").text
    assert "Đang chờ gửi" in page and "chưa được kết nối" in page
    # A later event follows the batch by itself.
    post_event(client, batch, biz_step="receiving", event_time=day(20, "07:30"))
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


PRODUCT = {
    "gtin": "8935301000027",
    "name_vi": "Nhãn lồng sấy dẻo",
    "name_en": "Soft-dried longan",
    "summary_vi": "Nhãn lồng Hưng Yên sấy dẻo.",
    "kinds": "ocop",
    "sector": "food",
    "category": "07",
    "ocop_stars": "4",
    "ocop_certificate_no": "QĐ 12/QĐ-UBND",
    "ocop_certified_on": CERTIFIED.isoformat(),
    "standards": "TCVN 13274:2020\nTCCS 01:2025",
    "net_content": "250 g",
    "shelf_life_days": "180",
}


def post_product(client, path="/producer/products/new", photo=None, **fields):
    data = {**PRODUCT, **fields}
    if photo is not None:
        data["image"] = (io.BytesIO(photo), "nhan.jpg")
    return client.post(path, data=data, content_type="multipart/form-data")


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (800, 800), (200, 150, 60)).save(out, "JPEG")
    return out.getvalue()


def test_producer_adds_a_product_that_waits_for_approval(client, producer, app):
    response = post_product(client, photo=jpeg())
    assert response.status_code == 303
    product = db.session.scalars(
        select(Product).where(Product.gtin == "08935301000027")
    ).one()  # stored as GTIN-14
    assert product.organisation_id == producer.organisation_id
    assert product.approved_at is None
    assert product.standards == ["TCVN 13274:2020", "TCCS 01:2025"]
    assert product.ocop_valid_until == certificate_valid_until(CERTIFIED)
    assert product.image_path.startswith("uploads/")
    image = client.get(f"/media/products/{product.image_path.removeprefix('uploads/')}")
    assert image.status_code == 200 and image.mimetype == "image/jpeg"
    image.close()
    assert "waiting for approval" in client.get("/producer/?lang=en").text


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"gtin": "8935301000028"}, "số kiểm tra"),
        ({"gtin": "89353"}, "8, 12, 13 hoặc 14 chữ số"),
        ({"ocop_stars": "6"}, "Hãy chọn trong danh sách"),
        ({"duplicate_threshold": "99"}, "từ 1 đến 50"),
        ({"name_vi": ""}, "Nhập tên sản phẩm"),
    ],
)
def test_product_records_are_checked(client, producer, fields, message):
    response = post_product(client, **fields)
    assert response.status_code == 400 and message in response.text
    assert db.session.scalars(select(Product)).all() == [producer.product]


ESSENTIAL_RICE = {
    "kinds": "essential",
    "sector": "agriculture",
    "category": "03",
    "ocop_stars": "",
    "ocop_certificate_no": "",
    "ocop_certified_on": "",
    "declaration_no": "01/HTX-TCB/2026",
    "net_content": "5 kg",
}


def test_a_non_ocop_essential_good_needs_no_ocop_certificate(client, producer):
    response = post_product(client, photo=jpeg(), **ESSENTIAL_RICE)
    assert response.status_code == 303
    product = db.session.scalars(
        select(Product).where(Product.gtin == "08935301000027")
    ).one()
    assert product.kinds == ["essential"] and product.sector == "agriculture"
    assert product.ocop_stars is None and product.ocop_valid_until is None
    assert product.declaration_no == "01/HTX-TCB/2026"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"kinds": []}, "Hãy đánh dấu ít nhất một loại"),
        ({"kinds": "ocop"}, "Sản phẩm OCOP có 3, 4 hoặc 5 sao"),
        ({"kinds": "key"}, "Sản phẩm chủ lực cần có số quyết định"),
        ({"declaration_no": ""}, "Hàng hóa thiết yếu cần có số"),
        ({"net_content": ""}, "Hàng đóng gói sẵn cần ghi định lượng"),
        ({"sector": "mining"}, "Hãy chọn trong danh sách"),
    ],
)
def test_kind_fields_are_required_for_their_kind_only(
    client, producer, fields, message
):
    response = post_product(client, **{**ESSENTIAL_RICE, **fields})
    assert response.status_code == 400 and message in response.text
    assert db.session.scalars(select(Product)).all() == [producer.product]


def test_a_gtin_belongs_to_one_product(client, producer):
    taken = post_product(client, gtin=producer.product.gtin)
    assert taken.status_code == 400 and "đã có mã GTIN này" in taken.text


def test_producer_edits_only_their_own_products(client, producer):
    path = f"/producer/products/{producer.product.id}"
    form = client.get(path)
    assert form.status_code == 200 and producer.product.gtin in form.text
    saved = post_product(client, path, gtin=producer.product.gtin, name_vi="Tên mới")
    assert saved.status_code == 303
    # Approved already: the new name waits for the province, the producer sees it.
    row = db.session.get(Product, producer.product.id)
    assert row.pending_changes["name_vi"] == "Tên mới" and row.name_vi != "Tên mới"
    assert "Tên mới" in client.get(path).text
    foreign = factories.product(factories.organisation())
    assert client.get(f"/producer/products/{foreign.id}").status_code == 404
    assert post_product(client, f"/producer/products/{foreign.id}").status_code == 404


def test_producer_updates_the_organisation_profile(client, producer):
    assert client.get("/producer/profile").status_code == 200
    response = client.post(
        "/producer/profile",
        data={
            "name": "HTX Nhãn lồng Hồng Châu",
            "address_line": "Thôn Đông, số 5",
            "province": "33",
            "ward": "11980",
            "gln": "8935301000010",
            "phone": "0221 3 862 123",
        },
    )
    assert response.status_code == 303
    organisation = db.session.get(Organisation, producer.organisation_id)
    # The story shows the phone: like the name, address and GLN, the approved
    # one stays public until the province approves the change.
    assert organisation.pending_changes["phone"] == "0221 3 862 123"
    assert (
        organisation.pending_changes["name"],
        organisation.pending_changes["gln"],
    ) == (
        "HTX Nhãn lồng Hồng Châu",
        "8935301000010",
    )
    wrong = client.post(
        "/producer/profile",
        data={"name": "x", "address_line": "y", "province": "33", "ward": "11980",
              "gln": "8935301000011"},
    )  # fmt: skip
    assert wrong.status_code == 400 and "GLN" in wrong.text
    elsewhere = client.post(
        "/producer/profile",
        data={"name": "x", "address_line": "y", "province": "01", "ward": "11980"},
    )
    assert elsewhere.status_code == 400  # a Hưng Yên ward is not in Hà Nội


def test_journey_steps_are_added_in_place_with_htmx_and_a_photo(client, producer):
    new_batch(client, producer.product, quantity="5")
    batch = batch_named("LN2611A")
    client.post(f"/producer/batches/{batch.id}/stamps", data={"count": "1"})
    added = post_event(
        client,
        batch,
        headers={"HX-Request": "true"},
        biz_step="packing",
        event_time=day(1, "09:00"),
        place_vi="Xưởng đóng gói HTX",
        photo=(io.BytesIO(jpeg()), "dong-goi.jpg"),
    )
    assert added.status_code == 200
    assert "<html" not in added.text and 'id="journey"' in added.text
    assert "Xưởng đóng gói HTX" in added.text
    event = db.session.scalars(select(JourneyEvent)).one()
    assert event.photo_path.startswith("events/")
    stamp = db.session.scalars(select(Stamp)).one()
    story = client.get(
        f"/01/{producer.product.gtin}/10/{batch.lot_code}/21/{stamp.serial}"
    )
    assert f"/media/{event.photo_path}" in story.text
    refused = client.post(
        f"/producer/batches/{batch.id}/events",
        data={"biz_step": "packing", "event_time": "", "place_vi": ""},
        headers={"HX-Request": "true"},
    )
    assert refused.status_code == 200 and "Nhập thời gian diễn ra" in refused.text
    assert len(db.session.scalars(select(JourneyEvent)).all()) == 1


def test_an_ocop_product_that_loses_its_rating_keeps_no_certificate(client, producer):
    path = f"/producer/products/{producer.product.id}"
    form = client.get(path).text
    assert re.search(r'<input checked id="kinds-0"[^>]* value="ocop"', form)
    key = {**ESSENTIAL_RICE, "kinds": "key", "key_decision_no": "QĐ 7/QĐ-UBND"}
    saved = post_product(client, path, gtin=producer.product.gtin, **key)
    assert saved.status_code == 303
    product = db.session.get(Product, producer.product.id)
    assert product.kinds == ["ocop"]  # approved: the change waits for approval
    assert approvals.approve(db.session, product)
    assert product.kinds == ["key"] and product.key_decision_no == "QĐ 7/QĐ-UBND"
    assert product.ocop_certificate_no is None and product.declaration_no is None

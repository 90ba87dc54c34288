"""The province's administrator: targets from data, approvals, training, exports."""

from datetime import date

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import AuditEntry, Product, TrainingSession


@pytest.fixture
def admin(client, app):
    account = factories.user("admin")
    factories.sign_in(client, account)
    return account


def complete_product(org=None):
    product = factories.product(org, image_path="img/products/long-nhan.png")
    batch = factories.batch(product)
    factories.event(batch, "packing")
    return product


def rows(response) -> list[dict]:
    return [
        {header: cell.value for header, cell in row.items()}
        for row in factories.sheet_rows(response)
    ]


@pytest.mark.parametrize("role", ["inspector", "producer"])
def test_only_the_administrator_opens_the_programme(client, app, role):
    org = factories.organisation() if role == "producer" else None
    factories.sign_in(client, factories.user(role, org=org))
    for path in (
        "/admin/",
        "/admin/approvals",
        "/admin/training",
        "/admin/export/products.xlsx",
    ):
        assert client.get(path).status_code == 403


def test_dashboard_counts_complete_products_against_the_targets(client, admin):
    complete_product()
    factories.product(image_path=None)  # no picture, no batch: incomplete
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "1 trên 2 sản phẩm (50 %)" in page.text
    assert page.text.count('<svg class="chart"') == 4
    exported = rows(client.get("/admin/export/products.xlsx"))
    assert sorted(row["Đủ dữ liệu truy xuất nguồn gốc"] for row in exported) == [
        "Có",
        "Không",
    ]


def test_training_sessions_count_toward_the_training_target(client, admin):
    first, second = factories.organisation(), factories.organisation()
    complete_product(first)
    complete_product(second)
    response = client.post(
        "/admin/training",
        data={
            "held_on": "2026-10-15",
            "title": "Truy xuất nguồn gốc theo TCVN 13274 và GS1 Digital Link",
            "place": "Sở KH&CN Hưng Yên",
            "province": "33",
            "attendees": [str(first.id)],
        },
    )
    assert response.status_code == 303
    session = db.session.scalars(select(TrainingSession)).one()
    assert session.held_on == date(2026, 10, 15) and len(session.attendees) == 1
    assert "1 trên 2 nhà sản xuất" in client.get("/admin/").text


def test_a_training_session_in_the_future_is_refused(client, admin):
    response = client.post(
        "/admin/training",
        data={"held_on": "2099-01-01", "title": "x", "place": "y", "province": "33"},
    )
    assert response.status_code == 400
    assert db.session.scalars(select(TrainingSession)).all() == []


def test_unapproved_products_keep_their_story_private_until_approved(client, admin):
    product = complete_product()
    product.approved_at = None
    db.session.commit()
    stamp = factories.stamp(product.batches[0])
    path = stamp.url.replace("https://trace.example.vn", "")
    waiting = client.get(path)
    assert waiting.status_code == 200
    assert "chưa phê duyệt" in waiting.text
    assert "Hành trình" not in waiting.text
    assert "Xưởng đóng gói" not in waiting.text
    assert product.name_vi in client.get("/admin/approvals").text
    client.post(f"/admin/products/{product.id}/approve")
    assert db.session.get(Product, product.id).approved_at is not None
    assert "Xưởng đóng gói" in client.get(path).text
    entry = db.session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.target_id) == ("product.approve", product.id)


def test_weekly_scans_and_provinces_come_from_recorded_scans(client, admin, app):
    stamp = factories.stamp(factories.batch(regions=("33",)))
    shoppers = app.test_client()  # other phones, other addresses
    for n in range(3):
        shoppers.post(
            "/api/v1/scans",
            json={
                "code": stamp.url,
                "device_id": f"phone-week-{n:04d}",
                "lat": 20.65,
                "lon": 106.05,
            },
            environ_base={"REMOTE_ADDR": f"10.1.0.{n}"},
        )
    weeks = rows(client.get("/admin/export/weeks.xlsx"))
    assert len(weeks) == 12 and sum(w["Lượt quét của người mua"] for w in weeks) == 3
    provinces = rows(client.get("/admin/export/provinces.xlsx"))
    assert (
        provinces[0]["Mã tỉnh"] == "33" and provinces[0]["Tỉnh/thành phố"] == "Hưng Yên"
    )
    assert provinces[0]["Lượt quét của người mua"] == 3


@pytest.mark.parametrize(
    "lang, headers",
    [
        ("vi", ["GTIN", "Sản phẩm", "Nhà sản xuất", "Mã tỉnh", "Tỉnh/thành phố",
                "Đủ dữ liệu truy xuất nguồn gốc"]),
        ("en", ["GTIN", "Product", "Producer", "Province code", "Province",
                "Complete traceability data"]),
    ],
)  # fmt: skip
def test_the_products_table_opens_in_excel_in_the_visitors_language(
    client, admin, lang, headers
):
    product = complete_product(factories.organisation(name="HTX Nhãn lồng Hồng Châu"))
    export = client.get(f"/admin/export/products.xlsx?lang={lang}")
    row = factories.sheet_rows(export)[0]
    assert list(row) == headers
    gtin = row["GTIN"]
    assert (gtin.value, gtin.data_type) == (product.gtin, "s") and gtin.value[0] == "0"
    assert row[headers[1]].value == product.localized("name", lang).text
    assert row[headers[2]].value == "HTX Nhãn lồng Hồng Châu"


def test_weeks_are_dates_in_the_form_the_reader_knows(client, admin):
    for lang, shown in (("vi", "dd/mm/yyyy"), ("en", "d mmm yyyy")):
        export = client.get(f"/admin/export/weeks.xlsx?lang={lang}")
        first_week = next(iter(factories.sheet_rows(export)[0].values()))
        assert first_week.is_date and first_week.number_format == shown


@pytest.mark.parametrize(
    "lang, heading",
    [
        ("vi", "Truy xuất nguồn gốc sản phẩm: hướng dẫn cho nhà sản xuất"),
        ("en", "Getting a product traceable: a guide for producers"),
    ],
)
def test_the_guide_for_producers_reads_in_both_languages(client, app, lang, heading):
    page = client.get(f"/guide/traceability?lang={lang}")
    assert page.status_code == 200
    assert heading in page.text and "TCVN 13274:2020" in page.text

"""Consumers report suspected fakes; bad input is refused in their language."""

import re

import pytest
from sqlalchemy import select

from tests.conftest import HTMX
from webapp.extensions import db
from webapp.models import Report

VALID = {
    "code": "https://trace.example.vn/01/08931234567897/10/L1/21/7K2P9Q4MXT3B6HC1",
    "place": "Chợ Phố Hiến, quầy số 12",
    "province": "33",
    "ward": "11953",
    "bought_on": "2026-11-20",
    "price_vnd": "85.000",
    "problems": ["packaging_different", "price_too_low"],
    "description": "Tem in mờ, giá rẻ hơn hẳn.",
    "contact": "",
}


def test_form_prefills_the_code(client, app):
    response = client.get("/report/?code=ABC123")
    assert response.status_code == 200
    assert 'value="ABC123"' in response.text
    assert "Báo cáo nghi hàng giả" in response.text


def test_filing_a_report_gives_a_reference_and_status_page(client, app):
    response = client.post("/report/", data=VALID)
    assert response.status_code == 303
    status_page = client.get(response.headers["Location"])
    report = db.session.scalars(select(Report)).one()
    assert report.reference in status_page.text
    assert "Đang chờ kiểm soát viên quản lý thị trường" in status_page.text
    assert (report.gtin, report.lot, report.serial) == (
        "08931234567897",
        "L1",
        "7K2P9Q4MXT3B6HC1",
    )
    assert report.price_vnd == 85000 and report.province_code == "33"
    assert report.problems == ["packaging_different", "price_too_low"]
    assert report.contact_sealed is None and report.lang == "vi"


def test_reference_lookup_is_forgiving_about_case_and_404s_unknown(client, app):
    location = client.post("/report/", data=VALID).headers["Location"]
    reference = location.rsplit("/", 1)[1]
    assert client.get(f"/report/{reference.lower()}").status_code == 200
    assert client.get("/report/R-NOTREAL1").status_code == 404


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"place": ""}, "Hãy cho biết tên chợ hoặc cửa hàng."),
        ({"province": "34"}, "Hãy chọn tỉnh, thành phố trong danh sách."),
        ({"ward": "00004"}, "Hãy chọn phường, xã thuộc tỉnh, thành phố đã chọn."),
        ({"bought_on": "2999-01-01"}, "Ngày này ở tương lai."),
        ({"bought_on": "hôm qua"}, "Nhập ngày, ví dụ 2026-11-28."),
        ({"price_vnd": "rẻ"}, "Nhập một số nguyên, ví dụ 85000."),
        ({"price_vnd": "-5"}, "Hãy nhập giá thực tế."),
        ({"problems": ["made_up"]}, "Hãy chọn trong danh sách."),
        ({"description": "x" * 2001}, "Tối đa 2000 ký tự."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, app, change, message):
    response = client.post("/report/", data={**VALID, **change})
    assert response.status_code == 400
    assert message in response.text
    assert db.session.scalars(select(Report)).first() is None


def test_english_messages(client, app):
    response = client.post(
        "/report/", data={**VALID, "place": ""}, headers={"Accept-Language": "en"}
    )
    assert "Tell us the market or shop." in response.text


def test_wards_follow_the_province(client, app):
    response = client.get("/report/wards?province=33", headers=HTMX)
    assert "<html" not in response.text
    assert 'value="13057"' in response.text  # Xã Nam Cường
    assert 'value="00004"' not in response.text
    assert client.get("/report/wards?province=xx").text.count("<option") == 1


def test_csrf_token_is_required(client, app):
    response = client.post("/report/", data=VALID, csrf=False)
    assert response.status_code == 400
    assert "Biểu mẫu đã hết hạn" in response.text
    assert db.session.scalars(select(Report)).first() is None


def test_the_same_report_sent_twice_is_filed_once(client, app):
    data = {**VALID, "idempotency_key": "phone-key-0000000001"}
    first = client.post("/report/", data=data)
    again = client.post("/report/", data=data)
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    assert len(db.session.scalars(select(Report)).all()) == 1
    other = client.post(
        "/report/", data={**VALID, "idempotency_key": "phone-key-0000000002"}
    )
    assert other.headers["Location"] != first.headers["Location"]


def test_every_form_carries_its_own_key_and_a_fresh_token_is_available(client, app):
    keys = {
        re.search(
            r'name="idempotency_key" type="hidden" value="([^"]+)"',
            client.get("/report/").text,
        )[1]
        for _ in range(3)
    }
    assert len(keys) == 3
    token = client.get("/report/token")
    assert token.headers["Cache-Control"] == "no-store" and token.json["csrf_token"]


def test_a_malformed_key_is_refused(client, app):
    response = client.post("/report/", data={**VALID, "idempotency_key": "<script>"})
    assert response.status_code == 400
    assert db.session.scalars(select(Report)).all() == []

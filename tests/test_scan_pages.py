"""The story page records its scan; verdict, PIN claim, photo upload and warnings."""

import io
from datetime import date

import pytest
import segno
from PIL import Image
from sqlalchemy import func, select

from tests import factories
from tests.conftest import HTMX
from webapp.extensions import db
from webapp.models import Scan, SerialStats


def record(client, issued, address="127.0.0.1", headers=HTMX, **form):
    data = {"code": issued.url, **form}
    return client.post(
        "/scan/record",
        data=data,
        headers=headers,
        environ_base={"REMOTE_ADDR": address},
    )


def test_story_get_records_nothing_and_offers_the_check(client, app):
    issued = factories.stamp()
    page = client.get(factories.path_of(issued)).text
    assert 'hx-trigger="scan-ready"' in page and "Kiểm tra tem này" in page
    assert db.session.scalars(select(Scan)).first() is None


def test_htmx_record_returns_the_verdict_fragment_and_a_device_cookie(client, app):
    issued = factories.stamp()
    response = record(client, issued, consent="yes", lat="20.65", lon="106.05")
    assert "<html" not in response.text
    assert (
        'data-verdict="authentic"' in response.text
        and "Mã này là thật" in response.text
    )
    assert "device_id=" in response.headers["Set-Cookie"]
    scan = db.session.scalars(select(Scan)).one()
    assert scan.province_code == "33" and scan.location_consent


def test_position_is_ignored_without_consent(client, app):
    issued = factories.stamp()
    record(client, issued, consent="no", lat="20.65", lon="106.05")
    scan = db.session.scalars(select(Scan)).one()
    assert scan.latitude is None and not scan.location_consent


def test_no_js_check_redirects_to_the_story_with_its_verdict(client, app):
    issued = factories.stamp()
    response = record(client, issued, headers={})
    assert response.status_code == 303
    story = response.headers["Location"]
    assert story.startswith(app.config["PUBLIC_BASE_URL"])  # never the request's Host
    story = story.removeprefix(app.config["PUBLIC_BASE_URL"])  # the phone's own cookie
    page = client.get(story)
    assert 'data-verdict="authentic"' in page.text
    stranger = factories_client(app)
    assert "data-verdict=" not in stranger.get(story).text


def factories_client(app):
    from tests.conftest import IsolatedClient

    app.test_client_class = IsolatedClient
    return app.test_client()


def test_many_phones_make_the_verdict_suspicious_with_numbers(client, app):
    issued = factories.stamp(factories.batch(regions=("33", "01")))
    for n in range(4):
        phones = factories_client(app)
        response = record(
            phones,
            issued,
            address=f"127.0.{n}.9",
            consent="yes",
            lat=["20.65", "21.03", "20.65", "21.03"][n],
            lon=["106.05", "105.85", "106.05", "105.85"][n],
        )
    assert 'data-verdict="suspicious"' in response.text
    assert "đã được quét bởi 4 điện thoại khác nhau" in response.text
    assert "ở 2 tỉnh, thành phố" in response.text
    assert "/report/?code=" in response.text


def test_pin_claim_first_wins_then_others_are_warned(client, app):
    issued = factories.stamp(with_pin=True)
    assert "Kích hoạt" in record(client, issued).text
    wrong = client.post(
        "/scan/claim", data={"code": issued.url, "pin": "00000000"}, headers=HTMX
    )
    assert "Mã PIN không đúng" in wrong.text
    first = client.post(
        "/scan/claim", data={"code": issued.url, "pin": issued.pin}, headers=HTMX
    )
    assert "bạn là người đầu tiên" in first.text
    again = client.post(
        "/scan/claim", data={"code": issued.url, "pin": issued.pin}, headers=HTMX
    )
    assert "Bạn đã kích hoạt sản phẩm này rồi" in again.text
    other = factories_client(app)
    second = other.post(
        "/scan/claim", data={"code": issued.url, "pin": issued.pin}, headers=HTMX
    )
    assert "đã được một điện thoại khác kích hoạt" in second.text
    later = record(other, issued, address="127.0.0.7")
    assert (
        'data-verdict="suspicious"' in later.text
        and "kích hoạt bằng mã PIN" in later.text
    )
    assert db.session.scalars(select(SerialStats)).one().claimed_at is not None


def qr_photo(text: str, fmt: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=8, border=4)
    image = Image.new("RGB", (1200, 1600), (214, 200, 170))
    image.paste(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"), (400, 500))
    out = io.BytesIO()
    image.save(out, format=fmt, quality=85)
    return out.getvalue()


def upload(client, data: bytes, name="stamp.jpg"):
    return client.post(
        "/scan/photo",
        data={"photo": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_photo_of_a_stamp_opens_its_story(client, app):
    issued = factories.stamp()
    response = upload(client, qr_photo(issued.url))
    assert response.status_code == 303
    follow = client.get(response.headers["Location"])
    assert follow.status_code == 303 and follow.headers["Location"].endswith(
        factories.path_of(issued)
    )


def test_photo_refusals_are_clear(client, app):
    not_image = upload(client, b"%PDF-1.4 not an image", "doc.pdf")
    assert not_image.status_code == 400 and "không phải ảnh" in not_image.text
    blank = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(blank, format="PNG")
    empty = upload(client, blank.getvalue(), "blank.png")
    assert empty.status_code == 400 and "Không tìm thấy mã QR" in empty.text
    app.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        too_big = upload(client, qr_photo("x" * 10))
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024
    assert too_big.status_code == 413 and "quá lớn" in too_big.text


def test_look_alike_site_is_warned_about(client, app):
    issued = factories.stamp()
    fake = "https://ocop-trace.example.com" + factories.path_of(issued)
    response = client.get("/check", query_string={"code": fake})
    assert response.status_code == 400
    assert (
        "ocop-trace.example.com" in response.text and "trang web khác" in response.text
    )
    assert f'href="{factories.path_of(issued)}"' in response.text


def test_other_qr_content_is_explained(client, app):
    response = client.get(
        "/check", query_string={"code": "WIFI:S:cafe;T:WPA;P:secret;;"}
    )
    assert response.status_code == 400 and "không phải tem OCOP Trace" in response.text


def test_scan_page_is_linked_everywhere_and_allows_wasm_only_there(client, app):
    assert 'href="/scan/"' in client.get("/").text
    scan_page = client.get("/scan/")
    assert "'wasm-unsafe-eval'" in scan_page.headers["Content-Security-Policy"]
    assert "zxing_reader.wasm" in scan_page.text
    assert (
        "'wasm-unsafe-eval'" not in client.get("/").headers["Content-Security-Policy"]
    )


def test_a_queued_scan_sent_twice_is_recorded_once(client, app):
    stamp = factories.stamp(factories.batch())
    data = {
        "code": stamp.url,
        "consent": "no",
        "idempotency_key": "offline-scan-00000001",
    }
    first = client.post("/scan/record", data=data, headers=HTMX)
    again = client.post("/scan/record", data=data, headers=HTMX)
    assert first.status_code == again.status_code == 200
    assert 'data-verdict="authentic"' in again.text
    assert db.session.scalar(select(func.count()).select_from(Scan)) == 1


def unsafe_stamp(notice: str):
    if notice == "expired":
        return factories.stamp(
            factories.batch(produced_on=date(2024, 1, 1), expires_on=date(2025, 1, 1))
        )
    issued = factories.stamp()
    factories.stamp_row(issued).batch.status = "recalled"
    db.session.commit()
    return issued


@pytest.mark.parametrize("notice", ["recalled", "expired"])
def test_an_unsafe_product_leads_with_its_warning_not_a_green_verdict(
    client, app, notice
):
    issued = unsafe_stamp(notice)
    page = client.get(factories.path_of(issued)).text
    warning = page.index(
        f'class="banner banner-danger notice" role="alert" data-notice="{notice}"'
    )
    assert warning < page.index('id="verdict"')
    verdict = record(client, issued).text
    assert 'data-verdict="authentic"' in verdict and "banner-ok" not in verdict
    assert "không được ăn hoặc sử dụng" in verdict

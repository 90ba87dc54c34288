"""The phone's queue: a refused item leaves it with the server's reason, a busy
server is asked again later, and a scan keeps who made it and when."""

import io
import re
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from sqlalchemy import select

from e2e.conftest import controlled, offline, sign_in
from webapp.extensions import db
from webapp.models import Scan

INSPECTOR = "thanhtra.hungyen@demo.ocoptrace.vn"


def photo() -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (64, 48), "#c33").save(image, "PNG")
    return image.getvalue()


def outbox(page: Page, state: str):
    return page.locator(f"[data-outbox] li[data-state={state}]")


def report_offline(page: Page, base: str, place: str) -> None:
    """Write a report with the network cut; it waits on the phone."""
    controlled(page, base + "/")
    with offline(page.context):
        page.goto(base + "/report/")
        page.get_by_label("Chợ hoặc cửa hàng").fill(place)
        page.get_by_label("Tỉnh, thành phố").select_option("79")
        page.get_by_label("Chi tiết").fill("Tem in mờ, chữ nhòe")
        page.get_by_label("Ảnh (tối đa 3 ảnh)").set_input_files(
            {"name": "tem.png", "mimeType": "image/png", "buffer": photo()}
        )
        page.get_by_role("button", name="Gửi báo cáo").click()
        expect(outbox(page, "waiting")).to_have_count(1)


def posts_to(page: Page, path: str) -> list:
    sent = []
    page.on(
        "request", lambda r: r.method == "POST" and path in r.url and sent.append(r)
    )
    return sent


def test_a_report_the_server_refuses_leaves_the_queue_with_its_reason(
    page: Page, live_server, artifacts
):
    posts = posts_to(page, "/report/")
    report_offline(page, live_server["url"], place="")  # no market or shop
    refused = outbox(page, "refused")
    expect(refused).to_contain_text("Hãy cho biết tên chợ hoặc cửa hàng.")
    expect(refused).not_to_contain_text("Đang chờ có mạng")
    page.screenshot(path=artifacts / "report-refused-vi.png", full_page=True)
    page.reload()
    page.wait_for_load_state("networkidle")
    expect(refused).to_have_count(1)
    assert len(posts) == 1  # asked once, not on every page


def test_a_refused_report_comes_back_to_the_form_to_be_fixed(page: Page, live_server):
    report_offline(page, live_server["url"], place="")
    expect(outbox(page, "refused")).to_have_count(1)
    page.goto(live_server["url"] + "/scan/")  # the list is on other pages too
    outbox(page, "refused").get_by_role("link", name="Sửa và gửi lại").click()
    expect(page.get_by_label("Chi tiết")).to_have_value("Tem in mờ, chữ nhòe")
    expect(page.get_by_label("Tỉnh, thành phố")).to_have_value("79")
    photos = page.get_by_label("Ảnh (tối đa 3 ảnh)")
    assert photos.evaluate("(input) => input.files[0].name") == "tem.png"
    page.get_by_label("Chợ hoặc cửa hàng").fill("Chợ Bến Thành, quầy 7")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page).to_have_url(re.compile(r"/report/R-[A-Z0-9]+$"))
    page.goto(live_server["url"] + "/report/")
    expect(page.locator("[data-outbox] li")).to_have_count(0)


@contextmanager
def answering(app, status: int, path: str):
    """The server answers POSTs to path with status, as a busy one does."""
    real = app.wsgi_app

    def busy(environ, start_response):
        if environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"] == path:
            start_response(f"{status} Busy", [("Content-Type", "text/html")])
            return [b"<!doctype html><title>busy</title>"]
        return real(environ, start_response)

    app.wsgi_app = busy
    try:
        yield
    finally:
        app.wsgi_app = real


@pytest.mark.parametrize("status", [429, 503])
def test_a_busy_server_is_asked_again_later_not_on_every_page(
    page: Page, live_server, status
):
    page.clock.install()
    posts = posts_to(page, "/report/")
    with answering(live_server["app"], status, "/report/"):
        report_offline(page, live_server["url"], place="Chợ Hôm, quầy 2")
        expect(outbox(page, "retry")).to_contain_text("máy chủ đang bận")
        page.reload()
        page.wait_for_load_state("networkidle")
        assert len(posts) == 1
    page.clock.fast_forward("02:00")
    expect(outbox(page, "sent")).to_have_count(1)


def test_a_scan_the_server_cannot_read_is_not_sent_again(page: Page, live_server):
    controlled(page, live_server["url"] + "/scan/")
    page.evaluate("() => window.ocopQueueScan('/01/08935301000011/21/ABCDEFGH')")
    page.reload()
    refused = outbox(page, "refused")
    expect(refused).to_contain_text("Số kiểm tra của mã số sản phẩm (GTIN) không đúng")


def scans_of(live_server, serial: str) -> list[Scan]:
    with live_server["app"].app_context():
        rows = list(db.session.scalars(select(Scan).where(Scan.serial == serial)))
        db.session.remove()
        return rows


def scan_offline_as_inspector(page: Page, live_server, stamp: dict) -> None:
    controlled(page, live_server["url"] + "/")
    sign_in(page, live_server["url"], INSPECTOR)
    with offline(page.context):
        page.goto(stamp["url"])  # the phone's camera app; the offline page stands in
        expect(outbox(page, "waiting")).to_have_count(1)


def test_an_inspectors_offline_scan_is_recorded_as_theirs(
    page: Page, live_server, demo_codes
):
    stamp, before = demo_codes[101], datetime.now(UTC)
    scan_offline_as_inspector(page, live_server, stamp)
    page.goto(live_server["url"] + "/scan/")  # signed in: the queue sends it
    expect(outbox(page, "sent")).to_have_count(1)
    [scan] = scans_of(live_server, stamp["serial"])
    assert scan.role == "inspector"
    assert before <= scan.made_at <= scan.scanned_at


def test_an_offline_scan_waits_when_its_inspector_has_signed_out(
    page: Page, live_server, demo_codes
):
    base, stamp = live_server["url"], demo_codes[103]
    scan_offline_as_inspector(page, live_server, stamp)
    token = page.request.get(base + "/report/token").json()["csrf_token"]
    page.request.post(base + "/logout", form={"csrf_token": token})  # elsewhere
    page.goto(base + "/scan/")
    page.wait_for_load_state("networkidle")
    expect(outbox(page, "held")).to_contain_text("khi bạn đăng nhập")
    assert scans_of(live_server, stamp["serial"]) == []

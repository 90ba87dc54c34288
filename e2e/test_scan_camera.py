"""The scan page decodes a stamp from the fake camera, then shows story and verdict."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from e2e.camera import write_clip
from e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from webapp.extensions import db
from webapp.models import Product


@pytest.fixture
def camera_browser(playwright, demo_codes, tmp_path):
    stamp = demo_codes[3]
    clip = write_clip(tmp_path / "stamp.y4m", stamp["url"])
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS
        + [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={clip}",
        ],
    )
    yield browser, stamp
    browser.close()


def producer_of(live_server, gtin: str) -> str:
    with live_server["app"].app_context():
        product = db.session.scalars(select(Product).filter_by(gtin=gtin)).one()
        return product.organisation.name


def test_camera_scan_opens_the_story_with_a_verdict(
    camera_browser, live_server, artifacts
):
    browser, stamp = camera_browser
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN")
    outside = []
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "blob:", "data:"))
            else (outside.append(route.request.url), route.abort())
        ),
    )
    assert not page.evaluate("'BarcodeDetector' in window")  # so the wasm decoder runs
    page.goto(live_server["url"] + "/scan/")
    page.wait_for_url(stamp["url"], timeout=20_000)
    page.get_by_role("button", name="Không, kiểm tra không cần vị trí").click()
    verdict = page.locator("#verdict[data-verdict]")
    expect(verdict).to_have_attribute("data-verdict", "authentic")
    expect(verdict).to_contain_text("Mã này là thật")
    page.screenshot(path=artifacts / "scan-verdict-phone.png")
    assert outside == []  # the decoder and its wasm came from our own server


def test_a_stamp_scanned_offline_is_checked_once_back_online(
    camera_browser, live_server, artifacts
):
    browser, stamp = camera_browser
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="vi-VN"
    )
    page = context.new_page()
    page.goto(live_server["url"] + "/")  # installs the worker
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()
    page.goto(live_server["url"] + "/scan/")  # kept once opened, with its decoder
    page.wait_for_url("**/01/**")  # the camera read the stamp: the decoder ran

    context.set_offline(True)
    try:
        page.goto(live_server["url"] + "/scan/")
        expect(page.locator("[data-status]")).to_contain_text(
            "Bạn đang ngoại tuyến: mã đã được lưu", timeout=20_000
        )
        expect(page.locator("[data-outbox] li[data-state=waiting]")).to_have_count(1)
        # An answer even offline: the producer's signature names who issued it.
        answer = page.locator("[data-offline-answer]")
        expect(answer).to_have_attribute("data-state", "signed")
        expect(answer.get_by_role("heading")).to_have_text(
            f"Do {producer_of(live_server, stamp['gtin'])} phát hành"
        )
        expect(answer).to_contain_text("Chưa kiểm tra lịch sử quét")
        page.screenshot(path=artifacts / "scan-queued-offline.png")
    finally:
        context.set_offline(False)

    checked = page.locator("[data-outbox] li[data-state=sent] a")
    expect(checked).to_have_attribute("data-verdict", "authentic", timeout=15_000)
    expect(checked).to_contain_text(stamp["serial"])
    context.close()

"""The scan page decodes a stamp from the fake camera, then shows story and verdict."""

import pytest
from playwright.sync_api import expect

from e2e.camera import write_clip
from e2e.conftest import CHROMIUM, CHROMIUM_ARGS


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

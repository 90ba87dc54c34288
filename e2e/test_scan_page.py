"""No camera: the scan page leads with the other ways; with one, the viewfinder."""

import pytest
from playwright.sync_api import expect

from e2e.camera import FAKE_DEVICE, GRANT, phone, qr_image

# (case, camera flags, host, language, viewport, colour scheme, the reason shown)
NO_CAMERA = [
    ("none", [], "127.0.0.1", "vi", (390, 844), "light", "Không tìm thấy camera"),
    ("denied", [FAKE_DEVICE], "127.0.0.1", "en", (390, 844), "dark", "blocked"),
    ("insecure", [], "scan.test", "vi", (320, 568), "dark", "trang bảo mật (https)"),
    ("none", [], "127.0.0.1", "en", (320, 568), "light", "No camera was found"),
]
RESOLVE_TEST_HOST = "--host-resolver-rules=MAP scan.test 127.0.0.1"
LABELS = {
    "vi": ("Mã in dưới mã QR", "Chụp ảnh con tem"),
    "en": ("Code printed under the QR", "Take a photo of the stamp"),
}


def scan_page(page, live_server, host="127.0.0.1"):
    page.goto(live_server["url"].replace("127.0.0.1", host) + "/scan/")
    return page


def painted_before_the_script(page, url: str, first):
    """Open url with scan.js held back until the page without it is on screen."""
    held = []
    page.route("**/js/scan.js*", lambda route: held.append(route))
    with page.expect_request("**/js/scan.js*"):
        page.goto(url, wait_until="commit")
    expect(first).to_be_visible()
    page.evaluate("new Promise((r) => requestAnimationFrame(() => setTimeout(r)))")
    assert len(held) == 1
    held[0].continue_()


def on_first_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] + box["height"] <= page.viewport_size["height"]


def layout_shift(page) -> float:
    """The page's cumulative layout shift so far, as Lighthouse would count it."""
    return page.evaluate(
        """() => {
            const observer = new PerformanceObserver(() => {});
            observer.observe({ type: "layout-shift", buffered: true });
            return observer.takeRecords().filter((e) => !e.hadRecentInput)
                .reduce((sum, e) => sum + e.value, 0);
        }"""
    )


@pytest.mark.parametrize(
    ("case", "flags", "host", "lang", "size", "scheme", "why"), NO_CAMERA
)
def test_without_a_camera_the_other_ways_come_first_with_the_reason(
    playwright, live_server, artifacts, case, flags, host, lang, size, scheme, why
):
    with phone(playwright, flags + [RESOLVE_TEST_HOST], lang, size, scheme) as page:
        errors = []  # a CSP violation is reported as a console error
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        code, photo = LABELS[lang]
        url = live_server["url"].replace("127.0.0.1", host) + "/scan/"
        painted_before_the_script(page, url, page.get_by_label(code))
        expect(page.locator("[data-status]")).to_contain_text(why)
        assert on_first_screen(page, page.get_by_label(code))
        assert on_first_screen(page, page.get_by_text(photo, exact=True))
        expect(page.locator("video")).to_be_hidden()
        assert layout_shift(page) < 0.001 and errors == []
        name = f"scan-no-camera-{case}-{lang}-{size[0]}-{scheme}.png"
        page.screenshot(path=artifacts / name, full_page=True)


def test_turning_the_camera_on_always_shows_what_happens(playwright, live_server):
    with phone(playwright) as page:
        status = scan_page(page, live_server).locator("[data-status]")
        expect(status).to_contain_text("Không tìm thấy camera")
        page.get_by_role("button", name="Thử lại camera").click()
        expect(page.get_by_text("Đang bật camera…")).to_be_visible()
        expect(status).to_contain_text("Không tìm thấy camera")
        expect(page.get_by_label("Mã in dưới mã QR")).to_be_visible()


LIVE = {
    "vi": ("Hướng camera vào mã QR", "Mã in dưới mã QR", "Nhập mã hoặc chụp ảnh"),
    "en": ("Point the camera at the QR", "Code printed under the QR", "Type the code"),
}


@pytest.mark.parametrize("lang", list(LIVE))
def test_with_a_camera_the_viewfinder_comes_first_and_typing_is_a_tap_away(
    playwright, live_server, artifacts, lang
):
    aim, code, type_instead = LIVE[lang]
    with phone(playwright, [FAKE_DEVICE, GRANT], lang) as page:
        status = scan_page(page, live_server).locator("[data-status]")
        expect(status).to_contain_text(aim)
        expect(page.locator("video")).to_be_visible()
        assert page.evaluate("document.querySelector('video').videoWidth") > 0
        expect(page.get_by_label(code)).to_be_hidden()
        page.screenshot(path=artifacts / f"scan-camera-live-{lang}-390-light.png")
        page.get_by_role("button", name=type_instead).click()
        expect(page.get_by_label(code)).to_be_visible()
        assert page.evaluate("document.querySelector('video').srcObject") is None


def test_choosing_a_photo_of_the_stamp_opens_its_story(
    playwright, live_server, demo_codes, tmp_path
):
    stamp = demo_codes[5]
    photo = tmp_path / "stamp.png"
    qr_image(stamp["url"]).save(photo)
    with phone(playwright) as page:
        status = scan_page(page, live_server).locator("[data-status]")
        expect(status).to_contain_text("Không tìm thấy camera")
        page.get_by_label("Chụp ảnh con tem").set_input_files(photo)
        page.wait_for_url(f"**/21/{stamp['serial']}*")

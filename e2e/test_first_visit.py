"""A first visit stays within the page budget, the service worker's background
fetches included; the QR decoder comes only with the scan page."""

from playwright.sync_api import Page

from bench.first_visit import body_bytes, metered, visit
from bench.page_weight import BUDGET

WAIT_FOR_CACHE = """async (url) => {
    for (let tries = 0; tries < 300; tries++) {
        if (await caches.match(url)) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
}"""


def test_a_first_visit_to_a_story_stays_within_the_budget(
    page: Page, live_server, demo_codes
):
    with metered(live_server["app"]) as meter:
        visit(page, demo_codes[117]["url"])
    paths = [path for _, path, *_ in meter.sent]
    assert not [path for path in paths if "zxing" in path or "qr-worker" in path]
    assert body_bytes(meter.sent) <= BUDGET


def test_the_decoder_is_kept_once_the_scan_page_is_opened(page: Page, live_server):
    visit(page, live_server["url"] + "/report/")
    visit(page, live_server["url"] + "/scan/")
    wasm = page.locator("[data-scanner]").get_attribute("data-wasm")
    assert page.evaluate(WAIT_FOR_CACHE, wasm)

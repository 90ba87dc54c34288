"""Households in different places scan one cloned code; the verdict turns suspicious."""

import pytest
from playwright.sync_api import expect

from e2e.relay import Relay

HUNG_YEN = {"latitude": 20.6512, "longitude": 106.0534}
HO_CHI_MINH = {"latitude": 10.7769, "longitude": 106.7009}
DA_NANG = {"latitude": 16.0544, "longitude": 108.2022}


@pytest.fixture
def relays(live_server):
    port = int(live_server["url"].rsplit(":", 1)[1])
    made = [Relay(port, f"127.0.{n}.{10 + n}") for n in range(3)]
    yield made
    for relay in made:
        relay.close()


def household(browser, relay, position):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="vi-VN",
        geolocation=position,
        permissions=["geolocation"],
        base_url=relay.url,
    )
    return context.new_page()


def scan_with_location(page, path):
    page.goto(path)
    page.get_by_role("button", name="Dùng vị trí của tôi").click()
    verdict = page.locator("#verdict[data-verdict]")
    expect(verdict).to_be_visible(timeout=10_000)
    return verdict


def test_copies_far_from_the_genuine_item_are_flagged(
    browser, demo_codes, relays, artifacts
):
    stamp = next(r for r in demo_codes if "79" not in r["regions"].split(";"))
    path = "/" + stamp["url"].split("/", 3)[3]
    genuine = scan_with_location(household(browser, relays[0], HUNG_YEN), path)
    expect(genuine).to_have_attribute("data-verdict", "authentic")

    # One far scan alone is as likely a gift: a calm notice, not an alarm.
    first_copy = scan_with_location(household(browser, relays[1], HO_CHI_MINH), path)
    expect(first_copy).to_have_attribute("data-verdict", "authentic")
    expect(first_copy.locator(".notice-calm")).to_contain_text("Hưng Yên")

    # A second, independent household far away: now it is a warning.
    copy_page = household(browser, relays[2], DA_NANG)
    copy = scan_with_location(copy_page, path)
    expect(copy).to_have_attribute("data-verdict", "suspicious")
    expect(copy).to_contain_text("Cẩn thận: mã này có thể đã bị sao chép")
    expect(copy).to_contain_text("Hồ Chí Minh")
    expect(copy.get_by_role("link", name="Báo cáo sản phẩm này")).to_be_visible()
    copy_page.screenshot(path=artifacts / "clone-suspicious-phone.png", full_page=False)

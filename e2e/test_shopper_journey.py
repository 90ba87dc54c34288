"""A shopper's whole journey on a phone, in both languages, without a location."""

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from webapp.services.stamps.serials import group

WORDS = {
    "vi": ("Mã in dưới mã QR", "Kiểm tra", "Không, kiểm tra không cần vị trí",
           "Mã này là thật", "Cài đặt vị trí", "Không bao giờ dùng vị trí của tôi"),
    "en": ("Code printed under the QR", "Check", "No, check without it",
           "This code is genuine", "Location setting", "Never use my location"),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_shopper_who_says_no_to_location_gets_a_verdict(
    page: Page, live_server, artifacts, lang
):
    code, check, no, genuine, setting, never = WORDS[lang]
    with live_server["app"].app_context():
        serial = factories.stamp().serial

    def shot(step: str) -> None:
        page.screenshot(path=artifacts / f"shopper-{step}-{lang}.png", full_page=True)

    page.goto(live_server["url"] + "/")
    if lang == "en":
        page.get_by_role("button", name="English").click()
    shot("1-home")
    page.get_by_label(code).fill(group(serial))  # typed from the label
    page.get_by_role("button", name=check, exact=True).click()
    expect(page.get_by_role("button", name=no)).to_be_visible()
    shot("2-asked-for-location")
    page.get_by_role("button", name=no).click()
    expect(page.locator("#verdict[data-verdict]")).to_contain_text(genuine)
    shot("3-verdict")
    page.get_by_role("link", name=setting).click()
    expect(page.get_by_label(never)).to_be_checked()  # the answer, changeable
    shot("4-location-setting")

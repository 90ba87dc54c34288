"""A shopper reads a stamp on a phone in Vietnamese, switches to English and back."""

import pytest
from playwright.sync_api import Page, expect


def test_story_switches_language_and_back(page: Page, demo_codes, artifacts):
    stamp = next(row for row in demo_codes if row["pin"])
    page.goto(stamp["url"])

    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", name="Hành trình")).to_be_visible()
    vietnamese_title = page.get_by_role("heading", level=1).inner_text()

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Journey")).to_be_visible()
    english_title = page.get_by_role("heading", level=1).inner_text()
    assert english_title != vietnamese_title
    page.screenshot(path=artifacts / "story-en-phone.png", full_page=True)

    page.reload()  # the choice is remembered
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(vietnamese_title)
    page.screenshot(path=artifacts / "story-vi-phone.png", full_page=True)


def test_story_is_shared_or_its_link_copied(page: Page, demo_codes):
    stamp = demo_codes[0]
    page.goto(stamp["url"])
    page.evaluate(
        "() => { delete Navigator.prototype.share; }"
    )  # desktop-like: no share sheet
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Chia sẻ").click()
    expect(page.get_by_text("Đã sao chép đường dẫn.")).to_be_visible()
    # The item's own link: the printed link's signature is for offline checks.
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == stamp["url"].partition("?")[0]


@pytest.mark.parametrize(
    "path", ["story", "/scan/", "/report/", "/guide/traceability", "/settings"]
)
def test_pages_fit_a_320_px_screen(page: Page, live_server, demo_codes, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(demo_codes[0]["url"] if path == "story" else live_server["url"] + path)
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= 320

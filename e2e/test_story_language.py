"""A shopper reads a stamp on a phone in Vietnamese, switches to English and back."""

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

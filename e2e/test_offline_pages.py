"""What the phone keeps of pages: a language switch offline says when a page was
never kept in the language asked for."""

from playwright.sync_api import Page, expect

from e2e.conftest import controlled, offline


def test_a_language_switch_offline_says_when_the_page_was_never_kept_in_it(
    page: Page, live_server, demo_codes
):
    controlled(page, live_server["url"] + "/")
    page.goto(demo_codes[109]["url"])  # kept in Vietnamese only
    with offline(page.context):
        page.get_by_role("button", name="English").click()
        notice = page.get_by_role("status").filter(has_text="not saved in English")
        expect(notice).to_have_text(
            "This page is not saved in English on this phone. "
            "It will be shown in English when the connection returns."
        )
        expect(notice).to_have_attribute("lang", "en")
        expect(page.locator("html")).to_have_attribute("lang", "vi")

"""What the phone keeps of pages: nothing rendered for staff, and a language switch
offline says when a page was never kept in the language asked for."""

from playwright.sync_api import Page, expect

from e2e.conftest import controlled, offline, sign_in

INSPECTOR = ("thanhtra.hungyen@demo.ocoptrace.vn", "Trần Văn Kiểm")


def test_pages_seen_signed_in_are_not_shown_offline_after_sign_out(
    page: Page, live_server, demo_codes
):
    base = live_server["url"]
    story = demo_codes[107]["url"]
    urls = [base + "/scan/", story, base + "/guide/traceability", base + "/report/"]
    controlled(page, base + "/")
    sign_in(page, base, INSPECTOR[0])
    for url in urls:
        page.goto(url)
    page.locator(".staff-line").get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(base + "/")
    with offline(page.context):
        for url in urls:
            page.goto(url)
            expect(page.locator("h1")).to_be_visible()
            expect(page.locator("body")).not_to_contain_text(INSPECTOR[1])
            expect(page.locator("[data-inspect], [data-scan-role]")).to_have_count(0)


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

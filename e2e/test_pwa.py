"""Chromium finds the app installable; visited stories and scanning work offline."""

from playwright.sync_api import Page, expect

from e2e.conftest import CHROMIUM, CHROMIUM_ARGS


def test_chromium_reports_the_app_installable(playwright, live_server, tmp_path):
    # A real profile: Chromium never offers to install from an incognito window.
    context = playwright.chromium.launch_persistent_context(
        tmp_path / "profile",
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
    )
    try:
        page = context.new_page()
        page.goto(live_server["url"] + "/")
        page.evaluate("() => navigator.serviceWorker.ready")
        session = context.new_cdp_session(page)
        errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == []
        assert session.send("Page.getAppManifest")["errors"] == []
    finally:
        context.close()


def test_visited_story_and_scan_page_work_offline(
    page: Page, live_server, demo_codes, artifacts
):
    base = live_server["url"]
    page.goto(base + "/")
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()  # now controlled by the worker
    assert page.evaluate("() => !!navigator.serviceWorker.controller")
    stamp = demo_codes[5]
    page.goto(stamp["url"])
    title = page.get_by_role("heading", level=1).inner_text()
    page.goto(base + "/login")  # a staff page: never kept on the phone

    page.context.set_offline(True)
    try:
        page.goto(stamp["url"])
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        page.goto(base + "/scan/")
        expect(page.get_by_role("heading", name="Quét tem")).to_be_visible()
        page.goto(demo_codes[9]["url"])  # never visited
        expect(page.get_by_role("heading", name="Bạn đang ngoại tuyến")).to_be_visible()
        page.goto(base + "/login")
        expect(page.get_by_role("heading", name="Bạn đang ngoại tuyến")).to_be_visible()
        page.screenshot(path=artifacts / "offline-page-phone.png")
    finally:
        page.context.set_offline(False)

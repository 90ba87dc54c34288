"""Chromium finds the app installable; visited stories and scanning work offline."""

from playwright.sync_api import Page, expect
from sqlalchemy import select

from e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from webapp.extensions import db
from webapp.models import Report


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


def test_a_report_written_offline_arrives_exactly_once(
    page: Page, live_server, artifacts
):
    base = live_server["url"]
    page.goto(base + "/")
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()
    before = _reports(live_server)

    page.context.set_offline(True)
    try:
        page.goto(base + "/report/")  # from the phone's cache
        page.get_by_label("Chợ hoặc cửa hàng").fill(
            "Chợ Bến Thành, quầy 3 (ngoại tuyến)"
        )
        page.get_by_label("Tỉnh, thành phố").select_option("79")
        page.get_by_role("button", name="Gửi báo cáo").click()
        expect(
            page.get_by_text("Bạn đang ngoại tuyến: báo cáo đã được lưu")
        ).to_be_visible()
        expect(page.locator("[data-outbox] li[data-state=waiting]")).to_have_count(1)
        page.screenshot(path=artifacts / "report-queued-offline.png", full_page=True)
    finally:
        page.context.set_offline(False)

    expect(page.locator("[data-outbox] li[data-state=sent]")).to_have_count(
        1, timeout=15000
    )
    reference = page.locator("[data-outbox] li[data-state=sent] a").inner_text()
    assert reference.startswith("R-")
    page.reload()  # the queue does not send it again
    expect(page.locator("[data-outbox] li[data-state=sent]")).to_have_count(1)
    after = _reports(live_server)
    assert len(after) == len(before) + 1
    assert after[-1] == (reference, "Chợ Bến Thành, quầy 3 (ngoại tuyến)")


def _reports(live_server) -> list[tuple[str, str]]:
    with live_server["app"].app_context():
        rows = db.session.execute(
            select(Report.reference, Report.place).order_by(Report.id)
        )
        result = [tuple(row) for row in rows]
        db.session.remove()
        return result

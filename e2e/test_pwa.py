"""Chromium finds the app installable; visited stories and scanning work offline."""

import re

from playwright.sync_api import Page, expect
from sqlalchemy import select

from e2e.conftest import CHROMIUM, CHROMIUM_ARGS, sign_in
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
    page.goto(base + "/scan/")  # kept once opened, with its decoder
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
        waiting = page.locator("[data-outbox] li[data-state=waiting]")
        expect(waiting).to_have_count(1)
        written = re.compile(r"^Đang chờ có mạng \(viết lúc .*\d.*\)$")
        expect(waiting).to_have_text(written)
        page.screenshot(path=artifacts / "report-queued-offline.png", full_page=True)
    finally:
        page.context.set_offline(False)

    expect(page.locator("[data-outbox] li[data-state=sent]")).to_have_count(
        1, timeout=15000
    )
    reference = page.locator("[data-outbox] li[data-state=sent] a").inner_text()
    expect(page.locator("[data-outbox] li[data-state=sent]")).to_have_text(
        re.compile(r"^Đã gửi lúc .*\d.*, mã tham chiếu R-")
    )
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


def test_an_inspector_keeps_dossiers_for_the_market_and_forgets_them_on_sign_out(
    page: Page, live_server, demo_codes
):
    base = live_server["url"]
    stamp = next(
        r for r in demo_codes if set(r["regions"].split(";")) == {"33", "24", "01"}
    )
    for device, where in (
        ("pwa-buyer-0001", (20.65, 106.05)),
        ("pwa-clone-0001", (10.78, 106.70)),
    ):
        page.request.post(
            f"{base}/api/v1/scans",
            data={
                "code": stamp["url"],
                "device_id": device,
                "lat": where[0],
                "lon": where[1],
            },
        )
    sign_in(page, base, "thanhtra.hungyen@demo.ocoptrace.vn")
    page.evaluate("() => navigator.serviceWorker.ready")
    page.get_by_role(
        "button", name=re.compile("hồ sơ để dùng khi không có mạng")
    ).click()
    expect(
        page.get_by_text(re.compile("hồ sơ trên điện thoại này lúc"))
    ).to_be_visible()

    page.context.set_offline(True)
    try:
        page.goto(f"{base}/inspector/dossier?code={stamp['serial']}")
        expect(page.get_by_text("Hồ sơ dành cho kiểm soát viên")).to_be_visible()
    finally:
        page.context.set_offline(False)

    page.goto(f"{base}/inspector/")
    page.locator(".staff-line").get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{base}/")
    assert page.evaluate("() => caches.has('dossiers')") is False


def test_the_language_switch_works_offline(page: Page, live_server, demo_codes):
    base = live_server["url"]
    page.goto(base + "/")
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()
    page.goto(demo_codes[7]["url"])
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Journey")).to_be_visible()
    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.get_by_role("heading", name="Hành trình")).to_be_visible()

    page.context.set_offline(True)
    try:
        page.get_by_role("button", name="English").click()
        expect(page.get_by_role("heading", name="Journey")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    finally:
        page.context.set_offline(False)

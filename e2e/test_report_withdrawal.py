"""A reporter keeps the secret shown once and withdraws the report with it."""

import re

from playwright.sync_api import Page, expect

from e2e.conftest import screenshots
from e2e.test_offline_queue import outbox, report_offline

SECRET = re.compile(r"[0-9A-Z]{5}-[0-9A-Z]{5}")


def test_a_reporter_withdraws_a_report_with_the_secret_shown_once(
    page: Page, live_server, artifacts
):
    base = live_server["url"]
    page.goto(base + "/report/")
    page.get_by_label("Chợ hoặc cửa hàng").fill("Chợ Phố Hiến, quầy 3")
    page.get_by_label("Tỉnh, thành phố").select_option("33")
    page.get_by_label("Số điện thoại hoặc email, nếu bạn muốn được phản hồi").fill(
        "0912 345 678"
    )
    page.get_by_role("button", name="Gửi báo cáo").click()
    secret = page.locator(".withdraw-secret").inner_text()
    assert SECRET.fullmatch(secret)
    reference = page.locator(".reference").inner_text()
    screenshots(page, artifacts, "report-secret-shown-once")

    page.reload()
    expect(page.locator(".withdraw-secret")).to_have_count(0)
    page.get_by_role("link", name="Rút lại báo cáo").click()
    page.get_by_label("Mã bí mật để rút lại").fill("AAAAA-BBBBB")
    page.get_by_role("button", name="Xóa báo cáo của tôi").click()
    expect(
        page.get_by_text("Đây không phải mã bí mật của báo cáo này.")
    ).to_be_visible()
    page.get_by_label("Mã bí mật để rút lại").fill(secret.lower())
    page.get_by_role("button", name="Xóa báo cáo của tôi").click()
    expect(page.get_by_role("heading", name="Đã rút lại báo cáo")).to_be_visible()
    screenshots(page, artifacts, "report-withdrawn")

    page.goto(f"{base}/report/{reference}")
    expect(
        page.get_by_role("heading", name="Không có báo cáo nào mang mã này")
    ).to_be_visible()


def test_a_report_sent_from_the_queue_keeps_its_secret_on_the_phone(
    page: Page, live_server
):
    report_offline(page, live_server["url"], place="Chợ Hôm, quầy 9")
    sent = outbox(page, "sent")
    expect(sent).to_contain_text(
        re.compile(r"mã bí mật để rút lại: [0-9A-Z]{5}-[0-9A-Z]{5}")
    )

"""A shopper reports a fake with photos; an inspector triages, inspects and seizes."""

import secrets

from PIL import Image
from playwright.sync_api import Page, expect

from e2e.conftest import screenshots, sign_in
from e2e.relay import Relay
from webapp.services.stamps.serials import ALPHABET, group

HUNG_YEN = {"lat": 20.6512, "lon": 106.0534}
HO_CHI_MINH = {"lat": 10.7769, "lon": 106.7009}
INSPECTOR = "thanhtra.hungyen@demo.ocoptrace.vn"


def photo(tmp_path, name, colour):
    path = tmp_path / name
    Image.new("RGB", (1200, 900), colour).save(path, "JPEG")
    return path


def test_shopper_reports_with_photos_and_follows_the_report(
    page: Page, demo_codes, tmp_path, artifacts
):
    stamp = next(row for row in demo_codes if not row["pin"])
    page.goto(stamp["url"])
    page.get_by_role("link", name="Báo cáo nghi hàng giả").click()
    code = stamp["url"].partition("?")[0]  # the item's link, without the signature
    expect(page.get_by_label("Mã trên tem (nếu có)")).to_have_value(code)

    page.get_by_label("Chợ hoặc cửa hàng").fill("Chợ Phố Hiến, quầy 12")
    page.get_by_label("Tỉnh, thành phố").select_option("33")
    page.get_by_label("Giá đã trả (đồng)").fill("85000")
    page.get_by_label("Bao bì trông khác thường").check()
    page.get_by_label("Ảnh (tối đa 3 ảnh)").set_input_files(
        [
            photo(tmp_path, "tem.jpg", (200, 30, 30)),
            photo(tmp_path, "bao-bi.jpg", (30, 90, 200)),
        ]
    )
    page.screenshot(path=artifacts / "report-form-phone.png", full_page=True)
    page.get_by_role("button", name="Gửi báo cáo").click()

    expect(page.get_by_text("Đã nhận 2 ảnh")).to_be_visible()
    reference = page.locator(".reference").inner_text()
    assert reference.startswith("R-")
    page.screenshot(path=artifacts / "report-status-phone.png", full_page=True)

    page.goto(page.url.split("/report/")[0] + f"/report/{reference}")
    expect(
        page.get_by_text("Đang chờ kiểm soát viên quản lý thị trường.")
    ).to_be_visible()


def test_inspector_triages_inspects_and_seizes(
    page: Page, live_server, demo_codes, tmp_path, artifacts
):
    base = live_server["url"]
    stamp = [
        row
        for row in demo_codes
        if set(row["regions"].split(";")) == {"33", "01"} and not row["pin"]
    ][-1]  # a batch sold in Hưng Yên and Hà Nội, far from the clone's scans
    # The buyer at home, then copies bought by two households on other networks:
    # one far scan alone could be a gift; two independent sources flag it.
    port = int(base.rsplit(":", 1)[1])
    relays = [Relay(port, f"127.0.{n}.{20 + n}") for n in (1, 2)]
    try:
        for url, device, where in (
            (base, "buyer-phone-e2e-1", HUNG_YEN),
            (relays[0].url, "clone-phone-e2e-1", HO_CHI_MINH),
            (relays[1].url, "clone-phone-e2e-2", HO_CHI_MINH),
        ):
            response = page.request.post(
                f"{url}/api/v1/scans",
                data={"code": stamp["url"], "device_id": device, **where},
            )
            assert response.ok
    finally:
        for relay in relays:
            relay.close()

    sign_in(page, base, INSPECTOR)

    expect(page.get_by_role("heading", name="Vụ việc cần phân loại")).to_be_visible()
    row = page.locator(".case-row", has_text=stamp["serial"][:4])
    expect(row.first).to_be_visible()
    # Filtering swaps only the list (htmx), and the case stays among open ones.
    page.get_by_label("Tình trạng").select_option("dismissed")
    expect(row).to_have_count(0)
    expect(page.locator(".case-row .status-dismissed").first).to_be_visible()
    page.get_by_label("Tình trạng").select_option("open")
    expect(row.first).to_be_visible()
    page.screenshot(path=artifacts / "inspector-queue-phone.png", full_page=True)
    row.first.get_by_role("link").click()

    page.get_by_role("button", name="Tôi nhận xử lý vụ việc này").click()
    expect(page.get_by_text("Bạn đang xử lý vụ việc này.")).to_be_visible()
    page.get_by_role("link", name="Mở hồ sơ của mã này").click()

    expect(page.locator("[data-verdict]").first).to_have_attribute(
        "data-verdict", "suspicious"
    )
    expect(page.locator("svg.map circle.scan-point")).to_have_count(3)
    expect(page.get_by_text("3 điện thoại khác nhau")).to_be_visible()
    page.screenshot(path=artifacts / "inspector-dossier-phone.png", full_page=True)

    seizure = photo(tmp_path, "thu-giu.jpg", (90, 90, 90))
    record_seizure(page.locator("#record"), "Chợ Phố Hiến, sạp 14", seizure, "33")
    expect(page.locator("[data-verdict]").first).to_have_attribute(
        "data-verdict", "counterfeit"
    )
    expect(page.locator("#inspections")).to_contain_text("Chợ Phố Hiến, sạp 14")

    # Signed out, a shopper scanning the same code is warned.
    page.locator(".staff-line").get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{base}/")
    page.goto(stamp["url"])
    expect(
        page.get_by_role("heading", name="Cảnh báo: đây không phải mã thật")
    ).to_be_visible()
    page.get_by_role("button", name="Không, kiểm tra không cần vị trí").click()
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "counterfeit")
    expect(
        page.get_by_text("Cán bộ quản lý thị trường đã xác nhận mã này là hàng giả.")
    ).to_be_visible()
    page.screenshot(path=artifacts / "story-after-seizure-phone.png", full_page=True)


def report_a_code(page: Page, base: str, code: str) -> str:
    """A shopper reports the code bought in Phố Hiến ward; returns the reference."""
    page.goto(f"{base}/report/")
    page.get_by_label("Mã trên tem (nếu có)").fill(code)
    page.get_by_label("Chợ hoặc cửa hàng").fill("Chợ Phố Hiến, quầy 5")
    page.get_by_label("Tỉnh, thành phố").select_option("33")
    page.get_by_label("Phường, xã").select_option("11953")  # filled in by htmx
    page.get_by_label("Bao bì trông khác thường").check()
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_text("Cảm ơn bạn. Báo cáo đã được tiếp nhận.")).to_be_visible()
    return page.locator(".reference").inner_text()


def record_seizure(form, place: str, picture, province: str | None = None) -> None:
    """Fill in and save an inspection form: goods seized, with a photo."""
    form.get_by_label("Hàng giả: đã tạm giữ hàng").check()
    form.get_by_label("Địa điểm (chợ, cửa hàng, sạp)").fill(place)
    if province:
        form.get_by_label("Tỉnh/thành phố", exact=True).select_option(province)
    form.get_by_label("Ghi chú", exact=True).fill("Tem giả, bao bì khác màu.")
    form.get_by_label("Ảnh (không bắt buộc)").set_input_files(picture)
    form.get_by_role("button", name="Lưu kết quả kiểm tra").click()
    expect(form.page.get_by_text("Đã ghi nhận lần kiểm tra.")).to_be_visible()


def seize(page: Page, tmp_path, code: str) -> None:
    """On the case page, goods bearing the code were seized (province preset)."""
    form = page.locator("#inspect")
    expect(form.get_by_label("Tỉnh/thành phố", exact=True)).to_have_value("33")
    form.get_by_label(code).check()
    record_seizure(
        form, "Chợ Phố Hiến, quầy 5", photo(tmp_path, "gia.jpg", (120, 40, 40))
    )


def never_issued_code(base: str, demo_codes) -> tuple[str, str]:
    """A link in the shape of a Hưng Yên demo lot, with a serial never issued."""
    row = next(r for r in demo_codes if "33" in r["regions"].split(";"))
    serial = "".join(secrets.choice(ALPHABET) for _ in range(16))
    return f"{base}/01/{row['gtin']}/10/{row['lot']}/21/{serial}", serial


def open_reported_case(page: Page, serial: str, code: str) -> None:
    """From the queue, the case whose report named the code; it shows code and ward."""
    page.locator(".case-row", has_text=group(serial)).get_by_role("link").click()
    expect(page.get_by_text(code).first).to_be_visible()
    expect(page.get_by_text("Chưa từng được phát hành").first).to_be_visible()
    expect(page.get_by_text("Phường Phố Hiến, Hưng Yên").first).to_be_visible()


def look_up_report(page: Page, base: str, reference: str) -> None:
    """Signed out, a shopper finds the report again by its reference."""
    page.locator(".staff-line").get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/report/")
    page.get_by_label("Mã báo cáo (R- và 8 chữ cái hoặc chữ số)").fill(reference)
    page.get_by_role("button", name="Xem tình trạng").click()


def test_inspector_seizes_a_never_issued_code_from_a_report(
    page: Page, live_server, demo_codes, tmp_path, artifacts
):
    base, journey = live_server["url"], "inspector-journey"
    code, serial = never_issued_code(base, demo_codes)
    reference = report_a_code(page, base, code)
    screenshots(page, artifacts, f"{journey}-1-report-sent")
    expect(page.get_by_text("Cảm ơn bạn")).to_have_count(0)  # thanked once only
    expect(page.locator(".progress .done")).to_have_text(["✔ Tiếp nhận"])
    sign_in(page, base, INSPECTOR)
    open_reported_case(page, serial, code)
    screenshots(page, artifacts, f"{journey}-2-case")
    seize(page, tmp_path, code)
    expect(page.locator("#case-title .status-chip")).to_have_text("Đã xác nhận giả")
    expect(page.locator("#history")).to_contain_text("Hàng giả: đã tạm giữ hàng")
    screenshots(page, artifacts, f"{journey}-3-case-closed")
    look_up_report(page, base, reference)
    expect(page.locator(".progress .done")).to_have_count(3)
    expect(page.locator(".outcome")).to_contain_text("xác nhận sản phẩm là hàng giả")
    screenshots(page, artifacts, f"{journey}-4-shopper-sees-outcome")


def test_a_report_closed_without_being_taken_skips_the_inspector_step(
    page: Page, live_server, demo_codes, artifacts
):
    base = live_server["url"]
    code, serial = never_issued_code(base, demo_codes)
    reference = report_a_code(page, base, code)
    sign_in(page, base, INSPECTOR)
    page.locator(".case-row", has_text=group(serial)).get_by_role("link").click()
    page.get_by_label("Trạng thái mới").select_option("dismissed")
    page.get_by_label("Ghi chú (bắt buộc khi đóng vụ việc)").fill("Trùng lặp.")
    page.get_by_role("button", name="Lưu trạng thái").click()
    expect(page.get_by_text("Đã cập nhật vụ việc.")).to_be_visible()
    look_up_report(page, base, reference)
    expect(page.locator(".progress li")).to_have_text(["✔ Tiếp nhận", "✔ Đã đóng"])
    expect(page.locator(".outcome")).to_contain_text("mà không xử lý thêm")
    screenshots(page, artifacts, "report-closed-untaken-status")

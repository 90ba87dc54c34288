"""A shopper reports a fake with photos; an inspector triages, inspects and seizes."""

from PIL import Image
from playwright.sync_api import Page, expect

from e2e.conftest import sign_in

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
    for device, where in (
        ("buyer-phone-e2e-1", HUNG_YEN),
        ("clone-phone-e2e-1", HO_CHI_MINH),
    ):
        response = page.request.post(
            f"{base}/api/v1/scans",
            data={"code": stamp["url"], "device_id": device, **where},
        )
        assert response.ok

    sign_in(page, base, INSPECTOR)

    expect(page.get_by_role("heading", name="Vụ việc cần phân loại")).to_be_visible()
    row = page.locator(".case-row", has_text=stamp["serial"][:4])
    expect(row.first).to_be_visible()
    # Filtering swaps only the list (htmx), and the case stays among open ones.
    page.get_by_label("Tình trạng").select_option("dismissed")
    expect(page.get_by_text("Không có vụ việc nào khớp bộ lọc.")).to_be_visible()
    page.get_by_label("Tình trạng").select_option("open")
    page.screenshot(path=artifacts / "inspector-queue-phone.png", full_page=True)
    page.locator(".case-row a").first.click()

    page.get_by_role("button", name="Tôi nhận xử lý vụ việc này").click()
    expect(page.get_by_text("Bạn đang xử lý vụ việc này.")).to_be_visible()
    page.get_by_role("link", name="Mở hồ sơ của mã này").click()

    expect(page.locator("[data-verdict]").first).to_have_attribute(
        "data-verdict", "suspicious"
    )
    expect(page.locator("svg.map circle.scan-point")).to_have_count(2)
    expect(page.get_by_text("2 điện thoại khác nhau")).to_be_visible()
    page.screenshot(path=artifacts / "inspector-dossier-phone.png", full_page=True)

    page.get_by_label("Hàng giả: đã tạm giữ hàng").check()
    page.get_by_label("Địa điểm (chợ, cửa hàng, sạp)").fill("Chợ Bến Thành, sạp 14")
    page.locator("#province").select_option("79")
    page.get_by_label("Ghi chú", exact=True).fill("Tem in lại, bao bì khác màu.")
    page.get_by_label("Ảnh (không bắt buộc)").set_input_files(
        photo(tmp_path, "thu-giu.jpg", (90, 90, 90))
    )
    page.get_by_role("button", name="Lưu kết quả kiểm tra").click()

    expect(page.get_by_text("Đã ghi nhận lần kiểm tra.")).to_be_visible()
    expect(page.locator("[data-verdict]").first).to_have_attribute(
        "data-verdict", "counterfeit"
    )
    expect(page.locator("#inspections")).to_contain_text("Chợ Bến Thành, sạp 14")

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

"""A producer goes from a new batch to a printed sheet whose QR opens the story."""

from datetime import date

import pypdfium2 as pdfium
import zxingcpp
from playwright.sync_api import Page, expect

from e2e.conftest import sign_in

QR = zxingcpp.BarcodeFormat.QRCode  # a sheet's text must not pass for a 1D code

PRODUCER = "hongchau@demo.ocoptrace.vn"


def test_producer_issues_stamps_and_a_printed_code_opens_the_story(
    page: Page, live_server, artifacts
):
    base = live_server["url"]
    sign_in(page, base, PRODUCER)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Hồng Châu")
    page.get_by_role("link", name="Lô hàng mới").click()
    page.get_by_label("Mã lô").fill("E2E2611")
    page.get_by_label("Ngày sản xuất").fill(date.today().isoformat())
    page.get_by_label("Số lượng sản xuất (sản phẩm)").fill("500")
    page.get_by_label("Hưng Yên", exact=True).check()
    page.get_by_label("Hà Nội", exact=True).check()
    page.get_by_role("button", name="Tạo lô hàng").click()
    expect(page.get_by_text("Đã tạo lô E2E2611.")).to_be_visible()

    page.get_by_label("Công đoạn").select_option("packing")
    page.get_by_label("Thời gian (giờ Việt Nam)").fill(
        f"{date.today().isoformat()}T00:05"
    )
    page.get_by_label("Địa điểm (tiếng Việt)").fill("Xưởng sấy HTX, Hồng Châu")
    page.get_by_role("button", name="Thêm công đoạn").click()
    expect(page.get_by_text("Đã thêm công đoạn vào hành trình.")).to_be_visible()

    page.get_by_label("Số tem").fill("12")
    page.get_by_label("Có mã PIN cào trên mỗi tem").check()
    page.get_by_label("Cỡ tem").select_option("medium")
    page.get_by_role("button", name="Phát hành tem").click()
    expect(page.get_by_text("Đã phát hành 12 tem.")).to_be_visible()
    page.screenshot(path=artifacts / "producer-batch-phone.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tờ in PDF").click()
    pdf = download.value.path().read_bytes()
    document = pdfium.PdfDocument(pdf)
    image = document[0].render(scale=300 / 72).to_pil()
    document.close()
    image.save(artifacts / "producer-sheet-page1.png")
    links = sorted(result.text for result in zxingcpp.read_barcodes(image, formats=QR))
    assert len(links) == 12 and all(link.startswith(base) for link in links)

    page.goto(links[0])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Long nhãn")
    expect(page.get_by_text("Xưởng sấy HTX, Hồng Châu")).to_be_visible()
    expect(page.get_by_text("E2E2611").first).to_be_visible()

"""A producer goes from a new batch to a printed sheet whose QR opens the story."""

import re
from datetime import date

import pypdfium2 as pdfium
import zxingcpp
from playwright.sync_api import Page, expect

from e2e.conftest import sign_in
from webapp.services.stamps.label_preview import PDFIUM_LOCK

QR = zxingcpp.BarcodeFormat.QRCode  # a sheet's text must not pass for a 1D code

PRODUCER = "hongchau@demo.ocoptrace.vn"
LOADED = "els => els.every(i => i.complete && i.naturalWidth > 0)"


def create_batch(page: Page, lot: str, quantity: int) -> None:
    page.get_by_role("link", name="Lô hàng mới").click()
    page.get_by_label("Mã lô").fill(lot)
    page.get_by_label("Ngày sản xuất").fill(date.today().isoformat())
    page.get_by_label("Số lượng sản xuất (sản phẩm)").fill(str(quantity))
    page.get_by_label("Hưng Yên", exact=True).check()
    page.get_by_label("Hà Nội", exact=True).check()
    page.get_by_role("button", name="Tạo lô hàng").click()
    expect(page.get_by_text(f"Đã tạo lô {lot}.")).to_be_visible()


def issue(page: Page, count: int, layout: str = "small") -> None:
    page.get_by_label("Số tem").fill(str(count))
    page.get_by_label("Cỡ tem").select_option(layout)
    page.get_by_role("button", name="Phát hành tem").click()


def test_producer_issues_stamps_and_a_printed_code_opens_the_story(
    page: Page, live_server, artifacts
):
    base = live_server["url"]
    sign_in(page, base, PRODUCER)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Hồng Châu")
    create_batch(page, "E2E2611", 500)

    page.get_by_label("Công đoạn").select_option("packing")
    page.get_by_label("Thời gian (giờ Việt Nam)").fill(
        f"{date.today().isoformat()}T00:05"
    )
    page.get_by_label("Địa điểm (tiếng Việt)").fill("Xưởng sấy HTX, Hồng Châu")
    page.get_by_label("Phường, xã").select_option("11980")
    page.get_by_role("button", name="Thêm công đoạn").click()
    expect(page.get_by_text("Đã thêm công đoạn vào hành trình.")).to_be_visible()

    page.get_by_label("Có mã PIN cào trên mỗi tem").check()
    previews = page.locator("#label-preview img")
    expect(previews.first).to_have_attribute("src", re.compile(r"pin=1"))
    previews.last.scroll_into_view_if_needed()
    page.wait_for_function(
        f"() => ({LOADED})([...document.querySelectorAll('#label-preview img')])"
    )
    issue(page, 12, "medium")
    expect(page.get_by_text("Đã phát hành 12 tem.")).to_be_visible()
    page.screenshot(path=artifacts / "producer-batch-phone.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tờ in PDF").click()
    pdf = download.value.path().read_bytes()
    with PDFIUM_LOCK:  # the live server in this process may be drawing a preview
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


def test_a_producer_raises_the_quantity_of_a_printed_batch_to_issue_more(
    page: Page, live_server, artifacts
):
    sign_in(page, live_server["url"], PRODUCER)
    create_batch(page, "E2E2612", 10)
    issue(page, 10)
    issue(page, 5)
    expect(page.get_by_text("Nhiều tem hơn số sản phẩm của lô")).to_be_visible()
    page.get_by_role("link", name="Sửa thông tin lô").click()
    expect(page.get_by_text("nằm trong mã QR của mọi tem")).to_be_visible()
    page.screenshot(path=artifacts / "producer-batch-edit-vi.png", full_page=True)
    page.get_by_label("Số lượng sản xuất (sản phẩm)").fill("15")
    page.get_by_role("button", name="Lưu lô hàng").click()
    expect(page.get_by_text("sản xuất 15, đã phát hành 10 tem")).to_be_visible()
    issue(page, 5)
    expect(page.get_by_text("Đã phát hành 5 tem.")).to_be_visible()

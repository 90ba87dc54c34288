"""10,000 stamps from the web: the answer comes at once, the page shows the
print files being prepared, and the PDF arrives from the job worker."""

import time

import pypdfium2 as pdfium
import zxingcpp
from playwright.sync_api import Page, expect

from e2e.conftest import sign_in
from e2e.test_producer_stamps import PRODUCER, create_batch, issue
from webapp.services.stamps.label_preview import PDFIUM_LOCK

COUNT = 10_000
PER_PAGE = 65  # small labels on A4


def test_ten_thousand_stamps_answer_at_once_and_the_pdf_comes_from_the_queue(
    page: Page, live_server, artifacts
):
    base = live_server["url"]
    sign_in(page, base, PRODUCER)
    create_batch(page, "E2EQ2612", COUNT)

    polls: list[str] = []
    page.on(
        "request",
        lambda request: (
            polls.append(request.url) if request.url.endswith("/print-files") else None
        ),
    )
    began = time.perf_counter()
    issue(page, COUNT)
    flash = page.get_by_text(f"Đã phát hành {COUNT} tem.")
    expect(flash).to_be_visible(timeout=30_000)
    answered = time.perf_counter() - began
    files = page.locator(".print-files").first
    expect(files).to_have_attribute("aria-live", "polite")
    expect(files).to_have_attribute("hx-trigger", "every 2s")
    expect(files.locator("progress")).to_be_visible()
    page.screenshot(path=artifacts / "print-files-preparing.png", full_page=True)

    pdf_link = page.get_by_role("link", name="Tải tờ in PDF")
    expect(pdf_link).to_be_visible(timeout=180_000)  # swapped in by htmx polling
    ready = time.perf_counter() - began
    assert polls, "the page never asked how the print files stand"
    seen = len(polls)
    page.wait_for_timeout(4_500)
    assert len(polls) == seen, "the page kept polling once the files were ready"
    print(f"answered in {answered:.1f} s, PDF ready after {ready:.1f} s")
    assert answered < 20

    with page.expect_download() as download:
        pdf_link.click()
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(download.value.path().read_bytes())
        pages = len(document)
        image = document[pages - 1].render(scale=300 / 72).to_pil()
        document.close()
    assert pages == -(-COUNT // PER_PAGE)
    last = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(last) == COUNT - (pages - 1) * PER_PAGE
    assert all(code.text.startswith(base) for code in last)

"""A producer with nothing on file registers an essential good that is not OCOP.

The province approves the producer and the product, a shopper scans a stamp,
and the programme dashboard counts the product in its kind and its sector.
"""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlalchemy import select

from e2e.conftest import sign_in
from e2e.test_producer_journey import add_batch, add_step, new_producer, picture
from e2e.test_producer_journey import translator as say_in
from webapp.extensions import db
from webapp.models import Batch, Product, Stamp
from webapp.services.standards.gtin import complete_gtin

ADMIN = "admin@demo.ocoptrace.vn"
PRODUCT = "Gạo thơm Đồng Vàng túi 5 kg"


def counted(page: Page, row: str) -> tuple[int, int]:
    """(done, total) in a coverage row of the dashboard ("3 trên 4")."""
    text = page.locator(f"#{row} td").first.inner_text()
    done, total = re.findall(r"\d+", text)
    return int(done), int(total)


def coverage(page: Page, base: str) -> dict[str, tuple[int, int]]:
    page.goto(f"{base}/admin/")
    rows = ("coverage-kinds-essential", "coverage-sectors-agriculture")
    return {row: counted(page, row) for row in rows}


def assert_accessible(page: Page) -> None:
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()


def register_essential_good(page: Page, base: str, t, n: int) -> None:
    page.goto(f"{base}/producer/profile")
    page.get_by_label(t("Address (house number, street, hamlet)")).fill("Thôn Đông")
    page.get_by_label(t("Ward or commune")).select_option("11980")
    page.get_by_label(t("Main sector")).select_option("agriculture")
    page.get_by_role("button", name=t("Save the profile")).click()
    expect(page.get_by_text(t("Profile saved."))).to_be_visible()
    page.goto(f"{base}/producer/products/new")
    assert_accessible(page)
    page.get_by_label(t("GTIN (the number under the barcode)")).fill(
        complete_gtin(f"08939988{n:05d}")
    )
    page.get_by_label(t("Name (in Vietnamese)")).fill(PRODUCT)
    page.get_by_label(t("Picture")).set_input_files(picture(n + 20))
    page.get_by_label(t("Essential pre-packaged good"), exact=True).check()
    page.get_by_label(t("Sector"), exact=True).select_option("agriculture")
    page.get_by_label(t("Product group (the OCOP product sets)")).select_option("03")
    page.get_by_label(t("Declaration of conformity or registration number")).fill(
        "02/2026/ĐV-TCB"
    )
    page.get_by_label(t("Net content (e.g. 500 g)")).fill("5 kg")
    page.get_by_label(t("Standards applied (one per line)")).fill("TCVN 11888:2017")
    page.get_by_role("button", name=t("Save the product")).click()
    expect(page.get_by_text(t("Product saved."))).to_be_visible()


def approve_all(page: Page, base: str, t, names: tuple[str, ...]) -> None:
    page.goto(f"{base}/admin/approvals")
    for name in names:
        title = page.locator("strong").get_by_text(name, exact=True)
        form = page.locator("form.approval").filter(has=title)
        form.get_by_role("button", name=t("Approve")).click()
        expect(page.get_by_text(t("Approved: %(name)s.", name=name))).to_be_visible()


def a_stamp_path(app) -> str:
    with app.app_context():
        product = db.session.scalars(select(Product).where(Product.name_vi == PRODUCT))
        product = product.one()
        stamp = db.session.scalars(
            select(Stamp).join(Batch).where(Batch.product_id == product.id)
        ).first()
        lot = stamp.batch.lot_code
        return f"/01/{product.gtin}/10/{lot}/21/{stamp.serial}"


def test_an_essential_good_is_registered_approved_scanned_and_counted(
    page: Page, live_server, artifacts
):
    base, app = live_server["url"], live_server["app"]
    (email, n), t = new_producer(app), say_in(app, "vi")
    admin = page.context.browser.new_page(locale="vi-VN")
    sign_in(admin, base, ADMIN)
    before = coverage(admin, base)

    sign_in(page, base, email)
    register_essential_good(page, base, t, n)
    add_batch(page, base, t)
    add_step(page, t, "harvesting", 12, "Cánh đồng thôn Đông", ward="11980")
    add_step(page, t, "creating_class_instance", 8, "Xưởng xay HTX", ward="11980")
    page.get_by_label("Số tem").fill("3")
    page.get_by_role("button", name="Phát hành tem").click()
    expect(page.get_by_text("Đã phát hành 3 tem.")).to_be_visible()

    approve_all(admin, base, t, (f"HTX Nhãn Mới {n}", PRODUCT))
    shopper = page.context.browser.new_page(locale="vi-VN")
    shopper.goto(base + a_stamp_path(app))
    expect(shopper.get_by_role("heading", level=1)).to_contain_text(PRODUCT)
    expect(shopper.locator("#product-kinds")).to_have_text(
        t("Essential pre-packaged good")
    )
    expect(shopper.get_by_text(t("OCOP certificate"))).to_have_count(0)
    shopper.get_by_role("button", name="Không, kiểm tra không cần vị trí").click()
    expect(shopper.locator("#verdict[data-verdict='authentic']")).to_be_visible()
    shopper.screenshot(path=artifacts / "essential-good-story.png", full_page=True)

    after = coverage(admin, base)
    for row, (done, total) in before.items():
        assert after[row] == (done + 1, total + 1), row
    assert_accessible(admin)
    admin.screenshot(path=artifacts / "essential-good-dashboard.png", full_page=True)

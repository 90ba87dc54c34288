"""A producer with nothing on file brings a product to complete traceability data.

A new organisation (no address yet, not approved), its first product, a batch,
and journey steps each with a location code, added in place: the completeness
panel follows each step without a reload. Screenshots in both languages.
"""

import io
from datetime import date, timedelta

import pytest
from flask_babel import force_locale, gettext
from PIL import Image
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from e2e.conftest import sign_in
from webapp.demo.accounts import DEMO_PASSWORD
from webapp.extensions import db
from webapp.models import Organisation
from webapp.services.staff.accounts import create_user
from webapp.services.standards.gtin import complete_gtin


def days_ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def new_producer(app) -> tuple[str, int]:
    """An organisation known by name and tax code only, and its producer account."""
    with app.app_context():
        # Counted in the shared database: another module may import this helper.
        n = db.session.scalar(select(func.count(Organisation.id))) + 1
        org = Organisation(
            name=f"HTX Nhãn Mới {n}", kind="cooperative", tax_code=f"0109{n:06d}",
            address_line="", ward_code="", province_code="33",
        )  # fmt: skip
        email = f"htx-moi-{n}@example.vn"
        create_user(db.session, email, "Chị Lan", "producer", DEMO_PASSWORD, org)
        db.session.commit()
    return email, n


def translator(app, lang: str):
    """The app's own words for a label, in lang."""

    def say(text: str, **values) -> str:
        with app.test_request_context(), force_locale(lang):
            return gettext(text, **values)

    return say


def picture(n: int) -> dict:
    out = io.BytesIO()  # a colour of its own: one picture for two products is flagged
    Image.new("RGB", (640, 640), (196, 140, 20 + 9 * n)).save(out, "JPEG")
    return {"name": "nhan.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def fill_profile(page: Page, base: str, t) -> None:
    page.goto(f"{base}/producer/profile")
    page.get_by_label(t("Address (house number, street, hamlet)")).fill("Thôn Đông")
    page.get_by_label(t("Ward or commune")).select_option("11980")
    page.get_by_role("button", name=t("Save the profile")).click()
    expect(page.get_by_text(t("Profile saved."))).to_be_visible()


def add_product(page: Page, base: str, t, n: int) -> None:
    page.goto(f"{base}/producer/products/new")
    page.get_by_label(t("GTIN (the number under the barcode)")).fill(
        complete_gtin(f"08939977{n:05d}")
    )
    page.get_by_label(t("Name (in Vietnamese)")).fill(
        "Long nhãn Hồng Châu sấy khô loại đặc biệt"
    )
    page.get_by_label(t("Short name for stamp labels (optional)")).fill("Long nhãn")
    page.get_by_label(t("Picture")).set_input_files(picture(n))
    page.get_by_label(t("OCOP product"), exact=True).check()
    page.get_by_label(t("OCOP stars")).select_option("4")
    page.get_by_label(t("OCOP certificate number")).fill("QĐ 12/QĐ-UBND")
    page.get_by_label(t("Certified on (valid 36 months)")).fill("2025-06-01")
    page.get_by_label(t("Standards applied (one per line)")).fill("TCVN 13274:2020")
    page.get_by_label(t("Shelf life (days)")).fill("365")
    page.get_by_role("button", name=t("Save the product")).click()
    expect(page.get_by_text(t("Product saved."))).to_be_visible()


def add_batch(page: Page, base: str, t) -> None:
    page.goto(f"{base}/producer/batches/new")
    page.get_by_label(t("Lot code")).fill("LN-MOI-1")
    page.get_by_label(t("Production date")).fill(days_ago(10))
    page.get_by_label(t("Expiry date (if any)")).fill(days_ago(-355))
    page.get_by_label(t("Quantity made (items)")).fill("300")
    page.locator("input[name=provinces][value='33']").check()
    page.get_by_role("button", name=t("Create the batch")).click()
    expect(
        page.get_by_text(t("Batch %(lot)s created.", lot="LN-MOI-1"))
    ).to_be_visible()


def add_step(page: Page, t, step: str, age: int, place: str, **code) -> None:
    """Fill the journey form (its step preset to the likely next one) and add it."""
    journey = page.locator("#journey")
    expect(journey.get_by_label(t("What happened"))).to_have_value(step)
    journey.get_by_label(t("When (Vietnam time)")).fill(f"{days_ago(age)}T08:00")
    journey.get_by_label(t("Place (in Vietnamese)")).fill(place)
    if "ward" in code:
        journey.get_by_label(t("Ward or commune")).select_option(code["ward"])
    if "gln" in code:
        journey.get_by_label(t("GLN of the place (13 digits, if it has one)")).fill(
            code["gln"]
        )
    journey.get_by_role("button", name=t("Add the event")).click()
    expect(page.locator("#journey").get_by_text(place)).to_be_visible()


def shot(page: Page, artifacts, lang: str, step: str) -> None:
    page.screenshot(
        path=artifacts / f"producer-journey-{lang}-{step}.png", full_page=True
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_new_producer_brings_a_product_to_complete_traceability_data(
    page: Page, live_server, artifacts, lang
):
    base, app = live_server["url"], live_server["app"]
    (email, n), t = new_producer(app), translator(app, lang)
    sign_in(page, base, email)
    if lang == "en":
        page.get_by_role("button", name="English").click()
    fill_profile(page, base, t)
    add_product(page, base, t, n)
    add_batch(page, base, t)
    checks, no_stage = (
        page.locator("#checks"),
        t("The batch has no journey stages yet."),
    )
    expect(checks).to_contain_text(no_stage)
    add_step(page, t, "harvesting", 12, "Vườn nhãn Đông Châu", ward="11980")
    expect(checks).not_to_contain_text(no_stage)  # refreshed with the step, no reload
    shot(page, artifacts, lang, "1-first-step")
    add_step(page, t, "creating_class_instance", 8, "Lò sấy HTX", ward="11980")
    add_step(page, t, "packing", 6, "Xưởng đóng gói", gln="8935301000010")
    expect(checks.locator(".claim-ok")).to_be_visible()
    expect(checks).not_to_contain_text(t("Missing (Circular 02/2024/TT-BKHCN)"))
    shot(page, artifacts, lang, "2-complete")
    page.goto(f"{base}/producer/")
    expect(page.get_by_text(t("Complete traceability data"))).to_be_visible()
    shot(page, artifacts, lang, "3-home")

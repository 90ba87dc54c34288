"""Checks before a product goes public: Circular 02 items, and what cannot be true."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests import factories
from webapp.extensions import db
from webapp.models import utcnow
from webapp.services.catalog import completeness

STATIC = Path(__file__).resolve().parent.parent / "webapp" / "static"


def codes(findings) -> set[str]:
    return {f.code for f in findings}


def test_a_complete_product_and_batch_have_no_findings(app):
    product = factories.product(
        image_path="img/products/long-nhan.png", standards=["TCVN 1"]
    )
    batch = factories.batch(product)
    factories.event(batch, "packing")
    found = completeness.review(db.session, product, batch, utcnow(), STATIC.joinpath)
    assert found == []
    assert completeness.is_complete(product, utcnow())


def test_missing_items_of_the_circular_are_named(app):
    product = factories.product(image_path=None, standards=[])
    batch = factories.batch(product)
    found = completeness.review(db.session, product, batch, utcnow(), STATIC.joinpath)
    assert {"product_image", "standards", "stages"} <= codes(found)
    assert all(f.kind == "missing" for f in found)
    assert not completeness.is_complete(product, utcnow())


def test_a_stage_without_a_location_code_is_missing_it(app):
    batch = factories.batch()
    factories.event(batch, "packing", ward_code=None, gln=None)
    assert "stage_location" in codes(completeness.check_batch(batch, utcnow()))


def test_a_journey_faster_than_a_lorry_is_implausible(app):
    batch = factories.batch(produced_on=date(2026, 8, 1))
    start = datetime(2026, 8, 2, 1, 0, tzinfo=UTC)
    factories.event(
        batch, "shipping", when=start, province_code="33", ward_code="11980"
    )
    factories.event(
        batch,
        "receiving",
        when=start + timedelta(hours=3),
        province_code="79",
        ward_code=None,
    )  # Hưng Yên to Hồ Chí Minh City, some 1,100 km, in three hours
    found = [
        f
        for f in completeness.check_batch(batch, utcnow())
        if f.code == "faster_than_road"
    ]
    assert found and found[0].details["km"] > 900
    slow = factories.batch(produced_on=date(2026, 8, 1))
    factories.event(slow, "shipping", when=start, province_code="33")
    factories.event(
        slow, "receiving", when=start + timedelta(hours=30), province_code="79"
    )
    assert "faster_than_road" not in codes(completeness.check_batch(slow, utcnow()))


def test_shipping_before_production_is_implausible_but_a_harvest_is_not(app):
    batch = factories.batch(produced_on=date(2026, 8, 10))
    early = datetime(2026, 8, 1, 1, 0, tzinfo=UTC)
    factories.event(batch, "harvesting", when=early)
    assert "stage_before_production" not in codes(
        completeness.check_batch(batch, utcnow())
    )
    factories.event(batch, "shipping", when=early)
    assert "stage_before_production" in codes(completeness.check_batch(batch, utcnow()))


def test_boilerplate_copied_across_unrelated_products_is_flagged(app):
    text = "Thời gian cách ly thuốc bảo vệ thực vật 10 ngày trước khi thu hoạch."
    vegetable = factories.product(category="1", storage_vi=text)
    sauce = factories.product(category="2", storage_vi=text)
    sibling = factories.product(category="1", storage_vi=text)
    found = [
        f for f in completeness.copied_text(db.session, vegetable)
        if f.details["field"] == "storage_vi"
    ]  # fmt: skip
    assert [f.details["other"] for f in found] == [sauce.name_vi]
    assert sibling.name_vi not in {f.details["other"] for f in found}


def test_one_photo_for_several_products_is_flagged(app):
    first = factories.product(image_path="img/products/long-nhan.png")
    factories.product(image_path="img/products/long-nhan.png")
    assert codes(completeness.reused_photo(db.session, first, STATIC.joinpath)) == {
        "photo_reused"
    }

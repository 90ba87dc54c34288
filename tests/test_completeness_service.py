"""Completeness checks called directly: each kind's papers, copied journey notes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests import factories
from webapp.services.catalog import completeness

NOW = datetime.now(UTC)
NOTE = "Sấy bằng củi nhãn trong ba ngày đêm, đảo đều tay mỗi giờ."


def _codes(findings) -> set[str]:
    return {finding.code for finding in findings}


IMAGE = "img/products/long-nhan.svg"


def test_each_kind_asks_for_its_own_paper(db_session):
    product = factories.product(
        is_key=True, key_decision_no="QĐ 9", is_essential=True, declaration_no="D 9",
        net_content="1 kg", standards=[], image_path=IMAGE,
    )  # fmt: skip
    # The database refuses such a row; the check reads an unsaved edit.
    product.key_decision_no = product.declaration_no = None
    assert _codes(completeness.check_product(product)) == {
        "key_decision", "declaration", "standards",
    }  # fmt: skip
    product.key_decision_no, product.declaration_no = "QĐ 9", "D 9"
    product.standards = ["TCVN 1"]
    assert completeness.check_product(product) == []


def test_an_expired_certificate_counts_only_when_asked_about_a_day(db_session):
    old = factories.days_ago(365 * 4)
    product = factories.product(ocop_certified_on=old, image_path=IMAGE)
    assert "ocop_certificate_expired" in _codes(
        completeness.check_product(product, NOW)
    )
    assert "ocop_certificate_expired" not in _codes(completeness.check_product(product))
    fresh = factories.product(image_path=IMAGE)
    assert completeness.check_product(fresh, NOW) == []


def test_a_good_that_is_not_ocop_needs_no_certificate(db_session):
    good = factories.essential_good()
    assert completeness.check_product(good, NOW) == []
    good.net_content = None
    assert _codes(completeness.check_product(good, NOW)) == {"declaration"}


def test_notes_copied_from_another_categorys_batch_are_flagged(db_session):
    mine = factories.batch(factories.product(category="07"))
    factories.event(mine, "packing", note_vi=NOTE)
    same_kind = factories.batch(factories.product(category="07"))
    factories.event(same_kind, "packing", note_vi=NOTE)
    db_session.refresh(mine)
    assert completeness.copied_notes(db_session, mine) == []  # same category: fine
    elsewhere = factories.product(category="03", name_vi="Nước mắm")
    factories.event(factories.batch(elsewhere), "packing", note_vi=f"  {NOTE.upper()} ")
    [finding] = completeness.copied_notes(db_session, mine)
    assert (finding.kind, finding.code) == ("implausible", "copied_note")
    assert finding.details["other"] == "Nước mắm"


def test_short_notes_may_repeat(db_session):
    mine = factories.batch(factories.product(category="07"))
    factories.event(mine, "packing", note_vi="Để nơi khô ráo")
    other = factories.batch(factories.product(category="03"))
    factories.event(other, "packing", note_vi="Để nơi khô ráo")
    db_session.refresh(mine)
    assert completeness.copied_notes(db_session, mine) == []


def test_other_products_leaves_the_product_out(db_session):
    product, other = factories.product(), factories.product()
    names = {row.name_vi for row in completeness.other_products(db_session, product)}
    assert other.name_vi in names and product.name_vi not in names


def test_a_stage_in_the_future_is_implausible(db_session):
    batch = factories.batch()
    factories.event(batch, "shipping", when=NOW + timedelta(hours=2))
    db_session.refresh(batch)
    assert "stage_in_future" in _codes(completeness.check_batch(batch, NOW))

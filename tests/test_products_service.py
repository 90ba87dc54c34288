"""The product record's rules, called directly: identifiers, kinds, approval staging."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from tests import factories
from webapp.models import AuditEntry
from webapp.services.catalog import approvals, products
from webapp.services.catalog.products import ProductError, ProductInput, ProfileInput

GTIN = "08930000000026"  # a valid GTIN-14 with its check digit


def _input(**changes) -> ProductInput:
    values = dict(
        gtin=f" {GTIN} ",
        name_vi=" Mật ong rừng ",
        name_en="Wild honey",
        summary_vi="  ",
        summary_en=None,
        story_vi=None,
        story_en=None,
        ingredients_vi=None,
        ingredients_en=None,
        storage_vi=None,
        storage_en=None,
        category="07",
        ocop_stars=4,
        ocop_certificate_no="QĐ 7",
        ocop_issuer="UBND",
        ocop_certified_on=factories.days_ago(100),
        trademark=None,
        standards=[" TCVN 1 ", " ", "TCVN 2"],
        net_content=None,
        shelf_life_days=365,
        duplicate_threshold=None,
        sector="food",
    )
    return ProductInput(**{**values, **changes})


def _refused(**changes) -> ProductError:
    with pytest.raises(ProductError) as caught:
        products.save_product(
            factories.session(), factories.organisation(), _input(**changes)
        )
    return caught.value


def test_a_new_product_is_saved_cleaned_and_audited(db_session):
    org = factories.organisation()
    by = factories.user("producer", org=org)
    product = products.save_product(db_session, org, _input(), by=by)
    assert product.id is not None
    assert product.gtin == GTIN
    assert product.name_vi == "Mật ong rừng"
    assert product.summary_vi is None  # blank becomes no value
    assert product.standards == ["TCVN 1", "TCVN 2"]
    assert product.ocop_valid_until is not None
    entry = db_session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.user_id, entry.details) == (
        "product.save", by.id, {"gtin": GTIN},
    )  # fmt: skip


def test_a_gtin_of_eight_digits_is_kept_as_fourteen(db_session):
    product = products.save_product(
        db_session, factories.organisation(), _input(gtin="96385074")
    )
    assert product.gtin == "00000096385074"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"gtin": "0893000"}, "gtin_length", "gtin"),
        ({"gtin": "08930000000027"}, "gtin_check_digit", "gtin"),
        ({"gtin": "0893000000002x"}, "gtin_not_digits", "gtin"),
        ({"category": "27"}, "unknown_category", "category"),
        ({"duplicate_threshold": 0}, "threshold_range", "duplicate_threshold"),
        ({"duplicate_threshold": 51}, "threshold_range", "duplicate_threshold"),
        ({"shelf_life_days": 3651}, "shelf_life_range", "shelf_life_days"),
        ({"is_ocop": False}, "no_kind", "kinds"),
        ({"sector": "mining"}, "unknown_sector", "sector"),
        ({"ocop_stars": 2}, "stars_3_to_5", "ocop_stars"),
        ({"ocop_certificate_no": " "}, "certificate_required", "ocop_certificate_no"),
        ({"ocop_certified_on": None}, "certified_on_required", "ocop_certified_on"),
        ({"is_key": True}, "key_decision_required", "key_decision_no"),
        ({"is_essential": True, "declaration_no": "D1"}, "net_content_required",
         "net_content"),
        ({"is_essential": True, "net_content": "1 kg"}, "declaration_required",
         "declaration_no"),
    ],
)  # fmt: skip
def test_refusals(db_session, changes, code, field):
    error = _refused(**changes)
    assert (error.code, error.field) == (code, field)


def test_a_gtin_belongs_to_one_product(db_session):
    org = factories.organisation()
    first = products.save_product(db_session, org, _input())
    error = _refused()
    assert error.code == "gtin_taken"
    # Saving the same product again with its own GTIN is fine.
    again = products.save_product(db_session, org, _input(name_vi="Khác"), first)
    assert again is first


def test_a_product_that_is_not_ocop_keeps_no_certificate(db_session):
    data = _input(
        is_ocop=False, is_essential=True, declaration_no="D1", net_content="1 kg",
        is_key=False, key_decision_no="kept?",
    )  # fmt: skip
    product = products.save_product(db_session, factories.organisation(), data)
    assert product.ocop_stars is None
    assert product.ocop_certificate_no is None
    assert product.ocop_valid_until is None
    assert product.key_decision_no is None
    assert product.declaration_no == "D1"


def test_changes_to_an_approved_product_wait_for_approval(db_session):
    product = factories.product()  # approved
    old_name = product.name_vi
    data = replace(
        _input(gtin=product.gtin, name_vi="Tên mới"),
        shelf_life_days=product.shelf_life_days,
    )
    products.save_product(db_session, product.organisation, data, product)
    assert product.name_vi == old_name  # the public name stays until approved
    assert approvals.awaiting(product)
    assert approvals.draft(product)["name_vi"] == "Tên mới"
    assert approvals.approve(db_session, product)
    assert product.name_vi == "Tên mới"
    assert not approvals.awaiting(product)


def test_profile_refusals_and_staging(db_session):
    org = factories.organisation()  # approved
    data = ProfileInput(
        name=" HTX Mới ", address_line="Thôn Tây", ward_code=org.ward_code,
        province_code=org.province_code, gln=None, phone=" ", email=None,
        website=None, sector="food",
    )  # fmt: skip
    with pytest.raises(ProductError) as caught:
        products.save_profile(db_session, org, replace(data, gln="8930000000001"))
    assert caught.value.code == "gln_invalid"
    with pytest.raises(ProductError) as caught:
        products.save_profile(db_session, org, replace(data, sector="mining"))
    assert caught.value.code == "unknown_sector"
    products.save_profile(db_session, org, data)
    assert org.name != "HTX Mới" and approvals.draft(org)["name"] == "HTX Mới"
    assert org.phone is None


def test_of_organisation_lists_its_own_in_order(db_session):
    org = factories.organisation()
    first, second = factories.product(org), factories.product(org)
    factories.product()  # another organisation's
    assert products.of_organisation(db_session, org.id) == [first, second]

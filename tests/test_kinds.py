"""Products beyond OCOP: key products and essential goods everywhere they show."""

import pytest

from tests import factories
from webapp.extensions import db
from webapp.models import Product, utcnow
from webapp.services.programme import coverage, progress
from webapp.services.standards import epcis
from webapp.services.standards.portal_outbox import product_payload


@pytest.fixture
def admin(client, app):
    account = factories.user("admin")
    factories.sign_in(client, account)
    return account


def with_journey(product: Product) -> Product:
    """Give a product one batch with a located stage: its data is then complete."""
    factories.event(factories.batch(product), "packing")
    return product


def test_a_non_ocop_story_shows_its_kind_and_no_stars(client, app):
    good = factories.essential_good(is_key=True, key_decision_no="QĐ 9/QĐ-UBND")
    issued = factories.stamp(factories.batch(good))
    page = client.get(factories.path_of(issued) + "?lang=en").text
    assert "Essential pre-packaged good" in page and "Key product of the" in page
    assert "OCOP certificate" not in page and "OCOP 4-star" not in page
    assert "QĐ 9/QĐ-UBND" in page and "01/2026/TCB (test)" in page
    data = client.get(
        factories.path_of(issued), headers={"Accept": "application/json"}
    ).json
    assert data["product"]["ocop"] is None
    assert [kind["code"] for kind in data["product"]["kinds"]] == ["key", "essential"]


def test_an_ocop_story_keeps_its_stars_and_certificate(client, app):
    issued = factories.stamp(factories.batch(factories.product()))
    page = client.get(factories.path_of(issued) + "?lang=en").text
    assert "OCOP 4-star product" in page and "OCOP certificate" in page


def test_master_data_names_kinds_and_sector(app):
    good = factories.essential_good()
    ocop = factories.product()
    header = epcis.master_data([factories.batch(good), factories.batch(ocop)])
    elements = header["epcisMasterData"]["vocabularyList"][0]["vocabularyElementList"]
    good_attrs, ocop_attrs = (
        [(a["id"].rsplit(":", 1)[-1], a["attribute"]) for a in e["attributes"]]
        for e in elements
    )
    assert ("productKind", "essential") in good_attrs
    assert ("sector", "agriculture") in good_attrs
    assert not any(key.startswith("ocop") for key, _ in good_attrs)
    assert ("ocopStars", 4) in ocop_attrs and ("productKind", "ocop") in ocop_attrs


def test_the_portal_record_carries_kinds_and_ocop_only_for_ocop(app):
    good = factories.essential_good()
    record = product_payload(good, "org-1", "https://img.example/x.jpg")
    assert record["loaiSanPham"] == ["HANG_HOA_THIET_YEU"]
    assert record["linhVuc"] == "agriculture" and "ocop" not in record
    assert record["soTuCongBo"] == "01/2026/TCB (test)"
    ocop = factories.product(net_content="200 g")
    assert product_payload(ocop, "org-1", "x")["ocop"]["soSao"] == 4


def test_coverage_counts_each_kind_and_sector_with_what_is_missing(app):
    with_journey(factories.essential_good())
    both = factories.product(
        is_key=True, key_decision_no="QĐ 1", image_path="img/products/hat-sen.svg"
    )
    with_journey(both)
    missing = factories.essential_good(image_path=None)  # no picture, no batch
    _share, rows = progress.products_with_complete_data(db.session, utcnow())
    kinds = {line.code: line for line in coverage.by_kind(rows)}
    assert (kinds["ocop"].done, kinds["ocop"].total) == (1, 1)
    assert (kinds["key"].done, kinds["key"].total) == (1, 1)
    assert (kinds["essential"].done, kinds["essential"].missing) == (1, [missing])
    assert kinds["essential"].met() == [(2025, 0.5, False), (2030, 1.0, False)]
    assert kinds["ocop"].met() == [(2025, 0.5, True), (2030, 1.0, True)]
    sectors = {line.code: line for line in coverage.by_sector(rows)}
    assert set(sectors) == {"agriculture", "food"}
    assert (sectors["agriculture"].done, sectors["agriculture"].total) == (1, 2)


def test_training_coverage_is_per_sector_of_the_producers(client, admin):
    trained = factories.organisation(sector="fisheries", name="HTX Thủy sản A")
    factories.organisation(sector="fisheries", name="HTX Thủy sản B")
    factories.organisation(sector="other", name="Cơ sở mây tre")  # not in the plan
    client.post(
        "/admin/training",
        data={"held_on": "2026-10-15", "title": "Truy xuất nguồn gốc",
              "place": "Sở KH&CN", "province": "33", "attendees": [str(trained.id)]},
    )  # fmt: skip
    lines = coverage.training_by_sector(db.session)
    assert [(line.code, line.done, line.total) for line in lines] == [
        ("fisheries", 1, 2)
    ]
    exported = factories.sheet_rows(client.get("/admin/export/untrained.xlsx"))
    assert [row["Nhà sản xuất"].value for row in exported] == ["HTX Thủy sản B"]
    assert exported[0]["Lĩnh vực"].value == "Thủy sản"


def test_dashboard_shows_kinds_and_sectors_and_exports_the_missing(client, admin):
    with_journey(factories.essential_good())
    factories.essential_good(image_path=None, name_vi="Gạo chưa đủ dữ liệu")
    page = client.get("/admin/?lang=en").text
    assert 'id="coverage-kinds-essential"' in page and "1 of 2" in page
    assert 'id="coverage-sectors-agriculture"' in page
    exported = factories.sheet_rows(client.get("/admin/export/missing.xlsx?lang=vi"))
    assert [row["Sản phẩm"].value for row in exported] == ["Gạo chưa đủ dữ liệu"]
    assert exported[0]["Loại sản phẩm"].value == "Hàng hóa thiết yếu đóng gói sẵn"


def test_approvals_show_the_kind_fields_to_check(client, admin):
    factories.essential_good(approved_at=None, name_vi="Gạo túi chờ duyệt")
    page = client.get("/admin/approvals?lang=en").text
    assert "Gạo túi chờ duyệt" in page
    assert "Essential good: declaration 01/2026/TCB (test), 5 kg" in page
    assert "Agriculture" in page and "OCOP:" not in page


def test_the_guide_says_which_kind_applies_in_both_languages(client, app):
    vi = client.get("/guide/traceability?lang=vi").text
    en = client.get("/guide/traceability?lang=en").text
    assert "Sản phẩm của bạn thuộc loại nào?" in vi and "sản phẩm chủ lực" in vi
    assert "Which kind of product is yours?" in en and "Essential pre-packaged" in en


def test_lists_name_the_kind_where_there_are_no_stars(client, producer):
    factories.essential_good(producer.organisation, name_vi="Gạo túi 5 kg")
    home = client.get("/producer/?lang=en").text
    assert "Essential pre-packaged good" in home and "4 OCOP stars" in home

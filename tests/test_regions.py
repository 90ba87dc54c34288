"""Provinces and wards come from the official 2025 lists."""

from datetime import date

from tests import factories
from webapp.models import SerialStats
from webapp.services.catalog.ocop import certificate_valid_until
from webapp.services.common.collation import sort_key
from webapp.services.places import regions
from webapp.web import verdicts


def test_there_are_34_provinces_with_official_codes():
    codes = [p.code for p in regions.provinces()]
    assert len(codes) == 34
    assert {"01", "33", "79", "96"} <= set(codes)
    assert "34" not in codes  # Thái Bình merged into Hưng Yên


def test_hung_yen_includes_former_thai_binh_wards():
    names = {w.name for w in regions.wards_of("33")}
    assert {"Phố Hiến", "Thái Bình", "Nam Cường"} <= names


def test_labels_in_both_languages():
    ward = regions.ward("13057")
    assert ward.label("vi") == "Xã Nam Cường"
    assert ward.label("en") == "Nam Cường Commune"
    assert regions.province("01").label("vi") == "Thành phố Hà Nội"
    assert (  # a postal address keeps the official names
        regions.address("13057", "vi", "Thôn Đông")
        == "Thôn Đông, Xã Nam Cường, Tỉnh Hưng Yên"
    )


def test_provinces_are_named_one_way_in_sentences_and_lists(client, app):
    batch = factories.batch(regions=("01", "33"))
    stats = SerialStats(provinces=["33", "79"])
    with app.test_request_context():
        [sentence] = verdicts.explain(["out_of_region"], stats, ("01", "33"), "vi")
    assert "tại Hà Nội, Hưng Yên," in sentence and "TP. Hồ Chí Minh" in sentence
    story = client.get(factories.path_of(factories.stamp(batch))).text
    assert "<li>Hà Nội</li>" in story and "Phường Hồng Châu, Tỉnh Hưng Yên" in story
    form = client.get("/report/").text
    assert ">Hà Nội</option>" in form and ">Hưng Yên</option>" in form
    assert "Thành phố Hà Nội" not in story + form


def test_ward_must_belong_to_province():
    assert regions.ward_in_province("13057", "33")
    assert not regions.ward_in_province("13057", "01")
    assert regions.ward("99999") is None


def test_vietnamese_sort_order():
    words = ["Đông", "Bình", "Ân", "An", "Ái", "Bắc", "Dương"]
    assert sorted(words, key=sort_key) == [
        "Ái",
        "An",
        "Ân",
        "Bắc",
        "Bình",
        "Dương",
        "Đông",
    ]


def test_ocop_certificate_lasts_36_months():
    assert certificate_valid_until(date(2024, 9, 12)) == date(2027, 9, 11)
    assert certificate_valid_until(date(2024, 2, 29)) == date(2027, 2, 28)

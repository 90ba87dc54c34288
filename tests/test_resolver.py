"""The Digital Link resolver: story pages, JSON, linksets, redirects and errors."""

import pytest

from tests import factories


@pytest.fixture
def item(app):
    """A stamped item with a two-step journey."""
    batch = factories.batch()
    factories.event(batch, "harvesting")
    factories.event(batch, "packing")
    issued = factories.stamp(batch)
    return issued, batch


def test_story_page_shows_the_circular_items(client, item):
    issued, batch = item
    response = client.get(factories.path_of(issued), headers={"Accept-Language": "vi"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    product = batch.product
    for expected in [
        product.name_vi,
        product.organisation.name,
        "Phường Hồng Châu, Hưng Yên",
        batch.lot_code,
        product.ocop_certificate_no,
        "TCVN 13274:2020",
        "Xưởng đóng gói",
        product.gtin,
    ]:
        assert expected in page, expected
    assert '<html lang="vi">' in page
    assert "★★★★" in page


def test_english_from_browser_cookie_and_query(client, item):
    issued, batch = item
    path = factories.path_of(issued)
    assert "Dried longan" in client.get(path, headers={"Accept-Language": "en"}).text
    assert (
        "Long nhãn"
        in client.get(path + "?lang=vi", headers={"Accept-Language": "en"}).text
    )
    client.post("/language", data={"lang": "en", "next": path})
    page = client.get(path).text
    assert '<html lang="en">' in page and "Dried longan" in page


def test_language_switch_remembers_and_returns(client, item):
    issued, _batch = item
    response = client.post(
        "/language", data={"lang": "en", "next": factories.path_of(issued)}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == factories.path_of(issued)
    assert "lang=en" in response.headers["Set-Cookie"]


def test_language_switch_never_redirects_off_site(client):
    response = client.post("/language", data={"lang": "en", "next": "//evil.example"})
    assert response.headers["Location"] == "/"


def test_missing_english_falls_back_to_vietnamese_marked_as_such(client, app):
    product = factories.product(name_en=None, story_en=None)
    issued = factories.stamp(factories.batch(product))
    page = client.get(factories.path_of(issued), headers={"Accept-Language": "en"}).text
    assert f'<span lang="vi">{product.name_vi}</span>' in page
    assert "not available in English" in page
    data = client.get(
        factories.path_of(issued) + "?lang=en", headers={"Accept": "application/json"}
    ).json
    assert data["product"]["name"] == product.name_vi
    assert data["product"]["text_langs"]["name"] == "vi"


def test_json_has_the_same_story(client, item):
    issued, batch = item
    response = client.get(
        factories.path_of(issued), headers={"Accept": "application/json"}
    )
    data = response.json
    assert response.status_code == 200
    assert (data["gtin"], data["lot"], data["serial"]) == (
        issued.gtin,
        issued.lot,
        issued.serial,
    )
    assert data["product"]["ocop"]["stars"] == 4
    assert [e["biz_step"] for e in data["journey"]] == ["harvesting", "packing"]
    assert data["batch"]["authorised_provinces"][0] == {
        "code": "01",
        "name": "Hà Nội",
    }
    assert data["code_status"] == {
        "issued": True,
        "reasons": [],
        "notices": [],
        "explanations": {},
    }
    assert "Accept" in response.headers["Vary"]


def test_short_form_without_lot_resolves(client, item):
    issued, _batch = item
    response = client.get(
        f"/01/{issued.gtin}/21/{issued.serial}", headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    assert response.json["batch"]["lot"] == issued.lot


def test_product_and_batch_level_links(client, item):
    issued, batch = item
    product_page = client.get(f"/01/{issued.gtin}")
    assert product_page.status_code == 200
    assert "chỉ loại sản phẩm, không phải một sản phẩm cụ thể" in product_page.text
    batch_page = client.get(f"/01/{issued.gtin}/10/{issued.lot}")
    assert batch_page.status_code == 200
    assert "chỉ một lô hàng" in batch_page.text
    assert (
        "Packing house" in client.get(f"/01/{issued.gtin}/10/{issued.lot}?lang=en").text
    )


@pytest.mark.parametrize(
    "suffix",
    ["", "/10/NO-SUCH-LOT", "/21/7K2P9Q4MXT3B6HC1"],
)
def test_unknown_codes_get_a_404_page_in_both_languages(client, app, suffix):
    response = client.get(f"/01/08931234567880{suffix}")
    assert response.status_code == 404
    assert "Mã này chưa từng được phát hành" in response.text
    # The warning is repeated in the other language, marked as such.
    assert (
        '<p class="other-lang card" lang="en">This code was never issued'
        in response.text
    )
    assert "/report" in response.text


def test_forged_serial_fails_its_check(client, item):
    issued, _batch = item
    forged = (
        issued.serial[:10]
        + ("A" if issued.serial[10] != "A" else "B")
        + issued.serial[11:]
    )
    response = client.get(
        f"/01/{issued.gtin}/10/{issued.lot}/21/{forged}",
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 404
    assert response.json["error"]["code"] == "bad_check"


def test_serial_moved_to_another_lot_is_rejected(client, item):
    issued, batch = item
    other = factories.batch(batch.product)
    response = client.get(
        f"/01/{issued.gtin}/10/{other.lot_code}/21/{issued.serial}",
        headers={"Accept": "application/json"},
    )
    assert response.json["error"]["code"] == "bad_check"


@pytest.mark.parametrize(
    "path",
    [
        "/01/12345",
        "/01/08931234567898/21/ABC",
        "/01/08931234567897/21/A%ZZ",
        "/01/08931234567897/21/S1/10/L1",
        "/01/08931234567897/10",
        "/01/08931234567897/21/A?17=991399",
    ],
)
def test_malformed_codes_get_400_never_500(client, app, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "Đây không phải là mã sản phẩm hợp lệ" in response.text
    english = client.get(path, headers={"Accept-Language": "en"})
    assert "This is not a valid product code" in english.text
    api = client.get(path, headers={"Accept": "application/json"})
    assert api.status_code == 400 and api.json["error"]["code"]


def test_non_canonical_forms_redirect_to_the_canonical_link(client, item):
    issued, _batch = item
    canonical = factories.path_of(issued)
    short_gtin = canonical.replace(f"/01/{issued.gtin}", f"/01/{issued.gtin[1:]}")
    for variant in [short_gtin, canonical + "/", canonical + "/17/271231"]:
        response = client.get(variant)
        assert response.status_code == 301
        assert response.headers["Location"].split("?")[0].endswith(canonical)
    assert (
        client.get(canonical + "/17/271231").headers["Location"].endswith("?17=271231")
    )


def test_void_stamp_is_shown_as_not_valid(client, item):
    from webapp.extensions import db
    from webapp.models import Stamp

    issued, _batch = item
    stamp = db.session.query(Stamp).filter_by(serial=issued.serial).one()
    stamp.status = "void"
    db.session.commit()
    response = client.get(factories.path_of(issued), headers={"Accept-Language": "en"})
    assert "Warning: this is not a genuine code" in response.text
    assert "has been cancelled" in response.text


def test_recalled_and_expired_batches_carry_notices(client, app):
    from datetime import date

    recalled = factories.batch(status="recalled")
    expired = factories.batch(produced_on=date(2024, 1, 1), expires_on=date(2025, 1, 1))
    for batch, notice in [(recalled, "recalled"), (expired, "expired")]:
        issued = factories.stamp(batch) if batch.status == "active" else None
        path = f"/01/{batch.product.gtin}/10/{batch.lot_code}"
        if issued:
            path = factories.path_of(issued)
        data = client.get(path, headers={"Accept": "application/json"}).json
        assert notice in data["code_status"]["notices"]

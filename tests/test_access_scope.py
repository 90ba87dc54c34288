"""Staff act only where they work; public pages show only what staff stand behind."""

import io

from sqlalchemy import select

from tests import factories
from tests.test_producer_portal import PRODUCT, post_product
from webapp.extensions import db
from webapp.models import Alert, Case, Inspection, Product, Stamp, utcnow
from webapp.services.casework.cases import add_provinces, open_case
from webapp.services.scans.scanning import locked_stats

HUNG_YEN, HA_NOI = "33", "01"


def hung_yen_item():
    """An item made and sold in Hưng Yên, with an open case about it."""
    issued = factories.stamp(factories.batch(regions=(HUNG_YEN,)))
    stamp = factories.stamp_row(issued)
    case = open_case(db.session, stamp, stamp.batch)
    db.session.commit()
    return issued, stamp, case


def inspect(client, stamp, province, result="genuine", **fields):
    data = {"result": result, "place": "Chợ Đồng Xuân", "province": province}
    return client.post(f"/inspector/stamps/{stamp.id}/inspections", data=fields | data)


# Row 2: inspector writes are scoped to the provinces they cover --------------


def test_an_inspector_records_inspections_only_in_provinces_they_cover(client, app):
    _, stamp, case = hung_yen_item()
    factories.sign_in(client, factories.user("inspector", provinces=(HA_NOI,)))
    dossier = client.get(f"/inspector/dossier?code={stamp.serial}").text
    form = dossier.split('id="record"')[1]
    assert f'value="{HA_NOI}"' in form and f'value="{HUNG_YEN}"' not in form
    refused = inspect(client, stamp, HUNG_YEN, "counterfeit_seized")
    assert refused.status_code == 400
    assert db.session.scalars(select(Inspection)).all() == []
    assert db.session.get(Stamp, stamp.id).confirmed_fake_at is None
    assert db.session.get(Case, case.id).status == "new"


def test_a_seizure_elsewhere_alerts_the_case_instead_of_closing_it(client, app):
    _, stamp, case = hung_yen_item()
    hanoi = factories.user("inspector", provinces=(HA_NOI,))
    factories.sign_in(client, hanoi)
    # Goods travel: the item was found on sale in Hà Nội.
    assert inspect(client, stamp, HA_NOI, "counterfeit_seized").status_code == 303
    inspection = db.session.scalars(select(Inspection)).one()
    assert inspection.case_id == case.id  # on the Hưng Yên case, for its inspectors
    assert db.session.get(Stamp, stamp.id).confirmed_fake_at is not None
    kept = db.session.get(Case, case.id)
    assert kept.status == "new" and kept.assigned_to_id is None
    alert = db.session.scalars(select(Alert).where(Alert.case_id == case.id)).one()
    assert alert.verdict == "counterfeit" and "confirmed_fake" in alert.reasons
    assert client.get(f"/inspector/cases/{case.id}").status_code == 404
    client.post("/logout")
    factories.sign_in(client, factories.user("inspector", provinces=(HUNG_YEN,)))
    page = client.get(f"/inspector/cases/{case.id}").text  # theirs to act on
    assert stamp.serial in page.split('id="inspect"')[1]


def test_a_seizure_in_their_province_closes_the_case(client, app):
    _, stamp, case = hung_yen_item()
    factories.sign_in(client, factories.user("inspector", provinces=(HUNG_YEN,)))
    assert inspect(client, stamp, HUNG_YEN, "counterfeit_seized").status_code == 303
    assert db.session.get(Case, case.id).status == "confirmed_fake"


def test_pin_resets_only_within_the_inspectors_provinces(client, app):
    _, stamp, _case = hung_yen_item()
    stats = locked_stats(db.session, stamp.id)
    stats.claimed_device_hash, stats.claimed_at = "phone-hash", utcnow()
    db.session.commit()
    factories.sign_in(client, factories.user("inspector", provinces=(HA_NOI,)))
    dossier = client.get(f"/inspector/dossier?code={stamp.serial}").text
    assert "pin-reset" not in dossier
    refused = client.post(
        f"/inspector/stamps/{stamp.id}/pin-reset", data={"reason": "sai máy"}
    )
    assert refused.status_code == 403
    assert locked_stats(db.session, stamp.id).claimed_device_hash == "phone-hash"
    db.session.rollback()
    client.post("/logout")
    factories.sign_in(client, factories.user("inspector", provinces=(HUNG_YEN,)))
    done = client.post(
        f"/inspector/stamps/{stamp.id}/pin-reset", data={"reason": "sai máy"}
    )
    assert done.status_code == 303
    assert locked_stats(db.session, stamp.id).claimed_device_hash is None


def test_inspection_notes_and_photos_stay_with_the_inspectors_concerned(client, app):
    _, stamp, _case = hung_yen_item()
    hung_yen = factories.user("inspector", provinces=(HUNG_YEN,))
    factories.sign_in(client, hung_yen)
    photo = (io.BytesIO(jpeg()), "kiem-tra.jpg")
    response = client.post(
        f"/inspector/stamps/{stamp.id}/inspections",
        data={
            "result": "genuine",
            "place": "Chợ Phố Hiến",
            "province": HUNG_YEN,
            "note": "Chủ sạp: 0912 345 678",
            "photo": photo,
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    path = db.session.scalars(select(Inspection)).one().photo_path
    shown = client.get(f"/inspector/photos/{path}")
    assert shown.status_code == 200
    shown.close()
    client.post("/logout")
    factories.sign_in(client, factories.user("inspector", provinces=(HA_NOI,)))
    assert client.get(f"/inspector/photos/{path}").status_code == 404
    dossier = client.get(f"/inspector/dossier?code={stamp.serial}").text
    assert "0912 345 678" not in dossier and path not in dossier


# Row 3: visibility from facts staff stand behind; contacts kept close --------


def test_an_anonymous_report_naming_a_province_does_not_widen_the_case(client, app):
    issued, _stamp, case = hung_yen_item()
    report = {
        "code": issued.serial,
        "place": "Chợ Đồng Xuân",
        "province": HA_NOI,
        "contact": "0987 654 321",
    }
    assert client.post("/report/", data=report).status_code == 303
    factories.sign_in(client, factories.user("inspector", provinces=(HA_NOI,)))
    assert client.get(f"/inspector/cases/{case.id}").status_code == 404
    assert f"/inspector/cases/{case.id}" not in client.get("/inspector/").text
    client.post("/logout")
    factories.sign_in(client, factories.user("inspector", provinces=(HUNG_YEN,)))
    page = client.get(f"/inspector/cases/{case.id}")
    assert page.status_code == 200 and "0987 654 321" in page.text


def test_contacts_only_for_the_accountable_provinces_inspectors(client, app):
    issued, _stamp, case = hung_yen_item()
    client.post(
        "/report/",
        data={
            "code": issued.serial,
            "place": "Chợ Bến Thành",
            "province": HUNG_YEN,
            "contact": "0987 654 321",
        },
    )
    add_provinces(db.session.get(Case, case.id), ["79"], "scans")
    db.session.commit()
    factories.sign_in(client, factories.user("inspector", provinces=("79",)))
    page = client.get(f"/inspector/cases/{case.id}")
    assert page.status_code == 200  # independent scans there: they follow the case
    assert "0987 654 321" not in page.text
    client.post("/logout")
    factories.sign_in(client, factories.user("admin"))
    assert "0987 654 321" in client.get(f"/inspector/cases/{case.id}").text


def test_an_inspector_hands_a_case_to_another_province(client, app):
    _issued, _stamp, case = hung_yen_item()
    hanoi = factories.user("inspector", provinces=(HA_NOI,))
    factories.sign_in(client, hanoi)
    refused = client.post(
        f"/inspector/cases/{case.id}/provinces", data={"province": HA_NOI}
    )
    assert refused.status_code == 404  # not theirs to widen
    client.post("/logout")
    factories.sign_in(client, factories.user("inspector", provinces=(HUNG_YEN,)))
    handed = client.post(
        f"/inspector/cases/{case.id}/provinces", data={"province": HA_NOI}
    )
    assert handed.status_code == 200
    assert db.session.get(Case, case.id).province_codes == [HA_NOI, HUNG_YEN]
    client.post("/logout")
    factories.sign_in(client, hanoi)
    assert client.get(f"/inspector/cases/{case.id}").status_code == 200


def test_an_inspector_who_follows_through_scans_passes_on_no_more_than_that(
    client, app
):
    issued, _stamp, case = hung_yen_item()
    reported = {
        "code": issued.serial,
        "place": "Chợ Phố Hiến",
        "contact": "0987 654 321",
    }
    assert (
        client.post("/report/", data=reported | {"province": HUNG_YEN}).status_code
        == 303
    )
    add_provinces(db.session.get(Case, case.id), [HA_NOI], "scans")  # far scans
    db.session.commit()
    follower = factories.user("inspector", provinces=(HA_NOI, "79"))
    factories.sign_in(client, follower)
    handed = client.post(
        f"/inspector/cases/{case.id}/provinces", data={"province": "79"}
    )
    assert handed.status_code == 200
    sources = {
        p.province_code: p.source for p in db.session.get(Case, case.id).provinces
    }
    assert sources == {HUNG_YEN: "maker", HA_NOI: "scans", "79": "scans"}
    page = client.get(f"/inspector/cases/{case.id}").text
    assert "Chợ Phố Hiến" in page and "0987 654 321" not in page


def test_a_dossier_lists_only_reports_of_cases_the_inspector_may_see(client, app):
    issued, stamp, _case = hung_yen_item()
    reported = {"code": issued.serial, "place": "Chợ Phố Hiến", "province": HUNG_YEN}
    assert client.post("/report/", data=reported).status_code == 303
    factories.sign_in(client, factories.user("inspector", provinces=(HA_NOI,)))
    assert (
        "Chợ Phố Hiến" not in client.get(f"/inspector/dossier?code={stamp.serial}").text
    )
    client.post("/logout")
    factories.sign_in(client, factories.user("inspector", provinces=(HUNG_YEN,)))
    assert "Chợ Phố Hiến" in client.get(f"/inspector/dossier?code={stamp.serial}").text


# Row 4: edits of public fields wait for approval ------------------------------


def test_editing_an_approved_product_keeps_the_approved_version_public(client, app):
    org = factories.organisation()
    producer = factories.user("producer", org=org)
    product = factories.product(org)
    approved_name, approved_gtin = product.name_vi, product.gtin
    issued = factories.stamp(factories.batch(product))
    factories.sign_in(client, producer)
    edited = post_product(
        client,
        f"/producer/products/{product.id}",
        gtin="05449000000996",
        name_vi="Nước ngọt nhãn hiệu khác",
    )
    assert edited.status_code == 303
    row = db.session.get(Product, product.id)
    assert (row.gtin, row.name_vi) == (approved_gtin, approved_name)
    assert row.pending_changes["gtin"] == "05449000000996"
    form = client.get(f"/producer/products/{product.id}").text
    assert "Nước ngọt nhãn hiệu khác" in form  # the producer sees their draft
    client.post("/logout")
    story = client.get(factories.path_of(issued)).text
    assert approved_name in story and "Nước ngọt nhãn hiệu khác" not in story
    keys = client.get("/stamp-keys.json").text
    assert approved_name in keys and "Nước ngọt" not in keys
    factories.sign_in(client, factories.user("admin"))
    assert "Nước ngọt nhãn hiệu khác" in client.get("/admin/approvals").text
    client.post(f"/admin/products/{product.id}/approve")
    row = db.session.get(Product, product.id)
    assert (row.gtin, row.name_vi) == ("05449000000996", "Nước ngọt nhãn hiệu khác")
    assert row.pending_changes is None and row.approved_at is not None


def test_renaming_an_approved_organisation_waits_for_approval(client, app):
    org = factories.organisation(name="HTX Nhãn lồng Hồng Châu")
    factories.product(org)
    factories.sign_in(client, factories.user("producer", org=org))
    profile = {
        "name": "Công ty Vinamilk",
        "address_line": org.address_line,
        "province": org.province_code,
        "ward": org.ward_code,
    }
    assert client.post("/producer/profile", data=profile).status_code == 303
    assert db.session.get(type(org), org.id).name == "HTX Nhãn lồng Hồng Châu"
    keys = client.get("/stamp-keys.json").text
    assert "Hồng Châu" in keys and "Vinamilk" not in keys


def test_a_new_phone_or_e_mail_on_the_story_waits_for_approval(client, app):
    org = factories.organisation(name="HTX Nhãn lồng Hồng Châu")
    issued = factories.stamp(factories.batch(factories.product(org)))
    factories.sign_in(client, factories.user("producer", org=org))
    profile = {
        "name": org.name,
        "address_line": org.address_line,
        "province": org.province_code,
        "ward": org.ward_code,
        "phone": "1900 0000 99",
        "email": "hotro@lua-dao.example",
    }
    assert client.post("/producer/profile", data=profile).status_code == 303
    story = client.get(
        factories.path_of(issued), headers={"Accept": "application/json"}
    )
    assert story.status_code == 200
    assert "1900 0000 99" not in story.text and "hotro@lua-dao" not in story.text


def test_a_product_never_approved_is_edited_in_place(client, app):
    org = factories.organisation()
    product = factories.product(org, approved_at=None)
    factories.sign_in(client, factories.user("producer", org=org))
    post_product(client, f"/producer/products/{product.id}", name_vi="Tên mới")
    row = db.session.get(Product, product.id)
    assert row.name_vi == "Tên mới" and row.pending_changes is None
    assert PRODUCT["gtin"]  # the shared form data stays the producer tests' own


# Row 7: inspections are internal; the public sees the outcome and the day -----


def test_the_public_story_shows_only_the_outcome_of_an_inspection(client, app):
    issued, stamp, _case = hung_yen_item()
    factories.sign_in(client, factories.user("inspector", provinces=(HUNG_YEN,)))
    inspect(client, stamp, HUNG_YEN, note="Chủ sạp: 0912 345 678")
    client.post("/logout")
    story = client.get(factories.path_of(issued))
    assert story.status_code == 200
    assert "0912 345 678" not in story.text and "Chợ Đồng Xuân" not in story.text
    assert "Đã kiểm tra ngày" in story.text and "đạt yêu cầu" in story.text
    as_json = client.get(
        factories.path_of(issued), headers={"Accept": "application/json"}
    ).text
    assert "0912 345 678" not in as_json and "Chợ Đồng Xuân" not in as_json


def test_the_public_epcis_query_hides_events_of_single_items(client, app):
    _issued, stamp, _case = hung_yen_item()
    inspector = factories.user("inspector", provinces=(HUNG_YEN,))
    factories.sign_in(client, inspector)
    inspect(client, stamp, HUNG_YEN)
    query = "/epcis/events?EQ_bizStep=inspecting"
    staff_view = client.get(query).json["epcisBody"]["queryResults"]["resultsBody"]
    assert len(staff_view["eventList"]) == 1
    client.post("/logout")
    public = client.get(query).json["epcisBody"]["queryResults"]["resultsBody"]
    assert public["eventList"] == []
    assert stamp.serial not in client.get("/epcis/events").text


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (400, 300), (90, 90, 90)).save(out, "JPEG")
    return out.getvalue()

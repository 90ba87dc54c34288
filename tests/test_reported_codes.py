"""The inspector sees the code a shopper reported and can record a seizure of it."""

import io
import re

from PIL import Image
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import AuditEntry, Case, Inspection, JourneyEvent

NEVER_ISSUED = "7K2P9Q4MXT3B6HC1"


def report(client, code, province="33", ward="11953"):
    """File a report as a shopper would; returns the case it landed in."""
    data = {"code": code, "place": "Chợ Phố Hiến", "province": province, "ward": ward}
    assert client.post("/report/", data=data).status_code == 303
    return db.session.scalars(select(Case).order_by(Case.id.desc())).first()


def fake_link(batch) -> str:
    """A link in the batch's shape whose serial was never issued."""
    lot = f"{factories.BASE_URL}/01/{batch.product.gtin}/10/{batch.lot_code}"
    return f"{lot}/21/{NEVER_ISSUED}"


def seizure(case, **extra) -> dict:
    photo = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 90, 90)).save(photo, "JPEG")
    photo.seek(0)
    return {
        "inspection-code": case.reports[0].reference,
        "inspection-result": "counterfeit_seized",
        "inspection-place": "Chợ Phố Hiến, sạp 3",
        "inspection-province": "33",
        "inspection-note": "Tem giả, 40 hộp.",
        "inspection-photo": (photo, "thu-giu.jpg"),
        **extra,
    }


def post_inspection(client, case, **extra):
    return client.post(
        f"/inspector/cases/{case.id}/inspections",
        data=seizure(case, **extra),
        content_type="multipart/form-data",
    )


def test_case_page_shows_the_reported_code_and_ward(client, app):
    batch = factories.batch()
    case = report(client, fake_link(batch))
    issued = report(client, factories.stamp(batch).url, ward="13057")
    factories.sign_in(client, factories.user("inspector", provinces=("33",)))
    page = client.get(f"/inspector/cases/{case.id}").text
    assert fake_link(batch) in page
    assert "Chưa từng được phát hành" in page
    assert "Phường Phố Hiến, Hưng Yên" in page
    other = client.get(f"/inspector/cases/{issued.id}").text
    assert "Đã phát hành" in other and "Xã Nam Cường" in other
    assert f"/inspector/cases/{issued.id}/inspections" not in other  # the dossier's
    queue = client.get("/inspector/").text
    assert "7K2P 9Q4M XT3B 6HC1" in queue  # the case can be found by its code


def test_seizure_of_a_never_issued_code_closes_its_case(client, app):
    case = report(client, NEVER_ISSUED)
    inspector = factories.user("inspector", provinces=("33",))
    factories.sign_in(client, inspector)
    assert post_inspection(client, case).status_code == 303
    inspection = db.session.scalars(select(Inspection)).one()
    assert (inspection.case_id, inspection.stamp_id) == (case.id, None)
    assert (inspection.serial, inspection.event_id) == (NEVER_ISSUED, None)
    assert inspection.photo_path
    assert db.session.scalars(select(JourneyEvent)).all() == []  # no EPCIS event
    case = db.session.get(Case, case.id)
    assert (case.status, case.assigned_to_id) == ("confirmed_fake", inspector.id)
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))
    assert list(actions) == ["inspection.record", "case.assign", "case.status"]
    history = client.get(f"/inspector/cases/{case.id}").text.split('id="history"')[1]
    assert "Hàng giả: đã tạm giữ hàng" in history and "Chợ Phố Hiến, sạp 3" in history


def test_only_inspectors_covering_the_case_may_record_or_see_it(client, app):
    case = report(client, NEVER_ISSUED, province="79", ward="")
    factories.sign_in(client, factories.user("inspector", provinces=("33",)))
    assert post_inspection(client, case).status_code == 404
    assert db.session.scalars(select(Inspection)).all() == []
    hcmc = factories.user("inspector", provinces=("79",))
    factories.sign_in(client, hcmc)
    # Only in a province they cover: not Hưng Yên, where they do not work.
    assert post_inspection(client, case).status_code == 400
    here = {"inspection-province": "79"}
    assert post_inspection(client, case, **here).status_code == 303
    path = db.session.scalars(select(Inspection)).one().photo_path
    with client.get(f"/inspector/photos/{path}") as shown:
        assert shown.status_code == 200
    factories.sign_in(client, factories.user("inspector", provinces=("33",)))
    assert client.get(f"/inspector/photos/{path}").status_code == 404


def test_a_never_issued_code_cannot_be_found_genuine_nor_an_issued_one_inspected_here(
    client, app
):
    case = report(client, NEVER_ISSUED)
    issued = report(client, factories.stamp().url)
    factories.sign_in(client, factories.user("inspector", provinces=("33",)))
    genuine = post_inspection(client, case, **{"inspection-result": "genuine"})
    assert genuine.status_code == 400 and "Hãy chọn trong danh sách" in genuine.text
    assert post_inspection(client, issued).status_code == 400
    assert db.session.scalars(select(Inspection)).all() == []
    assert db.session.get(Case, case.id).status == "new"


def selected_province(html: str, field: str) -> str:
    select_tag = re.search(rf'<select[^>]*name="{field}".*?</select>', html, re.S)[0]
    return re.search(r'<option selected value="(\d*)"', select_tag)[1]


def test_inspection_forms_start_on_the_inspectors_province(client, app):
    case = report(client, NEVER_ISSUED)  # bought in Hưng Yên (33)
    factories.sign_in(client, factories.user("inspector", provinces=("01", "33")))
    page = client.get(f"/inspector/cases/{case.id}").text
    assert selected_province(page, "inspection-province") == "33"  # the case's
    stamp = factories.stamp_row(factories.stamp(factories.batch(regions=("01",))))
    dossier = client.get(f"/inspector/dossier?code={stamp.serial}").text
    assert selected_province(dossier, "province") == "01"  # their first


def test_saving_an_unchanged_status_adds_no_history(client, app):
    case = report(client, NEVER_ISSUED)
    factories.sign_in(client, factories.user("inspector", provinces=("33",)))
    same = client.post(f"/inspector/cases/{case.id}/status", data={"status": "new"})
    assert "Không có gì thay đổi" in same.text
    client.post(f"/inspector/cases/{case.id}/assign")
    client.post(f"/inspector/cases/{case.id}/assign")
    client.post(f"/inspector/cases/{case.id}/status", data={"status": "investigating"})
    actions = db.session.scalars(select(AuditEntry.action))
    assert list(actions) == ["case.assign"]

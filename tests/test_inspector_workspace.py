"""The inspector's triage queue, case states, dossier, inspections and PIN resets."""

import io

import pytest
from PIL import Image
from sqlalchemy import select

from tests import factories
from tests.conftest import HTMX
from webapp.extensions import db
from webapp.models import (
    Alert,
    AuditEntry,
    Case,
    Inspection,
    JourneyEvent,
    SerialStats,
    Stamp,
)
from webapp.services.places import map_svg

HUNG_YEN = {"lat": 20.6512, "lon": 106.0534}
HO_CHI_MINH = {"lat": 10.7769, "lon": 106.7009}


def scan(client, code, device, address, **where):
    return client.post(
        "/api/v1/scans",
        json={"code": code, "device_id": device, **where},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.fixture
def cloned(client, app):
    """A Hưng Yên stamp scanned in Hưng Yên, then by clones in Hồ Chí Minh City.

    One far scan could be a gift; the second, from another network, flags it.
    """
    issued = factories.stamp(factories.batch(regions=("33",)), with_pin=True)
    scan(client, issued.url, "buyer-phone-0001", "10.0.0.1", **HUNG_YEN)
    once = scan(client, issued.url, "clone-phone-0001", "10.0.0.2", **HO_CHI_MINH)
    assert once.json["verdict"] == "authentic"
    flagged = scan(client, issued.url, "clone-phone-0002", "10.0.0.3", **HO_CHI_MINH)
    assert flagged.json["verdict"] == "suspicious"
    return issued


def photo_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (180, 40, 40)).save(out, "JPEG")
    return out.getvalue()


def test_flagged_scans_raise_one_alert_per_serial(client, cloned):
    scan(client, cloned.url, "clone-phone-0003", "10.0.0.4", **HO_CHI_MINH)
    alert = db.session.scalars(select(Alert)).one()
    assert alert.flagged_scans == 3  # the thin first sighting, then two flagged
    assert {"out_of_region", "out_of_region_once", "travel_once"} <= set(alert.reasons)
    case = alert.case
    assert case.stamp.serial == cloned.serial
    assert case.province_codes == ["33", "79"]  # the maker's and the clone's
    assert case.severity == 2


def test_queue_lists_and_filters_cases_with_htmx_partials(client, cloned):
    factories.sign_in(client, factories.user("inspector", provinces=("79",)))
    page = client.get("/inspector/")
    case = db.session.scalars(select(Case)).one()
    assert f'href="/inspector/cases/{case.id}"' in page.text
    assert "<html" in page.text and 'hx-get="/inspector/"' in page.text
    partial = client.get("/inspector/?status=dismissed", headers=HTMX)
    assert "<html" not in partial.text
    assert "Không có vụ việc nào khớp bộ lọc" in partial.text
    open_again = client.get("/inspector/?status=open&province=79", headers=HTMX)
    assert f'href="/inspector/cases/{case.id}"' in open_again.text


def test_batches_with_several_cases_are_clustered(client, app):
    batch = factories.batch(regions=("33",))
    for issued in factories.stamps(batch, 3):
        scan(client, issued.url, "buyer-phone-0001", "10.0.0.1", **HUNG_YEN)
        scan(client, issued.url, "clone-phone-0009", "10.0.0.2", **HO_CHI_MINH)
    factories.sign_in(client, factories.user("admin"))
    page = client.get("/inspector/").text
    assert "Lô hàng có nhiều vụ việc" in page
    assert "3 vụ việc đang mở" in page


def test_case_states_are_recorded_with_who_and_why(client, cloned):
    inspector = factories.user("inspector", provinces=("33",))
    factories.sign_in(client, inspector)
    case = db.session.scalars(select(Case)).one()
    taken = client.post(f"/inspector/cases/{case.id}/assign", headers=HTMX)
    assert taken.status_code == 200 and "<html" not in taken.text
    case = db.session.get(Case, case.id)
    assert (case.status, case.assigned_to_id) == ("investigating", inspector.id)
    no_note = client.post(
        f"/inspector/cases/{case.id}/status",
        data={"status": "genuine", "note": ""},
        headers=HTMX,
    )
    assert "Hãy viết ghi chú trước khi đóng vụ việc" in no_note.text
    assert db.session.get(Case, case.id).status == "investigating"
    closed = client.post(
        f"/inspector/cases/{case.id}/status",
        data={"status": "genuine", "note": "Hàng của đại lý chính thức."},
        headers=HTMX,
    )
    assert "Hàng của đại lý chính thức." in closed.text
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.user_id) for e in entries] == [
        ("case.assign", inspector.id),
        ("case.status", inspector.id),
        ("stamp.doubts_cleared", inspector.id),
    ]
    assert entries[1].details["before"] == "investigating"
    assert entries[1].details["after"] == "genuine"
    # what the human cleared is kept in the audit log
    assert len(entries[2].details["evidence"]["away"]) == 2


def test_unknown_status_is_refused_without_a_change(client, cloned):
    factories.sign_in(client, factories.user("admin"))
    case = db.session.scalars(select(Case)).one()
    response = client.post(
        f"/inspector/cases/{case.id}/status", data={"status": "deleted", "note": "x"}
    )
    assert response.status_code == 200  # the form comes back with its error
    assert db.session.get(Case, case.id).status == "new"


def test_dossier_shows_verdict_trail_map_batch_and_reports(client, cloned):
    client.post(
        "/report/",
        data={"code": cloned.url, "place": "Chợ Bến Thành", "province": "79"},
    )
    factories.sign_in(client, factories.user("inspector", provinces=("33",)))
    page = client.get(f"/inspector/dossier?code={cloned.serial}")
    assert page.status_code == 200
    text = page.text
    assert 'data-verdict="suspicious"' in text
    assert "3 điện thoại khác nhau" in text
    assert "km/h" in text  # implied speed between the two scans
    assert text.count('class="scan-point"') == 3
    assert 'class="province authorised"' in text  # Hưng Yên shaded
    assert "Chợ Bến Thành" in text
    assert "sản xuất" in text and "đã phát hành 1 tem" in text
    assert "niêm phong còn nguyên" in text  # vouched for by the issuance log


def test_dossier_for_codes_that_are_not_stamps(client, app):
    factories.sign_in(client, factories.user("inspector"))
    assert client.get("/inspector/dossier").status_code == 200
    unknown = client.get("/inspector/dossier?code=7K2P9Q4MXT3B6HC1")
    assert unknown.status_code == 404
    assert "Không có hồ sơ cho mã này" in unknown.text
    garbled = client.get("/inspector/dossier?code=https://trace.example.vn/01/123")
    assert garbled.status_code == 400


def test_seizure_marks_the_code_counterfeit_for_everyone(client, cloned):
    inspector = factories.user("inspector", provinces=("79",))
    factories.sign_in(client, inspector)
    stamp = factories.stamp_row(cloned)
    response = client.post(
        f"/inspector/stamps/{stamp.id}/inspections",
        data={
            "result": "counterfeit_seized",
            "place": "Chợ Bến Thành, sạp 14",
            "province": "79",
            "note": "Tem in lại, bao bì khác.",
            "photo": (io.BytesIO(photo_bytes()), "seized.jpg"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    inspection = db.session.scalars(select(Inspection)).one()
    assert inspection.result == "counterfeit_seized" and inspection.photo_path
    event = db.session.get(JourneyEvent, inspection.event_id)
    assert (event.biz_step, event.disposition, event.stamp_id) == (
        "inspecting",
        "non_conformant",
        stamp.id,
    )
    assert db.session.get(Stamp, stamp.id).confirmed_fake_at is not None
    assert db.session.scalars(select(Case)).one().status == "confirmed_fake"
    client.post("/logout")
    # Every later scan, by anyone, says counterfeit.
    later = scan(client, cloned.url, "shopper-phone-77", "10.0.0.8")
    assert later.json["verdict"] == "counterfeit"
    assert "confirmed_fake" in later.json["reasons"]
    # The item's EPCIS history carries the inspection; the batch's does not.
    item_link = cloned.url.replace("https://trace.example.vn", "")
    item = client.get(f"/api/v1/traceability{item_link}").json
    steps = [e["bizStep"] for e in item["epcisBody"]["eventList"]]
    assert "inspecting" in steps
    batch_link = item_link.split("/21/")[0]
    batch_doc = client.get(f"/api/v1/traceability{batch_link}").json
    assert "inspecting" not in [
        e["bizStep"] for e in batch_doc["epcisBody"]["eventList"]
    ]


def test_inspection_needs_a_result_and_a_place(client, cloned):
    factories.sign_in(client, factories.user("inspector", provinces=("33",)))
    stamp = factories.stamp_row(cloned)
    response = client.post(
        f"/inspector/stamps/{stamp.id}/inspections", data={"result": "", "place": ""}
    )
    assert response.status_code == 400
    assert "Chọn kết quả kiểm tra" in response.text
    assert "Ghi rõ nơi kiểm tra" in response.text
    assert db.session.scalars(select(Inspection)).all() == []


def test_inspection_photo_that_is_not_an_image_is_refused(client, cloned):
    factories.sign_in(client, factories.user("inspector", provinces=("33",)))
    stamp = factories.stamp_row(cloned)
    response = client.post(
        f"/inspector/stamps/{stamp.id}/inspections",
        data={
            "result": "genuine",
            "place": "Chợ Phố Hiến",
            "province": "33",
            "photo": (io.BytesIO(b"%PDF-1.4 not a photo"), "scan.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "không phải là ảnh" in response.text
    assert db.session.scalars(select(Inspection)).all() == []
    assert db.session.scalars(select(JourneyEvent)).all() == []


def test_pin_claim_reset_needs_a_reason_and_is_audited(client, cloned):
    stamp = factories.stamp_row(cloned)
    claimed = client.post(
        "/scan/claim",
        data={"code": cloned.url, "pin": cloned.pin},
        environ_base={"REMOTE_ADDR": "10.0.0.5"},
    )
    assert claimed.status_code == 200
    assert db.session.get(SerialStats, stamp.id).claimed_at is not None
    inspector = factories.user("inspector", provinces=("33",))
    factories.sign_in(client, inspector)
    refused = client.post(
        f"/inspector/stamps/{stamp.id}/pin-reset", data={"reason": ""}
    )
    assert refused.status_code == 400
    done = client.post(
        f"/inspector/stamps/{stamp.id}/pin-reset",
        data={"reason": "Người bán đã cào PIN trước khi bán."},
    )
    assert done.status_code == 303
    assert db.session.get(SerialStats, stamp.id).claimed_at is None
    entry = db.session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.user_id) == ("stamp.pin_reset", inspector.id)
    assert entry.details["reason"] == "Người bán đã cào PIN trước khi bán."


def test_scan_page_in_inspector_mode_opens_the_dossier(client, cloned):
    assert "data-inspect" not in client.get("/scan/").text
    factories.sign_in(client, factories.user("inspector"))
    page = client.get("/scan/").text
    assert "data-inspect" in page and 'action="/inspector/dossier"' in page


def test_map_draws_the_34_provinces_and_escapes_labels(app):
    svg = map_svg.render(["33"], [(20.65, 106.05, "<script>")], {}, 'a"b')
    assert svg.count('class="province') == 34
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'aria-label="a&quot;b"' in svg

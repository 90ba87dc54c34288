"""One address cannot frame a genuine stamp; who may post scans; when it was made."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import HTMX
from webapp.extensions import db
from webapp.models import AuditEntry, Case, Scan

HUNG_YEN = {"lat": 20.6512, "lon": 106.0534}
HA_NOI = {"lat": 21.0278, "lon": 105.8342}
HAI_PHONG = {"lat": 20.8449, "lon": 106.6881}
HO_CHI_MINH = {"lat": 10.7769, "lon": 106.7009}
FRAMER = "203.0.113.66"


def post(client, issued, device, address, headers=None, **fields):
    body = {"code": issued.url, "device_id": device, **fields}
    return client.post(
        "/api/v1/scans",
        json=body,
        headers=headers or {},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.fixture
def issued(app):
    return factories.stamp(factories.batch(regions=("33",)))


def test_a_claimed_province_from_one_address_does_not_frame(client, issued):
    framed = post(client, issued, "invented-device-0001", FRAMER, province="79")
    assert (framed.json["verdict"], framed.json["reasons"]) == ("authentic", [])
    post(client, issued, "invented-device-0002", FRAMER, province="79")
    honest = post(client, issued, "honest-buyer-00001", "10.7.0.1", **HUNG_YEN)
    assert (honest.json["verdict"], honest.json["reasons"]) == ("authentic", [])


def test_far_provinces_typed_from_two_networks_do_not_frame(client, issued):
    # one phone, by hand: once on its home Wi-Fi, once on its mobile data
    post(client, issued, "invented-device-0001", "198.51.100.7", province="01")
    framed = post(client, issued, "invented-device-0002", FRAMER, province="01")
    assert (framed.json["verdict"], framed.json["reasons"]) == ("authentic", [])
    honest = post(client, issued, "honest-buyer-00001", "10.7.0.1", **HUNG_YEN)
    assert (honest.json["verdict"], honest.json["reasons"]) == ("authentic", [])
    factories.sign_in(client, factories.user("admin"))
    dossier = client.get(f"/inspector/dossier?code={issued.serial}").text
    assert 'data-observations="out_of_region_by_hand"' in dossier  # staff still see
    assert "chọn tỉnh bằng tay" in dossier and "Hà Nội" in dossier


def test_one_ipv6_home_line_is_one_source_across_its_64s(client, issued):
    # two /64s of one /56 allocation, with far positions: still one source
    post(client, issued, "invented-device-0001", "2001:db8:0:1::5", **HA_NOI)
    post(client, issued, "invented-device-0002", "2001:db8:0:2::5", **HAI_PHONG)
    honest = post(client, issued, "honest-buyer-00001", "10.7.0.1", **HUNG_YEN)
    assert (honest.json["verdict"], honest.json["reasons"]) == ("authentic", [])


def test_device_cookies_across_64s_of_one_line_weigh_as_one_network(client, issued):
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=13)
    for n in range(12):  # six invented devices on each of two /64s, hours apart
        address = f"2001:db8:0:{1 + n % 2}::{n + 10:x}"
        made = (start + timedelta(hours=n)).isoformat()
        device = f"invented-device-{n:04d}"
        post(client, issued, device, address, province="33", scanned_at=made)
    honest = post(client, issued, "honest-buyer-00001", "10.7.0.1", **HUNG_YEN)
    assert (honest.json["verdict"], honest.json["reasons"]) == ("authentic", [])


def test_another_home_line_is_another_source(client, issued):
    post(client, issued, "clone-phone-00001", "2001:db8:0:1::5", **HA_NOI)
    post(client, issued, "clone-phone-00002", "2001:db8:0:100::5", **HA_NOI)
    buyer = post(client, issued, "honest-buyer-00001", "10.7.0.1", **HUNG_YEN)
    assert buyer.json["reasons"] == ["out_of_region"]


def test_two_far_positions_from_one_address_do_not_frame(client, issued):
    post(client, issued, "invented-device-0001", FRAMER, **HA_NOI)
    post(client, issued, "invented-device-0002", FRAMER, **HAI_PHONG)
    honest = post(client, issued, "honest-buyer-00001", "10.7.0.1", **HUNG_YEN)
    assert (honest.json["verdict"], honest.json["reasons"]) == ("authentic", [])


def test_a_hand_chosen_province_never_outweighs_the_position(client, issued):
    scan = post(
        client, issued, "phone-0000000001", "10.7.0.2", province="79", **HUNG_YEN
    )
    assert scan.json["province"] == "33"
    assert (scan.json["verdict"], scan.json["reasons"]) == ("authentic", [])
    factories.sign_in(client, factories.user("admin"))
    dossier = client.get(f"/inspector/dossier?code={issued.serial}").text
    assert 'data-observations="location_tampering"' in dossier


def test_a_genuine_finding_clears_the_flags_and_is_audited(client, issued):
    post(client, issued, "clone-phone-00001", "10.8.0.1", province="79")
    flagged = post(client, issued, "clone-phone-00002", "10.8.0.2", **HO_CHI_MINH)
    assert flagged.json["reasons"] == ["out_of_region"]
    case = db.session.scalars(select(Case)).one()
    factories.sign_in(client, factories.user("admin"))
    client.post(
        f"/inspector/cases/{case.id}/status",
        data={"status": "genuine", "note": "Quà biếu, hàng thật."},
        headers=HTMX,
    )
    client.post("/logout")
    after = post(client, issued, "honest-buyer-00001", "10.7.0.1", province="33")
    assert (after.json["verdict"], after.json["reasons"]) == ("authentic", [])
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "stamp.doubts_cleared")
    ).one()
    assert entry.target_id == factories.stamp_row(issued).id
    assert db.session.scalar(select(func.count()).select_from(Scan)) == 3  # kept


def test_other_sites_cannot_make_browsers_post_scans(client, issued):
    foreign = {"Origin": "https://evil.example"}
    refused = post(client, issued, "visitor-phone-0001", "10.9.0.1", foreign)
    assert refused.status_code == 403
    assert refused.json["error"]["code"] == "foreign_origin"
    assert "Access-Control-Allow-Origin" not in refused.headers
    assert db.session.scalar(select(func.count()).select_from(Scan)) == 0
    preflight = client.options(
        "/api/v1/scans",
        headers={**foreign, "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers
    cross = post(
        client,
        issued,
        "visitor-phone-0001",
        "10.9.0.1",
        {"Sec-Fetch-Site": "cross-site"},
    )
    assert cross.status_code == 403


def test_own_pages_and_programs_may_post_scans(client, issued):
    own = post(
        client,
        issued,
        "phone-0000000002",
        "10.9.0.2",
        {"Origin": "https://trace.example.vn"},
    )
    assert own.status_code == 201
    assert post(client, issued, "phone-0000000003", "10.9.0.3").status_code == 201
    read = client.get(
        f"/api/v1/verify{factories.path_of(issued)}",
        headers={"Origin": "https://other.example"},
    )
    assert read.headers["Access-Control-Allow-Origin"] == "*"


def test_scanned_at_is_kept_beside_the_time_of_receipt(client, issued):
    made = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=5)
    answer = post(
        client, issued, "queued-phone-0001", "10.9.0.4", scanned_at=made.isoformat()
    ).json
    assert datetime.fromisoformat(answer["scanned_at"]) == made
    assert datetime.fromisoformat(answer["received_at"]) > made + timedelta(hours=4)


@pytest.mark.parametrize(
    "shift", [timedelta(hours=1), -timedelta(days=31)], ids=["future", "too-old"]
)
def test_unbelievable_scan_times_are_refused(client, issued, shift):
    when = (datetime.now(UTC) + shift).isoformat()
    refused = post(client, issued, "queued-phone-0002", "10.9.0.5", scanned_at=when)
    assert refused.status_code == 400
    assert refused.json["error"]["fields"] == ["scanned_at"]


def test_the_rules_go_by_when_a_queued_scan_was_made(client, issued):
    now = datetime.now(UTC)
    post(client, issued, "phone-a-000001", "10.9.1.1", **HUNG_YEN)
    # Made in Hà Nội six hours before it reached us: no impossible travel.
    queued = post(
        client,
        issued,
        "phone-b-000001",
        "10.9.1.2",
        scanned_at=(now - timedelta(hours=6)).isoformat(),
        **HA_NOI,
    )
    assert queued.json["reasons"] == []
    factories.sign_in(client, factories.user("admin"))
    dossier = client.get(f"/inspector/dossier?code={issued.serial}").text
    assert "travel_once" not in dossier


def test_a_gift_scanned_far_from_home_gets_a_calm_notice(client, issued):
    post(client, issued, "buyer-phone-00001", "10.9.2.1", **HUNG_YEN)
    client.set_cookie("device_id", "gift-recipient-phone-01")
    page = client.post(
        "/scan/record",
        data={"code": issued.url, "consent": "yes", **HA_NOI},
        headers=HTMX,
        environ_base={"REMOTE_ADDR": "10.9.2.2"},
    ).text
    assert 'data-verdict="authentic"' in page
    assert 'class="notice-calm"' in page and "Hưng Yên" in page
    client.set_cookie("device_id", "another-far-phone-0001")
    second = client.post(
        "/scan/record",
        data={"code": issued.url, "consent": "yes", **HA_NOI},
        headers=HTMX,
        environ_base={"REMOTE_ADDR": "10.9.2.3"},
    ).text
    assert 'data-verdict="suspicious"' in second and "notice-calm" not in second

"""POST /api/v1/scans: the public contract, its verdicts and its refusals."""

import pytest
from sqlalchemy import event, select

from tests import factories
from webapp.extensions import db
from webapp.models import Case, Scan, SerialStats

HUNG_YEN = {"lat": 20.6512, "lon": 106.0534}
HO_CHI_MINH = {"lat": 10.7769, "lon": 106.7009}


def post(client, body, address="127.0.0.1"):
    return client.post(
        "/api/v1/scans", json=body, environ_base={"REMOTE_ADDR": address}
    )


@pytest.fixture
def stamp(app):
    return factories.stamp(factories.batch(regions=("33", "01")))


def test_contract_fields_and_storage(client, stamp):
    response = post(
        client, {"code": stamp.url, "device_id": "phone-aaaa-1111", **HUNG_YEN}
    )
    assert response.status_code == 201
    data = response.json
    assert set(data) >= {"scan_id", "verdict", "reasons", "serial", "gtin", "lot"}
    assert (data["verdict"], data["reasons"]) == ("authentic", [])
    assert (data["serial"], data["gtin"], data["lot"]) == (
        stamp.serial,
        stamp.gtin,
        stamp.lot,
    )
    scan = db.session.get(Scan, data["scan_id"])
    assert scan.province_code == "33" and scan.location_consent
    assert (scan.latitude, scan.longitude) == (20.65, 106.05)  # coarsened, ~1 km
    assert "phone-aaaa-1111" not in scan.device_hash and len(scan.device_hash) == 64
    assert "127.0.0.1" not in scan.network_hash


def test_path_only_code_and_no_location(client, stamp):
    path = stamp.url.removeprefix(factories.BASE_URL)
    response = post(
        client, {"code": path, "device_id": "phone-bbbb-2222", "province": "01"}
    )
    assert response.status_code == 201
    assert db.session.get(Scan, response.json["scan_id"]).province_code == "01"


def test_clone_scanned_far_away_by_two_sources_becomes_suspicious(client, stamp):
    post(client, {"code": stamp.url, "device_id": "buyer-phone-01", **HUNG_YEN})
    once = post(
        client,
        {"code": stamp.url, "device_id": "clone-phone-01", **HO_CHI_MINH},
        "127.0.0.9",
    )
    # one source far away: a gift or a traveller as likely as a clone
    assert (once.json["verdict"], once.json["reasons"]) == ("authentic", [])
    again = post(
        client,
        {"code": stamp.url, "device_id": "clone-phone-02", **HO_CHI_MINH},
        "127.0.0.10",
    )
    assert again.json["verdict"] == "suspicious"
    assert again.json["reasons"] == ["out_of_region"]
    # The case opened is shown to the inspectors where the clone was scanned.
    case = db.session.scalars(select(Case)).one()
    assert {(p.province_code, p.source) for p in case.provinces} >= {("79", "scans")}


def test_unknown_and_forged_codes_are_counterfeit(client, stamp):
    path = factories.path_of(stamp)
    forged = path[:-6] + ("ZZZZZZ" if not path.endswith("ZZZZZZ") else "YYYYYY")
    response = post(client, {"code": forged, "device_id": "phone-cccc-3333"})
    assert response.status_code == 201
    assert (response.json["verdict"], response.json["reasons"]) == (
        "counterfeit",
        ["bad_check"],
    )
    never = f"/01/{stamp.gtin}/21/7K2P9Q4MXT3B6HC1"
    assert post(client, {"code": never, "device_id": "phone-cccc-3333"}).json[
        "reasons"
    ] == ["unknown_code"]


def test_same_device_counts_once_and_aggregates_stay_in_step(client, stamp):
    for _ in range(5):
        post(client, {"code": stamp.url, "device_id": "phone-dddd-4444"})
    stats = db.session.scalars(select(SerialStats)).one()
    assert (stats.scan_count, stats.devices) == (5, 1)


def test_idempotency_key_records_once(client, stamp):
    body = {
        "code": stamp.url,
        "device_id": "phone-eeee-5555",
        "idempotency_key": "offline-0001",
    }
    first, again = post(client, body), post(client, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json["scan_id"] == again.json["scan_id"]
    assert len(db.session.scalars(select(Scan)).all()) == 1


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("not json", "invalid_json"),
        ([1, 2], "invalid_json"),
        ({}, "invalid_fields"),
        ({"code": "x", "device_id": "short"}, "invalid_fields"),
        (
            {
                "code": "/01/08931234567897/21/A",
                "device_id": "phone-ffff-6666",
                "lat": 91,
                "lon": 1,
            },
            "invalid_fields",
        ),
        (
            {
                "code": "/01/08931234567897/21/A",
                "device_id": "phone-ffff-6666",
                "lat": 20.1,
            },
            "invalid_fields",
        ),
        (
            {
                "code": "/01/08931234567897/21/A",
                "device_id": "phone-ffff-6666",
                "lat": "20",
                "lon": "106",
            },
            "invalid_fields",
        ),
        (
            {
                "code": "/01/08931234567897/21/A",
                "device_id": "phone-ffff-6666",
                "role": "admin",
            },
            "invalid_fields",
        ),
        (
            {"code": "https://example.com/hello", "device_id": "phone-ffff-6666"},
            "not_digital_link",
        ),
        (
            {"code": "/01/08931234567898/21/A", "device_id": "phone-ffff-6666"},
            "gtin_check_digit",
        ),
        (
            {"code": "/01/08931234567897", "device_id": "phone-ffff-6666"},
            "serial_required",
        ),
    ],
)
def test_malformed_input_is_400_with_a_json_error(client, app, body, code):
    if isinstance(body, str):
        response = client.post(
            "/api/v1/scans", data=body, content_type="application/json"
        )
    else:
        response = post(client, body)
    assert response.status_code == 400
    assert response.json["error"]["code"] == code and response.json["error"]["message"]
    assert db.session.scalars(select(Scan)).first() is None


def test_a_body_that_is_not_a_json_object_is_told_so_in_the_readers_language(client):
    for language, sentence in (("en", "Send a JSON object."), ("vi", None)):
        response = client.post(
            "/api/v1/scans", json=[1, 2], headers={"Accept-Language": language}
        )
        assert response.status_code == 400
        message = response.json["error"]["message"]
        if sentence is not None:
            assert message == sentence
        else:
            assert message and message != "Send a JSON object."


def test_roles_other_than_shopper_need_a_staff_account(client, stamp):
    response = post(
        client, {"code": stamp.url, "device_id": "phone-gggg-7777", "role": "inspector"}
    )
    assert response.status_code == 403
    assert response.json["error"]["code"] == "role_not_allowed"


def test_errors_are_translated(client, app):
    response = client.post("/api/v1/scans", json={}, headers={"Accept-Language": "vi"})
    assert "không hợp lệ" in response.json["error"]["message"]


def test_verify_answers_what_is_known_of_a_code_and_records_nothing(client, stamp):
    path = factories.path_of(stamp)
    answer = client.get(f"/api/v1/verify{path}")
    assert answer.status_code == 200
    assert answer.json == {
        "gtin": stamp.gtin,
        "lot": stamp.lot,
        "serial": stamp.serial,
        "issued": True,
        "reasons": [],
        "notices": [],
        "explanations": {},
    }
    unknown = path.replace(stamp.serial, "N" * len(stamp.serial))
    missing = client.get(f"/api/v1/verify{unknown}")
    assert missing.status_code == 404
    assert missing.json["issued"] is False and missing.json["serial"] == "N" * 16
    assert missing.json["reasons"] == ["bad_check"]  # a serial we never made
    assert set(missing.json["explanations"]) == {"bad_check"}
    bad = client.get("/api/v1/verify/01/12345")
    assert bad.status_code == 400
    assert bad.json["error"]["code"] == "gtin_length"
    assert bad.json["error"]["message"]
    assert db.session.scalars(select(Scan)).first() is None


def test_a_journey_is_asked_of_a_batch_and_refused_with_a_reason(client, stamp):
    gtin = stamp.gtin
    cases = [
        (f"/01/{gtin}", 404, "batch_required"),
        (f"/01/{gtin}/10/NO-SUCH-LOT", 404, "unknown_code"),
        ("/01/12345", 400, "gtin_length"),
    ]
    for path, status, code in cases:
        answer = client.get(f"/api/v1/traceability{path}")
        assert (answer.status_code, answer.json["error"]["code"]) == (status, code)
        assert answer.json["error"]["message"], path
        assert answer.headers["GS1-EPCIS-Version"] == "2.0.0", path
    batch_required = client.get(f"/api/v1/traceability/01/{gtin}").json["error"]
    assert batch_required["message"].startswith("Hành trình được ghi theo từng lô")


def test_a_scan_sent_by_another_sites_page_is_refused(client, stamp):
    body = {"code": stamp.url, "device_id": "phone-aaaa-1111"}
    for headers in (
        {"Origin": "https://elsewhere.example"},
        {"Sec-Fetch-Site": "cross-site"},
    ):
        refused = client.post("/api/v1/scans", json=body, headers=headers)
        assert refused.status_code == 403
        assert refused.json["error"]["code"] == "foreign_origin"
        assert refused.json["error"]["message"]
    assert db.session.scalars(select(Scan)).first() is None
    own = client.post(
        "/api/v1/scans", json=body, headers={"Origin": "https://trace.example.vn"}
    )
    assert own.status_code == 201, own.json


def test_a_resent_queued_scan_of_a_never_issued_code_is_the_same_scan(client, stamp):
    never = f"/01/{stamp.gtin}/21/7K2P9Q4MXT3B6HC1"
    # A scan sent live (no key) is stored first: the resend must not answer it.
    post(client, {"code": never, "device_id": "phone-eeee-5555"})
    body = {
        "code": never,
        "device_id": "phone-ffff-6666",
        "idempotency_key": "offline-0002",
    }
    first = post(client, body)
    again = post(client, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["scan_id"] == first.json["scan_id"]
    assert again.json["reasons"] == ["unknown_code"]
    assert len(db.session.scalars(select(Scan)).all()) == 2


def test_a_resent_queued_scan_gets_the_verdict_it_was_given(client, stamp):
    body = {"code": stamp.url, "device_id": "phone-eeee-5555"}
    first = post(client, body | {"idempotency_key": "offline-0003"})
    assert first.json["verdict"] == "authentic"
    # Other households' phones since: the serial now stands as suspicious.
    for n in range(4):
        crowd = {"code": stamp.url, "device_id": f"crowd-phone-000{n}"}
        post(client, crowd, address=f"10.{n}.0.9")
    assert post(client, body, address="10.9.0.9").json["verdict"] == "suspicious"
    again = post(client, body | {"idempotency_key": "offline-0003"})
    assert again.status_code == 200
    assert again.json["scan_id"] == first.json["scan_id"]
    assert (again.json["verdict"], again.json["reasons"]) == ("authentic", [])


def test_a_resent_scan_of_a_link_without_its_lot_answers_the_lot(client, stamp):
    short = f"/01/{stamp.gtin}/21/{stamp.serial}"
    body = {
        "code": short,
        "device_id": "phone-gggg-7777",
        "idempotency_key": "offline-0004",
    }
    first = post(client, body)
    again = post(client, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json["lot"] == again.json["lot"] == stamp.lot


def test_a_staff_scan_on_a_network_shoppers_used_is_recorded_apart(client, stamp):
    assert (
        post(client, {"code": stamp.url, "device_id": "buyer-phone-01"}).status_code
        == 201
    )
    factories.sign_in(client, factories.user("inspector"))
    body = {"code": stamp.url, "device_id": "staff-phone-01", "role": "inspector"}
    assert post(client, body).status_code == 201
    stats = db.session.scalars(select(SerialStats)).one()
    assert (stats.scan_count, stats.shopper_scans, stats.devices) == (2, 1, 1)


ENGLISH = {"Accept-Language": "en"}


def test_a_scans_refusals_say_why_word_for_word(client, stamp):
    body = {"code": stamp.url, "device_id": "phone-aaaa-1111"}
    elsewhere = ENGLISH | {"Origin": "https://elsewhere.example"}
    foreign = client.post("/api/v1/scans", json=body, headers=elsewhere)
    assert (foreign.status_code, foreign.json["error"]) == (
        403,
        {
            "code": "foreign_origin",
            "message": "Scans are accepted from this site's own pages or from apps.",
        },
    )
    role = client.post(
        "/api/v1/scans", json=body | {"role": "inspector"}, headers=ENGLISH
    )
    assert (role.status_code, role.json["error"]) == (
        403,
        {
            "code": "role_not_allowed",
            "message": "Only signed-in inspectors and producers may scan in that role.",
        },
    )
    assert db.session.scalars(select(Scan)).first() is None


def test_a_journeys_refusals_say_why_word_for_word(client, stamp):
    waiting = factories.batch(factories.product(approved_at=None))
    gtin = stamp.gtin
    cases = [
        (
            "/01/12345/10/LOT1",
            400,
            "gtin_length",
            "The product number (GTIN) must have 8, 12, 13 or 14 digits.",
        ),
        (
            f"/01/{gtin}",
            404,
            "batch_required",
            "Journeys are recorded per batch: add the lot (/10/…) to the link.",
        ),
        (
            f"/01/{gtin}/10/NO-SUCH-LOT",
            404,
            "unknown_code",
            "This code was never issued.",
        ),
        (
            f"/01/{waiting.product.gtin}/10/{waiting.lot_code}",
            404,
            "awaiting_approval",
            "The province has not yet approved this product's story, so it is not "
            "shown. The check of the code itself still works.",
        ),
    ]
    for path, status, code, message in cases:
        answer = client.get(f"/api/v1/traceability{path}", headers=ENGLISH)
        assert answer.status_code == status, path
        assert answer.json["error"] == {"code": code, "message": message}


def test_a_scan_keeps_the_lot_its_code_names(client, stamp):
    full = post(client, {"code": stamp.url, "device_id": "phone-aaaa-1111"})
    short = f"/01/{stamp.gtin}/21/{stamp.serial}"
    bare = post(client, {"code": short, "device_id": "phone-bbbb-2222"})
    forged = stamp.url.replace(f"/10/{stamp.lot}/", "/10/FORGED1/")
    copied = post(client, {"code": forged, "device_id": "phone-cccc-3333"})
    stored = {
        scan_id: db.session.get(Scan, scan_id).lot
        for scan_id in (full.json["scan_id"], bare.json["scan_id"])
    }
    # The lot scanned is kept as scanned: none when the code names none.
    assert stored == {full.json["scan_id"]: stamp.lot, bare.json["scan_id"]: None}
    assert db.session.get(Scan, copied.json["scan_id"]).lot == "FORGED1"
    # A code we never issued has no batch to name a lot: the answer's is the code's.
    assert (copied.json["verdict"], copied.json["lot"]) == ("counterfeit", "FORGED1")


def test_a_scans_verdict_reads_neither_the_journey_nor_the_story(client, app):
    batch = factories.batch(regions=("33",))
    factories.event(batch, "packing")
    issued = factories.stamp(batch)
    db.session.commit()
    db.session.remove()  # nothing loaded before the scan
    sent = []

    def note(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        response = post(client, {"code": issued.url, "device_id": "phone-aaaa-1111"})
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert (response.status_code, response.json["verdict"]) == (201, "authentic")
    assert sent and not [s for s in sent if "journey_event" in s or "story_vi" in s]

"""The public JSON answers, compared whole: every field, its type and its value.

Each expected answer is built here from the records the test made; only what
truly varies (ids, the server's clock) is a placeholder, and a placeholder
still checks its type and format. A field added, dropped, renamed or retyped
fails these tests, so a change to a contract is always a deliberate one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import Scan
from webapp.services.catalog.batches import set_status

HUNG_YEN = {"lat": 20.6512, "lon": 106.0534}
HO_CHI_MINH = {"lat": 10.7769, "lon": 106.7009}
VIETNAMESE = {"Accept-Language": "vi"}


class Moment:
    """An ISO 8601 time with its UTC offset, within the last few minutes."""

    def __eq__(self, other) -> bool:
        if not isinstance(other, str):
            return False
        try:
            moment = datetime.fromisoformat(other)
        except ValueError:
            return False
        if moment.utcoffset() is None:
            return False
        return abs(datetime.now(UTC) - moment) < timedelta(minutes=5)

    def __repr__(self) -> str:
        return "<a recent ISO 8601 time with its offset>"


class Id:
    """A database id: a positive int (a bool is no id)."""

    def __eq__(self, other) -> bool:
        return type(other) is int and other > 0

    def __repr__(self) -> str:
        return "<a positive int>"


def post(client, body, address="127.0.0.1", **headers):
    return client.post(
        "/api/v1/scans",
        json=body,
        environ_base={"REMOTE_ADDR": address},
        headers=headers,
    )


def scan_answer(issued, **fields) -> dict:
    """A scan's answer: an authentic item scanned now, unless fields say otherwise."""
    return {
        "scan_id": Id(),
        "verdict": "authentic",
        "reasons": [],
        "notices": [],
        "explanations": {},
        "serial": issued.serial,
        "gtin": issued.gtin,
        "lot": issued.lot,
        "province": None,
        "scanned_at": Moment(),
        "received_at": Moment(),
        "made_at": None,
        **fields,
    }


@pytest.fixture
def issued(app):
    return factories.stamp(factories.batch(regions=("33", "01")))


def test_an_authentic_scan_answers_the_whole_contract(client, issued):
    response = post(
        client, {"code": issued.url, "device_id": "phone-aaaa-1111", **HUNG_YEN}
    )
    assert (response.status_code, response.mimetype) == (201, "application/json")
    assert response.json == scan_answer(issued, province="33")
    assert response.json["scanned_at"] == response.json["received_at"]
    assert db.session.get(Scan, response.json["scan_id"]) is not None


def test_a_repeated_idempotency_key_answers_the_first_scan_unchanged(client, issued):
    body = {
        "code": issued.url,
        "device_id": "phone-aaaa-2222",
        "idempotency_key": "offline-0001",
    }
    first, again = post(client, body), post(client, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json == scan_answer(issued)
    assert again.json == first.json


def test_a_queued_scan_keeps_the_time_the_phone_made_it(client, issued):
    made = (datetime.now(UTC) - timedelta(hours=3)).replace(microsecond=0)
    body = {
        "code": issued.url,
        "device_id": "phone-aaaa-3333",
        "scanned_at": made.isoformat(),
        "idempotency_key": "offline-0002",
    }
    response = post(client, body)
    assert response.status_code == 201
    # made_at, the older name, says the same as scanned_at.
    assert response.json == scan_answer(
        issued, scanned_at=made.isoformat(), made_at=made.isoformat()
    )


def test_a_code_never_issued_is_counterfeit_and_says_why(client, issued):
    never = f"/01/{issued.gtin}/21/7K2P9Q4MXT3B6HC1"
    response = post(
        client,
        {"code": never, "device_id": "phone-cccc-3333"},
        **{"Accept-Language": "en"},
    )
    assert response.status_code == 201
    assert response.json == scan_answer(
        issued,
        verdict="counterfeit",
        reasons=["unknown_code"],
        explanations={
            "unknown_code": response.json["explanations"].get("unknown_code")
        },
        serial="7K2P9Q4MXT3B6HC1",
        lot=None,
    )
    assert isinstance(response.json["explanations"]["unknown_code"], str)
    assert response.json["explanations"]["unknown_code"].strip()


def test_a_clone_seen_far_away_is_suspicious_and_says_why(client, issued):
    post(client, {"code": issued.url, "device_id": "buyer-phone-01", **HUNG_YEN})
    post(
        client,
        {"code": issued.url, "device_id": "clone-phone-01", **HO_CHI_MINH},
        "127.0.0.9",
    )
    response = post(
        client,
        {"code": issued.url, "device_id": "clone-phone-02", **HO_CHI_MINH},
        "127.0.0.10",
    )
    assert response.status_code == 201
    explanation = response.json["explanations"].get("out_of_region")
    assert response.json == scan_answer(
        issued,
        verdict="suspicious",
        reasons=["out_of_region"],
        explanations={"out_of_region": explanation},
        province="79",
    )
    assert isinstance(explanation, str) and explanation.strip()


def test_a_recalled_batch_is_a_notice_in_the_scan_answer(client, issued, app):
    batch = factories.stamp_row(issued).batch
    set_status(batch, "recalled")
    db.session.commit()
    response = post(
        client, {"code": issued.url, "device_id": "phone-dddd-4444"}, **VIETNAMESE
    )
    assert response.status_code == 201
    assert response.json == scan_answer(
        issued,
        notices=["recalled"],
        explanations={
            "recalled": "Lô hàng này đã bị thu hồi. Không ăn hoặc sử dụng sản phẩm."
        },
    )


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (
            {"code": "x", "device_id": "short"},
            {
                "code": "invalid_fields",
                "fields": ["device_id"],
                "message": "Các trường sau bị thiếu hoặc không hợp lệ: device_id",
            },
        ),
        (
            {"code": "/01/08931234567897", "device_id": "phone-ffff-6666"},
            {"code": "serial_required", "message": None},
        ),
    ],
)
def test_a_malformed_scan_is_400_with_the_whole_error(client, app, body, error):
    response = post(client, body, **{"Accept-Language": "vi"})
    assert (response.status_code, response.mimetype) == (400, "application/json")
    if error["message"] is None:  # its wording is the catalogue's, not the contract's
        error = {**error, "message": response.json["error"]["message"]}
        assert isinstance(error["message"], str) and error["message"].strip()
    assert response.json == {"error": error}
    assert db.session.scalars(select(Scan)).first() is None


def test_verify_answers_the_whole_contract_and_records_nothing(client, issued):
    path = factories.path_of(issued)
    response = client.get(f"/api/v1/verify{path}")
    assert (response.status_code, response.mimetype) == (200, "application/json")
    assert response.json == {
        "issued": True,
        "serial": issued.serial,
        "gtin": issued.gtin,
        "lot": issued.lot,
        "reasons": [],
        "notices": [],
        "explanations": {},
    }
    assert db.session.scalars(select(Scan)).first() is None


def test_the_traceability_document_is_the_batch_journey_whole(client, issued):
    batch = factories.stamp_row(issued).batch
    event = factories.event(batch)
    response = client.get(f"/api/v1/traceability{factories.path_of(issued)}")
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    assert response.get_json(force=True) == {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": Moment(),
        "epcisBody": {
            "eventList": [
                {
                    "type": "ObjectEvent",
                    "action": "OBSERVE",
                    "bizStep": "packing",
                    "eventID": event.event_id,
                    "eventTime": event.event_time.isoformat(),
                    "eventTimeZoneOffset": "+07:00",
                    "recordTime": Moment(),
                    "quantityList": [
                        {
                            "epcClass": (
                                f"https://id.gs1.org/01/{issued.gtin}/10/{issued.lot}"
                            ),
                            "quantity": batch.quantity,
                            "uom": "H87",
                        }
                    ],
                }
            ]
        },
    }

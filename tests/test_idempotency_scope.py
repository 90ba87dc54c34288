"""An idempotency key finds only its own sender's record (scan or report)."""

from __future__ import annotations

from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import Report, Scan


def _scan(client, issued, device, key="shared-key-0001"):
    return client.post(
        "/api/v1/scans",
        json={"code": issued.url, "device_id": device, "idempotency_key": key},
    )


def test_a_reused_key_from_another_device_records_its_own_scan(client):
    issued = factories.stamp(factories.batch(regions=("33",)))
    first = _scan(client, issued, "phone-aaaa-0001")
    resent = _scan(client, issued, "phone-aaaa-0001")
    assert resent.json["scan_id"] == first.json["scan_id"]  # a resend
    other = _scan(client, issued, "phone-bbbb-0002")
    assert other.status_code == 201
    assert other.json["scan_id"] != first.json["scan_id"]
    assert db.session.scalar(select(func.count(Scan.id))) == 2
    stored = db.session.scalars(select(Scan.idempotency_key)).all()
    assert "shared-key-0001" not in stored  # kept only hashed with its scope


def test_the_same_key_for_another_code_is_another_scan(client):
    one, two = factories.stamps(factories.batch(regions=("33",)), count=2)
    first = _scan(client, one, "phone-aaaa-0001")
    second = _scan(client, two, "phone-aaaa-0001")
    assert second.json["serial"] == two.serial != first.json["serial"]


def test_another_key_from_the_same_phone_for_the_same_code_is_another_scan(client):
    issued = factories.stamp(factories.batch(regions=("33",)))
    first = _scan(client, issued, "phone-aaaa-0001", key="queued-key-0001")
    second = _scan(client, issued, "phone-aaaa-0001", key="queued-key-0002")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json["scan_id"] != first.json["scan_id"]


def test_the_same_key_and_serial_under_another_gtin_is_another_scan(client):
    issued = factories.stamp(factories.batch(regions=("33",)))
    other_gtin = factories.product().gtin
    copied = factories.BASE_URL + f"/01/{other_gtin}/21/{issued.serial}"
    genuine = _scan(client, issued, "phone-aaaa-0001")
    body = {
        "code": copied,
        "device_id": "phone-aaaa-0001",
        "idempotency_key": "shared-key-0001",
    }
    forged = client.post("/api/v1/scans", json=body)
    # The serial copied onto another product is not a resend of the genuine scan.
    assert (genuine.status_code, forged.status_code) == (201, 201)
    assert forged.json["scan_id"] != genuine.json["scan_id"]
    assert (forged.json["gtin"], forged.json["verdict"]) == (other_gtin, "counterfeit")


REPORT = {"place": "Chợ Phố Hiến", "province": "33", "description": "Tem mờ"}


def test_a_reused_report_key_from_another_phone_files_its_own_report(client):
    data = {**REPORT, "idempotency_key": "report-key-00000001"}
    client.set_cookie("device_id", "phone-aaaa-0001")
    first = client.post("/report/", data=data)
    client.set_cookie("device_id", "phone-bbbb-0002")
    other = client.post("/report/", data=data)
    assert first.status_code == other.status_code == 303
    assert first.location != other.location  # not the first reporter's reference
    assert db.session.scalar(select(func.count(Report.id))) == 2

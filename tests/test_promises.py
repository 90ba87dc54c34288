"""Promises a one-line slip would break without any other test noticing.

Each test pins one refusal or one boundary through the public API or the
service that makes the promise, so it keeps its meaning when the code behind
changes shape (tests/MUTATION.md maps each slip to the test that catches it).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from tests import factories
from tests.test_detection import Serial
from tests.test_report_photos import file_report, jpeg_with_gps, upload
from tests.test_scan_pages import record
from webapp.extensions import db
from webapp.models import (
    Alert,
    Batch,
    IssuanceRecord,
    Product,
    Report,
    Scan,
    SerialStats,
    utcnow,
)
from webapp.services.catalog.resolution import Resolution
from webapp.services.common.clock import today_in_vietnam
from webapp.services.places.geo import distance_km
from webapp.services.scans.detection import Aggregates, Rules, ScanFacts, assess
from webapp.services.scans.evidence import (
    MAX_SOURCES,
    Evidence,
    Place,
    Sighting,
    cleared,
    forgotten,
    observe,
    speed_check,
)
from webapp.services.scans.repeats import earlier_view
from webapp.services.stamps.issuance_log import check_chain
from webapp.services.stamps.issuance_log import check_serial as check_logged
from webapp.services.stamps.serials import (
    SERIAL_LENGTH,
    check_serial,
    hash_pin,
    looks_like_serial,
    new_pin,
    new_serial,
    verify_pin,
)
from webapp.services.standards import digital_link, epcis
from webapp.services.standards.gtin import complete_gtin

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
HUNG_YEN = (20.65, 106.05)
HA_NOI = (21.03, 105.85)  # 47 km from HUNG_YEN
HO_CHI_MINH = (10.78, 106.70)
HUNG_YEN_GPS = {"lat": 20.6512, "lon": 106.0534}


def scan(client, stamp, device="phone-aaaa-0001", **fields):
    body = {"code": stamp.url, "device_id": device, **fields}
    return client.post("/api/v1/scans", json=body)


def stamp_of(status: str, batch=None):
    """A stamp issued on an active batch that later became void or recalled."""
    batch = batch or factories.batch()
    stamp = factories.stamp(batch)
    batch.status = status
    db.session.commit()
    return stamp


def alerts() -> int:
    return db.session.scalar(select(func.count(Alert.id)))


# Idempotency: a key finds only the scan it was sent with.


def test_two_queued_scans_with_their_own_keys_get_their_own_verdicts(client):
    void = stamp_of("void")
    genuine = factories.stamp(factories.batch())
    first = scan(client, void, idempotency_key="queued-key-0001")
    second = scan(client, genuine, idempotency_key="queued-key-0002")
    assert first.status_code == second.status_code == 201
    assert (first.json["verdict"], first.json["reasons"]) == ("counterfeit", ["void"])
    assert (second.json["verdict"], second.json["reasons"]) == ("authentic", [])
    assert second.json["serial"] == genuine.serial
    assert second.json["scan_id"] != first.json["scan_id"]


def test_a_resent_queued_scan_is_the_same_scan(client):
    stamp = factories.stamp(factories.batch())
    first = scan(client, stamp, idempotency_key="queued-key-0001")
    again = scan(client, stamp, idempotency_key="queued-key-0001")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["scan_id"] == first.json["scan_id"]
    assert db.session.scalar(select(func.count(Scan.id))) == 1


def _sent(code, key):
    """A scan the phone's queue sends (no repeat window, as the API records)."""

    from webapp.services.scans.scanning import ScanRequest, record_scan

    request = ScanRequest(code, "phone-aaaa-0001", "203.0.113.7", utcnow())
    outcome = record_scan(
        db.session,
        replace(request, idempotency_key=key),
        factories.SETTINGS,
        today_in_vietnam(),
    )
    db.session.commit()
    return outcome


def test_a_resent_scan_answers_its_own_verdict_and_the_serials_rows_now(app):
    issued = factories.stamp(factories.batch())
    first = _sent(issued.url, "queued-key-0001")
    factories.stamp_row(issued).confirmed_fake_at = utcnow()
    db.session.commit()
    again = _sent(issued.url, "queued-key-0001")
    assert again.replayed and again.scan.id == first.scan.id
    assert (again.verdict, again.reasons) == ("authentic", [])
    assert again.resolution.subject.serial == issued.serial
    assert again.stats.scan_count == 1


def test_a_resent_scan_of_a_never_issued_code_answers_its_own_verdict(app):
    never = f"/01/{factories.product().gtin}/21/7K2P9Q4MXT3B6HC1"
    first = _sent(never, "queued-key-0002")
    again = _sent(never, "queued-key-0002")
    assert again.replayed and again.scan.id == first.scan.id
    assert (again.verdict, again.reasons) == ("counterfeit", ["unknown_code"])
    assert (again.resolution.link.serial, again.stats) == ("7K2P9Q4MXT3B6HC1", None)


# Alerts are raised by shoppers' scans only.


def test_staff_scans_of_a_flagged_code_raise_no_alert(client):
    stamp = stamp_of("void")
    factories.sign_in(client, factories.user("inspector"))
    for n, role in enumerate(("inspector", "inspector", "shopper")):
        response = scan(client, stamp, device=f"staff-phone-000{n}", role=role)
        assert response.json["verdict"] == "counterfeit"
        assert alerts() == (1 if role == "shopper" else 0)


def test_a_producers_scan_of_a_flagged_code_raises_no_alert(client):
    batch = factories.batch()
    stamp = stamp_of("void", batch)
    maker = factories.user("producer", org=batch.product.organisation)
    factories.sign_in(client, maker)
    response = scan(client, stamp, device="maker-phone-0001", role="producer")
    assert response.status_code == 201 and response.json["verdict"] == "counterfeit"
    assert alerts() == 0


# The scan API's answer carries the notices of a genuine code.


def test_the_scan_answer_carries_the_codes_notices(client):
    today = today_in_vietnam()
    expired = factories.batch(
        produced_on=today - timedelta(days=400), expires_on=today - timedelta(days=1)
    )
    fresh = factories.batch(
        produced_on=today - timedelta(days=10), expires_on=today + timedelta(days=300)
    )
    old, new = factories.stamp(expired), factories.stamp(fresh)
    first = scan(client, old, idempotency_key="notice-key-0001")
    assert first.status_code == 201
    assert "expired" in first.json["notices"]
    assert first.json["verdict"] == "authentic"  # a notice, not a verdict
    resent = scan(client, old, idempotency_key="notice-key-0001")
    assert resent.status_code == 200 and "expired" in resent.json["notices"]
    assert "expired" not in scan(client, new).json["notices"]


def test_a_recalled_batch_is_noticed_in_the_scan_answer(client):
    stamp = stamp_of("recalled")
    assert "recalled" in scan(client, stamp).json["notices"]


# A report carries three photos, not one more and not one fewer.


def test_exactly_three_photos_are_accepted(client, app):
    photos = [upload(jpeg_with_gps((200, 200))) for _ in range(3)]
    response = file_report(client, photos)
    assert response.status_code == 303
    assert len(db.session.scalars(select(Report)).one().photos) == 3


# Impossible travel allows for the error of both positions.


def _positioned(device, network, where, minutes=0, accuracy_km=None):
    lat, lon = where
    return ScanFacts(
        T0 + timedelta(minutes=minutes),
        device,
        network,
        "shopper",
        "33",
        lat,
        lon,
        source="position",
        accuracy_km=accuracy_km,
    )


def _two_places(rules):
    first = assess(
        Aggregates(), _positioned("a", "n1", HUNG_YEN), rules, (), None, None
    )
    second = assess(
        first.aggregates, _positioned("b", "n2", HA_NOI, 1), rules, (), None, None
    )
    return second.aggregates.evidence.conflicts


def test_position_errors_are_allowed_for_before_travel_is_impossible():
    # 47 km apart within a minute: impossible unless both 5 km errors bring it
    # under the 40 km below which travel is never judged.
    assert _two_places(Rules(min_travel_km=40.0, position_error_km=5.0)) == 0
    assert _two_places(Rules(min_travel_km=40.0, position_error_km=3.0)) == 1
    assert _two_places(Rules(min_travel_km=30.0, position_error_km=5.0)) == 1
    # No error in the rules and none given with the positions: none allowed.
    assert _two_places(Rules(min_travel_km=46.0, position_error_km=0.0)) == 1


# The issuance log's seal covers every field it names.


@pytest.mark.parametrize(
    "field",
    ["with_pin", "issued_at", "serials_digest", "previous_hash", "lot", "gtin"],
)
def test_changing_any_sealed_field_breaks_the_record(app, field):
    batch = factories.batch()
    factories.stamps(batch, 2)
    issued = factories.stamps(batch, 1)
    record = db.session.scalars(
        select(IssuanceRecord).order_by(IssuanceRecord.id.desc())
    ).first()
    record_id = record.id
    assert check_chain(db.session).intact
    if field == "lot":
        db.session.execute(
            update(Batch).where(Batch.id == batch.id).values(lot_code="LOT-CHANGED")
        )
    elif field == "gtin":
        db.session.execute(
            update(Product)
            .where(Product.id == batch.product_id)
            .values(gtin=complete_gtin("0893999999999"))
        )
    else:
        value = {
            "with_pin": not record.with_pin,
            "issued_at": record.issued_at - timedelta(seconds=1),
            "serials_digest": "f" * 64,
            "previous_hash": "e" * 64,
        }[field]
        db.session.execute(
            update(IssuanceRecord)
            .where(IssuanceRecord.id == record_id)
            .values(**{field: value})
        )
    db.session.commit()
    db.session.expire_all()
    assert (record_id, "record_changed") in check_chain(db.session).problems
    stamp = factories.stamp_row(issued[0])
    assert check_logged(db.session, stamp).problem == "record_changed"


# Serials and PINs: the shape is checked before anything else.

GTIN, LOT, KEY = "08930000000012", "LOT-A", "serial-key"


def test_a_malformed_serial_fails_the_check_before_its_mac():
    good = new_serial(GTIN, LOT, KEY)
    assert check_serial(good, GTIN, LOT, [KEY])
    for bad in ("", good[:-1], good + "0", good.lower(), "I" * SERIAL_LENGTH):
        assert not check_serial(bad, GTIN, LOT, [KEY]), bad
        assert not looks_like_serial(bad), bad
    assert looks_like_serial(good)


def test_pins_are_eight_digits_and_typed_spaces_are_ignored():
    pins = [new_pin() for _ in range(200)]
    assert all(re.fullmatch(r"[0-9]{8}", pin) for pin in pins)
    serial = new_serial(GTIN, LOT, KEY)
    stored = hash_pin("12345678", serial, KEY)
    assert verify_pin("1234 5678", serial, stored, ["old-key", KEY])
    assert not verify_pin("12345679", serial, stored, [KEY])


# A repeat view is this device's, in this role, from the window's start on.


def _view(stamp_id, link, role, at, device="device-hash"):
    scan = Scan(
        stamp_id=stamp_id,
        gtin=link.gtin,
        lot=link.lot,
        serial=link.serial,
        scanned_at=at,
        role=role,
        device_hash=device,
        network_hash="network-hash",
        verdict="authentic",
    )
    db.session.add(scan)
    db.session.flush()
    return scan


@pytest.mark.parametrize("issued", [True, False])
def test_an_earlier_view_is_the_same_device_role_and_code_since_the_start(app, issued):
    batch = factories.batch()
    stamp = factories.stamp(batch)
    link = digital_link.parse(stamp.url)
    stamp_id = factories.stamp_row(stamp).id if issued else None
    resolution = Resolution(link, stamp=factories.stamp_row(stamp) if issued else None)
    since = utcnow() - timedelta(minutes=10)
    _view(stamp_id, link, "inspector", since + timedelta(minutes=1))
    _view(stamp_id, link, "shopper", since + timedelta(minutes=2), "other-device")
    _view(stamp_id, link, "shopper", since - timedelta(seconds=1))
    assert earlier_view(db.session, resolution, "device-hash", "shopper", since) is None
    at_start = _view(stamp_id, link, "shopper", since)
    found, _stats = earlier_view(
        db.session, resolution, "device-hash", "shopper", since
    )
    assert found is at_start
    latest = _view(stamp_id, link, "shopper", since + timedelta(minutes=3))
    found, _stats = earlier_view(
        db.session, resolution, "device-hash", "shopper", since
    )
    assert found is latest
    # Another serial of the same product, or the same serial under another GTIN.
    sibling = factories.stamp(batch)
    other_gtin = factories.product().gtin
    for code in (
        sibling.url,
        digital_link.DigitalLink(other_gtin, lot=link.lot, serial=link.serial).uri(
            "https://id.gs1.org"
        ),
    ):
        row = factories.stamp_row(sibling) if issued and code == sibling.url else None
        elsewhere = Resolution(digital_link.parse(code), stamp=row)
        if issued and row is None:
            continue  # an issued stamp is found by its id, not its GTIN
        assert (
            earlier_view(db.session, elsewhere, "device-hash", "shopper", since) is None
        )


# Detection: how one network's devices arrive, and what a shopper's scan adds.


def test_a_burst_is_the_devices_arriving_within_the_window_edge_included():
    rules = Rules(burst_size=3, burst_window_seconds=600)
    serial = Serial(rules=rules)
    serial.scan("phone-1", network="cafe")
    at_edge = serial.scan("phone-2", network="cafe", minutes=10)  # exactly 600 s
    assert (at_edge.network.steady, at_edge.network.window_count) == (2, 2)
    burst = serial.scan("phone-3", network="cafe", minutes=10)
    assert (burst.network.steady, burst.network.bursts) == (0, 1)
    assert burst.network.window_count == 3
    later = serial.scan("phone-4", network="cafe", minutes=10)
    assert (later.network.steady, later.network.bursts) == (0, 1)
    assert later.network.window_count == 4
    after = serial.scan("phone-5", network="cafe", minutes=21)  # a new window
    assert (after.network.steady, after.network.window_count) == (1, 1)


def test_shopper_scans_and_their_provinces_are_counted_once_each():
    serial = Serial()
    serial.scan("phone-1", province="33")
    serial.scan("phone-2", network="n2", province="01")
    serial.scan("phone-1", province="33", minutes=5)
    serial.scan("inspector", network="n3", province="79", role="inspector")
    assert serial.stats.shopper_scans == 3 and serial.stats.scan_count == 4
    assert serial.stats.provinces == ("01", "33")


def test_the_last_position_is_the_last_positioned_shopper_scans():
    serial = Serial()
    serial.scan("phone-1", where=HUNG_YEN, minutes=1)
    serial.scan("phone-2", network="n2", minutes=2)  # no position: kept as it was
    stats = serial.stats
    assert (stats.last_at, stats.last_lat, stats.last_lon, stats.last_device) == (
        T0 + timedelta(minutes=1),
        *HUNG_YEN,
        "phone-1",
    )
    for half in ({"lat": 21.0}, {"lon": 105.8}):
        facts = replace(_positioned("phone-3", "n3", HA_NOI, 3), lat=None, lon=None)
        result = assess(stats, replace(facts, **half), Rules(), (), None, None)
        assert result.aggregates.last_device == "phone-1"
    assert serial.stats.shopper_scans == 2


# Location evidence: sources, home, tampering and the travel rule's edges.


def _sighting(network, device, province=None, kind="hand", where=None, minutes=0):
    lat, lon = where or (None, None)
    return Sighting(
        T0 + timedelta(minutes=minutes), network, device, province, kind, lat, lon
    )


def _never_too_fast(place, sighting):
    return False


def test_one_source_is_its_networks_and_devices_and_a_position_weighs_more():
    seen = Evidence()
    for sighting in (
        _sighting("n1", "d1", "79"),
        _sighting("n2", "d1", "79", kind="position"),  # the same phone, mobile data
        _sighting("n1", "d2", "79"),  # another phone at that address
        _sighting("n1", "d2", "79"),
        _sighting("n4", "d1", "79"),
        _sighting("n5", "d1", "79"),  # a fourth network: beyond what is kept
        _sighting("n6", "d6", "01"),
        _sighting("n7", "d6", "01"),
    ):
        seen = observe(seen, sighting, ("33",), _never_too_fast)
    first, second = seen.away
    assert (first.province, first.kind) == ("79", "position")
    assert first.networks == ("n1", "n2", "n4")
    assert first.devices == ("d1", "d2")
    assert (second.province, second.kind) == ("01", "hand")
    assert (second.networks, second.devices) == (("n6", "n7"), ("d6",))
    assert (seen.away_sources, seen.positioned_sources) == (2, 1)


def test_the_home_province_is_the_first_in_the_regions_and_tampering_counts():
    seen = Evidence()
    for sighting in (
        _sighting("n1", "d1", None),
        _sighting("n1", "d1", "79"),  # outside the regions: not home
        _sighting("n2", "d2", "33", minutes=1),
        _sighting("n3", "d3", "01", minutes=2),  # home stays the first
    ):
        seen = observe(seen, sighting, ("33", "01"), _never_too_fast)
    assert (seen.home, seen.home_at) == ("33", T0 + timedelta(minutes=1))
    tampered = replace(_sighting("n4", "d4", "33"), tampered=True)
    for _ in range(2):
        seen = observe(seen, tampered, ("33", "01"), _never_too_fast)
    assert seen.tampering == 2


def test_one_phone_moving_between_networks_is_not_two_places_at_once():
    def too_fast(place, here):
        return speed_check(place, here, 30.0, 120.0)

    seen = Evidence()
    seen = observe(seen, _sighting("n1", "a", where=HUNG_YEN), (), too_fast)
    seen = observe(seen, _sighting("n2", "b", where=HUNG_YEN), (), too_fast)
    moved = _sighting("n3", "a", where=HO_CHI_MINH, minutes=1)
    seen = observe(seen, moved, (), too_fast)
    assert seen.conflicts == 1  # with b's place only, not with a's own
    assert seen.places[-1].device == "a"
    again = observe(seen, _sighting("n4", "a", where=HUNG_YEN, minutes=2), (), too_fast)
    assert again.conflicts == 1  # a's own places never conflict; b's is near


def test_the_travel_rule_at_its_exact_edges():
    place = Place(T0, *HUNG_YEN, 1.0, "n1", "a")
    there = Place(T0, *HA_NOI, 0.0, "n2", "b")
    km = distance_km(*HUNG_YEN, *HA_NOI) - 1.0
    assert speed_check(place, there, km, 0.0)  # exactly the least distance judged
    assert not speed_check(place, there, km + 0.001, 0.0)
    # At the same moment the time counts as one minute: exactly the top speed.
    assert not speed_check(place, there, 0.0, km / (1 / 60))
    assert speed_check(place, there, 0.0, km / (1 / 60) - 0.001)


def test_the_first_few_sources_away_are_kept_each_from_its_first_scan():
    seen = Evidence()
    for n in range(MAX_SOURCES + 1):
        sighting = _sighting(f"n{n}", f"d{n}", "79", minutes=n)
        seen = observe(seen, sighting, ("33",), _never_too_fast)
    assert [source.networks for source in seen.away] == [
        (f"n{n}",) for n in range(MAX_SOURCES)
    ]
    again = observe(
        seen, _sighting("n0", "d9", "79", minutes=9), ("33",), _never_too_fast
    )
    assert [source.at for source in again.away] == [
        T0 + timedelta(minutes=n) for n in range(MAX_SOURCES)
    ]


def test_every_conflicting_pair_of_places_counts():
    def too_fast(place, here):
        return speed_check(place, here, 30.0, 120.0)

    seen = Evidence()
    for network, device in (("n1", "a"), ("n2", "b")):
        seen = observe(seen, _sighting(network, device, where=HUNG_YEN), (), too_fast)
    far = _sighting("n3", "c", where=HO_CHI_MINH, minutes=1)
    seen = observe(seen, far, (), too_fast)
    assert (seen.conflicts, seen.common) == (2, ("n3",))  # n3 is in both
    back = _sighting("n4", "d", where=HUNG_YEN, minutes=2)
    assert observe(seen, back, (), too_fast).conflicts == 3


def test_the_speed_between_two_places_is_per_hour_of_time_between():
    place = Place(T0, *HUNG_YEN, 0.0, "n1", "a")
    an_hour_later = Place(T0 + timedelta(hours=1), *HA_NOI, 0.0, "n2", "b")
    km = distance_km(*HUNG_YEN, *HA_NOI)
    assert not speed_check(place, an_hour_later, 0.0, km)  # exactly the top speed
    assert speed_check(place, an_hour_later, 0.0, km - 0.001)


def _doubtful_evidence():
    def always(place, sighting):
        return True

    seen = Evidence()
    for sighting in (
        _sighting("n1", "d1", "33", where=HUNG_YEN),
        _sighting("n2", "d2", "79", kind="position", where=HO_CHI_MINH),
        _sighting("n3", "d3", "01"),
    ):
        seen = observe(seen, sighting, ("33",), always)
    seen = observe(
        seen, replace(_sighting("n4", "d4", "33"), tampered=True), (), always
    )
    assert (seen.away_sources, seen.conflicts, seen.tampering) == (2, 1, 1)
    assert seen.common == ("n1", "n2")
    return seen


def test_a_genuine_finding_clears_the_doubts_but_not_the_history():
    seen = _doubtful_evidence()
    clear = cleared(seen)
    assert (clear.away, clear.conflicts, clear.common, clear.tampering) == (
        (),
        0,
        (),
        0,
    )
    assert (clear.home, clear.home_at, clear.places) == (
        seen.home,
        seen.home_at,
        seen.places,
    )


def test_forgotten_evidence_keeps_counts_and_provinces_but_no_one_in_them():
    seen = _doubtful_evidence()
    old = forgotten(seen)
    assert [(s.province, s.kind, s.at) for s in old.away] == [
        (s.province, s.kind, s.at) for s in seen.away
    ]
    assert [(s.networks, s.devices) for s in old.away] == [
        (("~0",), ("~0",)),
        (("~1",), ("~1",)),
    ]
    assert (old.places, old.common) == ((), ("~",))
    assert (old.home, old.conflicts, old.tampering) == ("33", 1, 1)
    assert forgotten(cleared(seen)).common == ()


def test_evidence_is_stored_and_read_back_unchanged():
    seen = _doubtful_evidence()
    assert Evidence.from_json(seen.to_json()) == seen
    assert Evidence.from_json(None) == Evidence.from_json({}) == Evidence()


# EPCIS: every field of each kind of event the journeys publish.


def test_each_kind_of_journey_event_in_epcis_whole(app):
    batch = factories.batch()
    gtin, lot = batch.product.gtin, batch.lot_code
    harvest = factories.event(
        batch,
        "harvesting",
        when=T0,
        event_type="TransformationEvent",
        action=None,
        latitude=20.65,
        longitude=106.05,
        recorded_at=T0 + timedelta(hours=1),
    )
    packing = factories.event(
        batch,
        "packing",
        when=T0 + timedelta(days=1),
        gln="8930000000017",
        disposition="in_progress",
        recorded_at=T0 + timedelta(days=1, hours=1),
    )
    document = epcis.document(batch, None, T0 + timedelta(days=2))
    assert document["@context"] == [epcis.EPCIS_CONTEXT]
    assert (document["type"], document["schemaVersion"]) == ("EPCISDocument", "2.0")
    assert document["creationDate"] == (T0 + timedelta(days=2)).isoformat()
    lot_class = f"https://id.gs1.org/01/{gtin}/10/{lot}"
    what = [{"epcClass": lot_class, "quantity": batch.quantity, "uom": "H87"}]
    assert document["epcisBody"]["eventList"] == [
        {
            "type": "ObjectEvent",
            "eventID": harvest.event_id,
            "eventTime": T0.isoformat(),
            "eventTimeZoneOffset": "+07:00",
            "recordTime": (T0 + timedelta(hours=1)).isoformat(),
            "bizStep": "urn:ocop-trace:bizstep:harvesting",
            "quantityList": what,
            "action": "ADD",
            "readPoint": {"id": "geo:20.6500,106.0500"},
            "bizLocation": {"id": "geo:20.6500,106.0500"},
            "ilmd": {
                "cbvmda:lotNumber": lot,
                "cbvmda:countryOfOrigin": "VN",
                "cbvmda:itemExpirationDate": batch.expires_on.isoformat(),
            },
        },
        {
            "type": "ObjectEvent",
            "eventID": packing.event_id,
            "eventTime": (T0 + timedelta(days=1)).isoformat(),
            "eventTimeZoneOffset": "+07:00",
            "recordTime": (T0 + timedelta(days=1, hours=1)).isoformat(),
            "bizStep": "packing",
            "quantityList": what,
            "action": "OBSERVE",
            "disposition": "in_progress",
            "readPoint": {"id": "https://id.gs1.org/414/8930000000017"},
            "bizLocation": {"id": "https://id.gs1.org/414/8930000000017"},
        },
    ]
    serial = factories.stamp(batch).serial
    item = epcis.document(batch, serial, T0, [packing])["epcisBody"]["eventList"]
    # The lot's own events stay about the lot; an item's own list the item.
    assert [e.get("epcList") for e in item] == [
        None,
        None,
        [f"https://id.gs1.org/01/{gtin}/10/{lot}/21/{serial}"],
    ]
    assert [e.get("quantityList") for e in item] == [what, what, None]


# The scan API's answer, and its refusals, field by field.


def test_the_scan_answer_field_by_field(client):
    stamp = factories.stamp(factories.batch())
    made = utcnow().replace(microsecond=0) - timedelta(hours=1)
    short = f"https://trace.example.vn/01/{stamp.gtin}/21/{stamp.serial}"  # no lot
    response = scan(
        client,
        stamp,
        code=short,
        lat=20.6512,
        lon=106.0534,
        scanned_at=made.isoformat(),
    )
    assert response.status_code == 201
    data = response.json
    stored = db.session.get(Scan, data["scan_id"])
    assert data.pop("explanations") == {}  # nothing to explain
    assert data == {
        "scan_id": stored.id,
        "verdict": "authentic",
        "reasons": [],
        "notices": [],
        "serial": stamp.serial,
        "gtin": stamp.gtin,
        "lot": stamp.lot,  # from the batch: the code left it out
        "province": "33",
        "scanned_at": made.isoformat(),
        "received_at": stored.scanned_at.isoformat(),
        "made_at": made.isoformat(),
    }
    void = stamp_of("void")
    flagged = scan(client, void, device="phone-bbbb-0002").json
    assert flagged["explanations"] and flagged["reasons"] == ["void"]
    assert flagged["made_at"] is None
    assert flagged["scanned_at"] == flagged["received_at"]


def test_scan_refusals_name_the_fields(client):
    stamp = factories.stamp(factories.batch())
    lone = scan(client, stamp, lat=20.65)  # a latitude without its longitude
    assert lone.status_code == 400
    assert lone.json["error"]["code"] == "invalid_fields"
    assert lone.json["error"]["fields"] == ["body"]
    assert lone.json["error"]["message"].endswith(": body")
    both = client.post("/api/v1/scans", json={"code": "", "device_id": "x"})
    assert both.json["error"]["fields"] == ["code", "device_id"]
    assert both.json["error"]["message"].endswith(": code, device_id")


def test_a_bad_journey_link_is_refused_with_its_code(client):
    response = client.get("/api/v1/traceability/01/12345/10/LOT1")
    assert response.status_code == 400
    assert response.json["error"]["code"]
    assert response.json["error"]["message"]


# Scanning: what the serial's rows remember between scans.


def test_a_households_phones_weigh_one_device(client):
    stamp = factories.stamp(factories.batch())
    for n in range(3):
        body = {"code": stamp.url, "device_id": f"home-phone-000{n}"}
        response = client.post(
            "/api/v1/scans", json=body, environ_base={"REMOTE_ADDR": "203.0.113.7"}
        )
        assert response.status_code == 201
    stats = db.session.scalars(select(SerialStats)).one()
    assert (stats.devices, stats.effective_devices) == (3, 1)


def test_thin_evidence_reaches_staff_once_when_it_appears(client):
    stamp = factories.stamp(factories.batch(regions=("33",)))
    for _ in range(3):
        answer = scan(client, stamp, device="far-phone-0001", province="79")
        assert answer.json["verdict"] == "authentic"  # one source: staff only
    alert = db.session.scalars(select(Alert)).one()
    assert alert.flagged_scans == 1


def test_the_serials_row_keeps_its_first_last_and_positioned_scans(client):
    stamp = factories.stamp(factories.batch())
    scan(client, stamp, device="phone-aaaa-0001", **HUNG_YEN_GPS)
    scan(client, stamp, device="phone-bbbb-0002", province="01")
    first, second = db.session.scalars(select(Scan).order_by(Scan.id)).all()
    stats = db.session.scalars(select(SerialStats)).one()
    assert (stats.first_scan_at, stats.last_scan_at) == (
        first.scanned_at,
        second.scanned_at,
    )
    assert stats.last_position_at == first.scanned_at
    assert stats.last_device_hash == first.device_hash
    assert first.latitude is not None and first.longitude is not None
    assert (stats.last_latitude, stats.last_longitude) == (
        first.latitude,
        first.longitude,
    )
    assert stats.provinces == ["01", "33"] and stats.flags == []


def test_a_pin_claimed_by_one_phone_flags_the_serial_for_every_phone_after(client):
    from webapp.web.scan_context import claim

    issued = factories.stamp(factories.batch(), with_pin=True)
    claimed = claim(factories.stamp_row(issued), issued.pin, "phone-aaaa-0001")
    assert claimed.outcome == "claimed"
    db.session.commit()
    flagged = ("suspicious", ["claimed_elsewhere"])
    other = scan(client, issued, device="phone-bbbb-0002")
    assert (other.json["verdict"], other.json["reasons"]) == flagged
    # Latched: the claimer's own scan no longer lifts it (a human's finding does).
    own = scan(client, issued, device="phone-aaaa-0001")
    assert (own.json["verdict"], own.json["reasons"]) == flagged


def test_devices_counted_before_a_genuine_finding_no_longer_make_duplicates(client):
    from webapp.services.scans.clearance import clear_doubts

    issued = factories.stamp(factories.batch(factories.product(duplicate_threshold=1)))

    def scan_from(n: int):
        body = {"code": issued.url, "device_id": f"far-apart-000{n}"}
        answer = client.post(
            "/api/v1/scans", json=body, environ_base={"REMOTE_ADDR": f"10.{n}.0.9"}
        )
        return answer.json["verdict"], answer.json["reasons"]

    assert scan_from(0) == ("authentic", [])
    assert scan_from(1) == ("suspicious", ["duplicate_scans"])  # two, one allowed
    clear_doubts(db.session, factories.stamp_row(issued).id, utcnow())
    db.session.commit()
    assert scan_from(2) == ("authentic", [])  # one since the finding
    assert scan_from(3) == ("suspicious", ["duplicate_scans"])
    stats = db.session.scalars(select(SerialStats)).one()
    assert (stats.effective_devices, stats.cleared_devices) == (4, 2)


def test_a_serials_row_once_locked_is_as_another_transaction_left_it(app):
    from sqlalchemy.orm import Session

    from webapp.services.scans.scanning import locked_stats

    stamp = factories.stamp_row(factories.stamp(factories.batch()))
    locked_stats(db.session, stamp.id)
    db.session.commit()
    held = db.session.get(SerialStats, stamp.id)  # read before the claim
    assert held.claimed_device_hash is None
    with Session(db.engine) as other:  # a claim by another request meanwhile
        other.execute(
            update(SerialStats)
            .where(SerialStats.stamp_id == stamp.id)
            .values(claimed_device_hash="other-phone")
        )
        other.commit()
    locked = locked_stats(db.session, stamp.id)
    assert locked is held and locked.claimed_device_hash == "other-phone"
    db.session.rollback()


def test_a_province_that_is_not_one_is_not_taken(client):
    stamp = factories.stamp(factories.batch())
    assert scan(client, stamp, province="99").json["province"] is None


def test_a_reloaded_story_shows_the_serials_standing_from_its_scans(client, app):
    issued = factories.stamp(factories.batch())
    for n in range(4):
        body = {"code": issued.url, "device_id": f"crowd-phone-000{n}"}
        client.post(
            "/api/v1/scans", json=body, environ_base={"REMOTE_ADDR": f"10.{n}.0.9"}
        )
    first = record(client, issued, consent="no")
    again = record(client, issued, consent="no")
    assert 'data-verdict="suspicious"' in first.text
    assert 'data-verdict="suspicious"' in again.text
    assert "5 điện thoại khác nhau" in again.text
    assert db.session.scalar(select(func.count(Scan.id))) == 5


def _facts_of(**fields):
    from webapp.services.scans.scanning import ScanRequest, _facts
    from webapp.web.scan_context import privacy_key

    values = dict(
        code="https://trace.example.vn/01/x",
        device_id="phone-aaaa-0001",
        client_address="203.0.113.7",
        at=datetime(2026, 5, 6, 7, 8, 9, tzinfo=UTC),
    )
    return _facts(ScanRequest(**(values | fields)), privacy_key())


def test_a_position_decides_the_province_and_a_contradicting_choice_is_tampering(app):
    chosen = _facts_of(province="01")
    assert (chosen.province, chosen.source, chosen.tampered) == ("01", "hand", False)
    assert (chosen.lat, chosen.lon, chosen.accuracy_km) == (None, None, None)
    nothing = _facts_of(province="99")
    assert (nothing.province, nothing.source, nothing.tampered) == (None, None, False)
    overruled = _facts_of(province="01", lat=20.6512, lon=106.0534, accuracy_m=250)
    assert (overruled.province, overruled.source) == ("33", "position")
    assert overruled.tampered is True
    assert (overruled.lat, overruled.lon, overruled.accuracy_km) == (
        20.65,
        106.05,
        0.25,
    )
    agreed = _facts_of(province="33", **HUNG_YEN_GPS)
    assert (agreed.province, agreed.tampered, agreed.accuracy_km) == ("33", False, None)
    positioned = _facts_of(**HUNG_YEN_GPS)
    assert (positioned.province, positioned.source) == ("33", "position")
    assert positioned.tampered is False
    # Out at sea: the position places the scan in no province, the choice stands.
    offshore = _facts_of(province="01", lat=10.0, lon=115.0)
    assert (offshore.province, offshore.source, offshore.tampered) == (
        "01",
        "hand",
        False,
    )
    assert (offshore.lat, offshore.lon) == (10.0, 115.0)
    for half in ({"lat": 20.6512}, {"lon": 106.0534}):
        alone = _facts_of(province="01", **half)
        assert (alone.province, alone.source, alone.lat, alone.lon) == (
            "01",
            "hand",
            None,
            None,
        )


def test_a_queued_scan_counts_from_when_it_was_made_within_the_queues_limits(app):
    from webapp.services.scans.scanning import MADE_AT_DRIFT, MADE_AT_MAX_AGE

    received = datetime(2026, 5, 6, 7, 8, 9, tzinfo=UTC)
    for made, counted in [
        (received - timedelta(hours=3), received - timedelta(hours=3)),
        (received - MADE_AT_MAX_AGE, received - MADE_AT_MAX_AGE),
        (received + MADE_AT_DRIFT, received + MADE_AT_DRIFT),
        (received - MADE_AT_MAX_AGE - timedelta(seconds=1), received),
        (received + MADE_AT_DRIFT + timedelta(seconds=1), received),
        (datetime(2026, 5, 6, 7), received),  # no time zone: not believed
    ]:
        assert _facts_of(at=received, made_at=made).at == counted, made


def test_a_scan_knows_the_phone_that_claimed_the_pin(app):
    from webapp.web.scan_context import device_hash

    facts = _facts_of(device_id="phone-claim-0001")
    assert facts.device == device_hash("phone-claim-0001")
    assert facts.device != _facts_of(device_id="phone-claim-0002").device
    # The network is hashed apart: the same text as a device is another hash.
    same_text = _facts_of(device_id="203.0.113.7", client_address="203.0.113.7")
    assert same_text.network != same_text.device
    assert _facts_of(device_id="phone-bbbb-0002").network == facts.network
    assert _facts_of(client_address="198.51.100.7").network != facts.network


def test_a_scans_hashes_stay_what_the_serials_rows_already_keep():
    # A serial's rows and stored evidence keep the hashes of the devices and
    # networks already seen, and each new scan is matched against them: hashed
    # otherwise after an upgrade, every household would count again. The
    # recipe is the HMAC-SHA256 of "purpose|value" under the privacy key.
    from webapp.services.scans.scanning import ScanRequest, _facts

    at = datetime(2026, 5, 6, 7, 8, 9, tzinfo=UTC)

    def facts(address):
        request = ScanRequest("/01/x", "phone-aaaa-0001", address, at)
        return _facts(request, "fixed-privacy-key")

    four, six = facts("203.0.113.7"), facts("2001:db8:1234:56ff::1")
    device = "78fb01c11a0b8e5d86cb91356e9907321be45bb233c34bc5125d1c20cea09df0"
    assert four.device == six.device == device  # HMAC of "device|phone-aaaa-0001"
    assert four.network == (  # HMAC of "network|203.0.113.7"
        "55f43bedee5c52cee2c3225e3b0ba4339d21415401983a56a4876827d4bb3b1f"
    )
    assert six.network == (  # HMAC of "network|2001:db8:1234:5600::/56"
        "d9c5137d05ae0eecc89e1cd4bf6d7fd12a9c1dad22ef718760f4a20cb69d292d"
    )


def test_a_link_to_no_single_item_is_refused_naming_the_serial(app):

    from webapp.services.common.errors import DigitalLinkError
    from webapp.services.scans.scanning import ScanRequest, record_scan

    batch = factories.batch()
    code = f"https://trace.example.vn/01/{batch.product.gtin}/10/{batch.lot_code}"
    request = ScanRequest(code, "phone-aaaa-0001", "203.0.113.7", datetime.now(UTC))
    with pytest.raises(DigitalLinkError) as refused:
        record_scan(
            db.session,
            request,
            factories.SETTINGS,
            today_in_vietnam(),
        )
    assert (refused.value.code, refused.value.part, refused.value.value) == (
        "serial_required",
        "serial",
        code,
    )


def test_evidence_stored_before_its_newer_fields_reads_as_none_of_them():
    # Rows written before places, conflicts, shared networks and tampering
    # were kept hold only the home and the provinces away.
    old = Evidence.from_json({"home": "33", "home_at": None, "away": []})
    assert old == Evidence(home="33")
    assert (old.places, old.conflicts, old.common, old.tampering) == ((), 0, (), 0)
    # Any key may be missing from what was stored: it reads as empty.
    assert Evidence.from_json({"home": "33"}) == Evidence(home="33")


def test_detection_thresholds_come_from_the_default_then_the_category_then_the_product(
    app,
):
    from webapp.services.scans.scanning import rules_for

    config = {
        "default": {"max_shopper_devices": 5, "burst_size": 7},
        "categories": {"26": {"max_shopper_devices": 12}},
    }
    food = factories.product(category="07")
    tickets = factories.product(category="26")
    own = factories.product(category="26", duplicate_threshold=40)
    assert rules_for(food, config).max_shopper_devices == 5
    assert rules_for(food, config).burst_size == 7
    assert rules_for(tickets, config).max_shopper_devices == 12
    assert rules_for(tickets, config).burst_size == 7
    assert rules_for(own, config).max_shopper_devices == 40
    assert rules_for(food, {}) == Rules()


def test_a_scan_counts_in_its_producers_week_and_in_every_codes(client):
    from webapp.models import ScanRollup
    from webapp.models.rollups import EVERY_ORGANISATION

    stamp = factories.stamp(factories.batch())
    scan(client, stamp, province="01")
    organisation_id = factories.stamp_row(stamp).batch.product.organisation_id
    rows = db.session.scalars(select(ScanRollup)).all()
    assert sorted(
        (r.organisation_id, r.province_code, r.role, r.scans) for r in rows
    ) == [
        (EVERY_ORGANISATION, "01", "shopper", 1),
        (organisation_id, "01", "shopper", 1),
    ]


def test_a_never_issued_codes_scan_counts_in_every_codes_week_where_it_was_made(
    client,
):
    from webapp.models import ScanRollup
    from webapp.models.rollups import EVERY_ORGANISATION

    gtin = factories.product().gtin
    never = {"code": f"/01/{gtin}/21/7K2P9Q4MXT3B6HC1", "device_id": "phone-zzzz-0001"}
    client.post("/api/v1/scans", json=never | {"province": "79"})
    rows = db.session.scalars(select(ScanRollup)).all()
    assert [(r.organisation_id, r.province_code, r.verdict, r.scans) for r in rows] == [
        (EVERY_ORGANISATION, "79", "counterfeit", 1)
    ]


def test_an_event_recorded_without_an_action_is_published_as_an_observation(app):
    batch = factories.batch()
    recorded = factories.event(batch, "shipping", action=None)
    published = epcis.event(recorded, batch, None)
    assert published["action"] == "OBSERVE" and "ilmd" not in published

"""One page view is one scan: a reload or language switch records nothing new."""

from datetime import datetime, timedelta

from sqlalchemy import func, select

from tests import factories
from tests.conftest import HTMX
from tests.test_scan_pages import factories_client, record
from webapp.extensions import db
from webapp.models import Scan, SerialStats, utcnow
from webapp.services.catalog.resolution import resolve
from webapp.services.common.clock import today_in_vietnam
from webapp.services.scans.detection import Standing
from webapp.services.scans.scanning import (
    ScanOutcome,
    ScanRequest,
    record_scan,
    standing_of,
)
from webapp.services.standards import digital_link


def scans() -> int:
    return db.session.scalar(select(func.count()).select_from(Scan))


def test_a_reload_by_the_same_phone_is_the_same_scan(client, app):
    issued = factories.stamp()
    first = record(client, issued, consent="no")
    english = {**HTMX, "Accept-Language": "en"}
    again = record(client, issued, consent="no", headers=english)
    assert 'data-verdict="authentic"' in first.text
    assert "This code is genuine" in again.text  # the other language, same scan
    assert scans() == 1
    assert db.session.scalars(select(SerialStats)).one().scan_count == 1


def test_another_phone_or_a_later_visit_is_a_new_scan(client, app):
    issued = factories.stamp()
    record(client, issued)
    record(factories_client(app), issued, address="127.0.0.2")
    assert scans() == 2
    for scan in db.session.scalars(select(Scan)):
        scan.scanned_at = utcnow() - timedelta(minutes=11)
    db.session.commit()
    record(client, issued)
    assert scans() == 3


def test_a_repeat_answers_with_the_verdict_as_it_stands_now(client, app):
    issued = factories.stamp()
    assert 'data-verdict="authentic"' in record(client, issued).text
    factories.stamp_row(issued).confirmed_fake_at = utcnow()
    db.session.commit()
    assert 'data-verdict="counterfeit"' in record(client, issued).text
    assert scans() == 1


def test_a_never_issued_code_reloaded_is_one_scan(client, app):
    issued = factories.stamp()
    never = issued.url.replace(issued.serial, "7K2P9Q4MXT3B6HC1")
    for _ in range(2):
        response = record(client, issued, code=never)
    assert 'data-verdict="counterfeit"' in response.text
    assert scans() == 1


def test_a_reload_that_raced_the_first_view_is_still_the_same_scan(
    client, app, monkeypatch
):
    from webapp.services.scans import scanning

    # The look without a lock runs before the first view is stored (two
    # requests at once): the look under the serial's lock must find it.
    monkeypatch.setattr(scanning, "_repeat", lambda *args: None)
    issued = factories.stamp()
    first = record(client, issued, consent="no")
    again = record(client, issued, consent="no")
    assert 'data-verdict="authentic"' in first.text
    assert 'data-verdict="authentic"' in again.text
    assert scans() == 1
    assert db.session.scalars(select(SerialStats)).one().scan_count == 1


def test_a_forged_lot_on_a_genuine_serial_is_no_reload_of_the_genuine_scan(client, app):
    issued = factories.stamp()
    forged = issued.url.replace(f"/10/{issued.lot}/", "/10/FORGED1/")
    assert forged != issued.url
    assert 'data-verdict="authentic"' in record(client, issued, consent="no").text
    # Same GTIN and serial as the scan just made, but a code we never issued.
    again = record(client, issued, code=forged, consent="no")
    assert 'data-verdict="counterfeit"' in again.text
    assert scans() == 2


def page_view(code: str, at: datetime, key: str | None = None):
    """The story page's scan of `code` at `at`, as the phone's queue may send it."""
    request = ScanRequest(
        code,
        "phone-aaaa-0001",
        "203.0.113.7",
        at,
        idempotency_key=key,
        repeat_window=timedelta(minutes=10),
    )
    outcome: ScanOutcome = record_scan(
        db.session, request, factories.SETTINGS, today_in_vietnam()
    )
    db.session.commit()
    return outcome


def test_a_resent_page_view_is_the_scan_its_key_recorded_not_the_latest(app):
    issued = factories.stamp()
    start = utcnow() - timedelta(minutes=30)
    queued = page_view(issued.url, start, key="queued-key-0001")
    factories.stamp_row(issued).confirmed_fake_at = utcnow()
    db.session.commit()
    # A new page view, past the first one's window, by the same phone.
    later = page_view(issued.url, start + timedelta(minutes=11))
    assert (later.replayed, later.verdict) == (False, "counterfeit")
    resent = page_view(issued.url, start + timedelta(minutes=12), key="queued-key-0001")
    assert resent.replayed
    assert resent.scan.id == queued.scan.id != later.scan.id
    assert (resent.verdict, resent.reasons) == ("authentic", [])
    assert resent.stats.scan_count == 2  # the serial's rows as they are now
    assert scans() == 2


def test_a_page_view_and_its_reload_carry_the_serials_rows_and_standing(app):
    issued = factories.stamp()
    start = utcnow() - timedelta(minutes=5)
    first = page_view(issued.url, start)
    assert (first.replayed, first.stats.scan_count) == (False, 1)
    assert (first.standing.verdict, first.standing.reasons) == ("authentic", [])
    factories.stamp_row(issued).confirmed_fake_at = utcnow()
    db.session.commit()
    again = page_view(issued.url, start + timedelta(minutes=1))
    assert again.replayed and again.scan.id == first.scan.id
    assert (again.verdict, again.stats.scan_count) == ("counterfeit", 1)
    assert again.standing.reasons == again.reasons == ["confirmed_fake"]


def test_a_never_issued_codes_page_view_and_its_reload(app):
    never = f"/01/{factories.product().gtin}/21/7K2P9Q4MXT3B6HC1"
    start = utcnow() - timedelta(minutes=5)
    first = page_view(never, start)
    assert (first.replayed, first.stats) == (False, None)
    assert first.standing.reasons == first.reasons == ["unknown_code"]
    again = page_view(never, start + timedelta(minutes=1))
    assert again.replayed is True and again.scan.id == first.scan.id
    assert (again.verdict, again.reasons) == ("counterfeit", ["unknown_code"])


def test_a_reload_that_raced_the_first_view_carries_the_standing_now(app, monkeypatch):
    from webapp.services.scans import scanning

    monkeypatch.setattr(scanning, "_repeat", lambda *args: None)
    issued = factories.stamp()
    start = utcnow() - timedelta(minutes=5)
    first = page_view(issued.url, start)
    factories.stamp_row(issued).confirmed_fake_at = utcnow()
    db.session.commit()
    again = page_view(issued.url, start + timedelta(minutes=1))
    assert again.replayed is True and again.scan.id == first.scan.id
    assert (again.verdict, again.reasons) == ("counterfeit", ["confirmed_fake"])
    assert again.standing.verdict == "counterfeit"
    assert again.stats.scan_count == 1


def scanned_far_away(client, url: str) -> None:
    """Two phones in Ho Chi Minh City, far from a Hưng Yên lot's regions."""
    for n in range(2):
        body = {"code": url, "device_id": f"far-phone-000{n}"}
        client.post(
            "/api/v1/scans",
            json=body | {"lat": 10.7769, "lon": 106.7009},
            environ_base={"REMOTE_ADDR": f"10.{n}.0.9"},
        )


def test_a_raced_reload_is_judged_with_the_batchs_regions(client, app, monkeypatch):
    from webapp.services.scans import scanning

    issued = factories.stamp(factories.batch(regions=("33",)))
    scanned_far_away(client, issued.url)
    monkeypatch.setattr(scanning, "_repeat", lambda *args: None)
    start = utcnow() - timedelta(minutes=5)
    first = page_view(issued.url, start)
    again = page_view(issued.url, start + timedelta(minutes=1))
    assert again.replayed and again.scan.id == first.scan.id
    assert (again.verdict, again.reasons) == ("suspicious", ["out_of_region"])


def test_a_reload_is_judged_with_the_batchs_regions(client, app):
    issued = factories.stamp(factories.batch(regions=("33",)))
    scanned_far_away(client, issued.url)
    start = utcnow() - timedelta(minutes=5)
    first = page_view(issued.url, start)
    again = page_view(issued.url, start + timedelta(minutes=1))
    assert again.replayed and again.scan.id == first.scan.id
    assert (again.verdict, again.reasons) == ("suspicious", ["out_of_region"])


def test_the_standing_of_a_code_naming_no_issued_stamp_is_its_codes_reasons(app):
    issued = factories.stamp()
    codes = {
        "unknown_code": f"/01/{issued.gtin}/21/7K2P9Q4MXT3B6HC1",
        "bad_check": issued.url.replace(f"/10/{issued.lot}/", "/10/FORGED1/"),
    }
    for reason, code in codes.items():
        link = digital_link.parse(code)
        keys = factories.SETTINGS.stamp_keys
        resolution = resolve(db.session, link, keys, today_in_vietnam(), story=False)
        assert resolution.subject is None and resolution.stamp_id is None
        rules = factories.SETTINGS.detection_rules
        judged = standing_of(resolution, None, rules)
        assert judged == Standing("counterfeit", [reason], [], [])


def test_a_reload_answers_while_another_scan_holds_the_serials_lock(app, engine):
    from sqlalchemy.orm import Session

    from tests.test_scan_store_service import _give_up_waiting
    from webapp.services.scans.scan_store import lock_aggregates

    issued = factories.stamp()
    start = utcnow() - timedelta(minutes=5)
    first = page_view(issued.url, start)
    db.session.close()
    reload = ScanRequest(
        issued.url,
        "phone-aaaa-0001",
        "203.0.113.7",
        start + timedelta(minutes=1),
        repeat_window=timedelta(minutes=10),
    )
    # Another shopper's scan of the same serial is being recorded: its
    # transaction holds the serial's row. A reload writes nothing, so it
    # neither waits for that lock nor takes it.
    with Session(db.engine) as holder, Session(db.engine) as reader:
        lock_aggregates(holder, first.scan.stamp_id)
        _give_up_waiting(reader, engine)
        again = record_scan(reader, reload, factories.SETTINGS, today_in_vietnam())
        assert again.replayed and again.scan.id == first.scan.id
        assert (again.verdict, again.stats.scan_count) == ("authentic", 1)
        reader.rollback()
        holder.rollback()

"""One page view is one scan: a reload or language switch records nothing new."""

from datetime import timedelta

from sqlalchemy import func, select

from tests import factories
from tests.conftest import HTMX
from tests.test_scan_pages import factories_client, record
from webapp.extensions import db
from webapp.models import Scan, SerialStats, utcnow


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

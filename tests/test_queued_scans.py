"""Scans a phone queued offline keep who made them and when they were made."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import HTMX
from webapp.extensions import db
from webapp.models import Scan
from webapp.services.scans.scanning import believable_made_at

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def queued(client, stamp, **form):
    data = {"code": stamp.url, "consent": "no", "idempotency_key": "queued-0001"}
    return client.post("/scan/record", data={**data, **form}, headers=HTMX)


def test_a_staff_scan_without_their_session_is_refused_not_counted(client, app):
    stamp = factories.stamp()
    answer = queued(client, stamp, role="inspector")
    assert answer.status_code == 403 and "Chỉ cán bộ kiểm tra" in answer.text
    assert db.session.scalars(select(Scan)).first() is None


def test_an_inspectors_queued_scan_is_recorded_as_theirs(client, app):
    stamp = factories.stamp()
    factories.sign_in(client, factories.user("inspector"))
    made = datetime.now(UTC) - timedelta(hours=3)
    answer = queued(client, stamp, role="inspector", made_at=made.isoformat())
    assert answer.status_code == 200
    scan = db.session.scalars(select(Scan)).one()
    assert (scan.role, scan.made_at) == ("inspector", made)
    assert scan.scanned_at > made  # detection goes by when it arrived


def test_a_story_opened_by_signed_in_staff_records_their_role(client, app):
    stamp = factories.stamp()
    factories.sign_in(client, factories.user("inspector"))
    page = client.get(factories.path_of(stamp))
    assert '<input type="hidden" name="role" value="inspector">' in page.text
    anonymous = client.application.test_client().get(factories.path_of(stamp))
    assert 'name="role"' not in anonymous.text


@pytest.mark.parametrize(
    "claimed, believed",
    [(NOW - timedelta(days=2), True),
     (NOW + timedelta(minutes=4), True),
     (NOW + timedelta(hours=1), False),
     (NOW - timedelta(days=31), False),
     (datetime(2026, 12, 1, 7, 0), False)],  # no time zone
)  # fmt: skip
def test_a_claimed_scan_time_is_believed_only_within_bounds(claimed, believed):
    assert (believable_made_at(claimed, NOW) == claimed) is believed


@pytest.mark.parametrize("made_at", ["yesterday", "", "2026-13-01T00:00:00Z"])
def test_an_unreadable_scan_time_is_left_out(client, app, made_at):
    answer = queued(client, factories.stamp(), made_at=made_at)
    assert answer.status_code == 200
    assert db.session.scalars(select(Scan)).one().made_at is None


def test_the_api_takes_and_answers_the_time_a_scan_was_made(client, app):
    stamp = factories.stamp()
    made = datetime.now(UTC) - timedelta(minutes=20)
    body = {
        "code": stamp.url,
        "device_id": "queued-phone-1",
        "made_at": made.isoformat(),
    }
    answer = client.post("/api/v1/scans", json=body)
    assert answer.status_code == 201
    assert datetime.fromisoformat(answer.json["made_at"]) == made


def test_the_queue_sends_when_the_scan_was_made_as_scanned_at(client, app):
    made = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    answer = queued(client, factories.stamp(), scanned_at=made.isoformat())
    assert answer.status_code == 200
    assert db.session.scalars(select(Scan)).one().made_at == made


def test_a_never_issued_code_queued_and_sent_again_reads_counterfeit_both_times(
    client, app
):
    stamp = factories.stamp()
    never = stamp.url.split("/21/")[0] + "/21/7K2P9Q4MXT3B6HC1"
    first = queued(client, stamp, code=never)
    again = queued(client, stamp, code=never)
    for answer in (first, again):
        assert answer.status_code == 200
        assert 'data-verdict="counterfeit"' in answer.text
    assert len(db.session.scalars(select(Scan)).all()) == 1

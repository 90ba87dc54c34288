"""Many scans of one serial at once lose no update (row lock on PostgreSQL)."""

import threading
import time

import pytest
from sqlalchemy import func, select, text

from tests import factories
from webapp.extensions import db
from webapp.models import Scan, SerialDevice, SerialStats
from webapp.models.types import utcnow
from webapp.services.scans.scanning import ScanRequest, record_scan

THREADS = 12
SCANS_EACH = 5


# SQLite serialises writers itself; the row lock is what matters on PostgreSQL.
@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_concurrent_scans_of_one_serial_all_count(app):
    issued = factories.stamp()
    errors = []

    def shopper(n: int) -> None:
        with app.app_context():
            try:
                for i in range(SCANS_EACH):
                    request = ScanRequest(
                        code=issued.url,
                        device_id=f"phone-{n:04d}-{i % 2}",
                        client_address=f"10.0.{n}.1",
                        at=utcnow(),
                    )
                    record_scan(
                        db.session, request, factories.SETTINGS, utcnow().date()
                    )
                    db.session.commit()
            except Exception as error:  # surfaced below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=shopper, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    stats = db.session.scalars(select(SerialStats)).one()
    assert stats.scan_count == THREADS * SCANS_EACH
    assert stats.devices == THREADS * 2
    assert (
        db.session.scalar(select(func.count()).select_from(SerialDevice)) == THREADS * 2
    )
    assert (
        db.session.scalar(select(func.count()).select_from(Scan))
        == THREADS * SCANS_EACH
    )


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
@pytest.mark.parametrize("known", [True, False], ids=["issued", "never-issued"])
def test_one_idempotency_key_sent_at_once_answers_the_first_scan(app, known):
    issued = factories.stamp()
    db.session.commit()
    unknown = factories.BASE_URL + f"/01/{issued.gtin}/21/NOTISSUED123"
    code = issued.url if known else unknown
    start = threading.Barrier(3)
    answers = []

    def phone() -> None:
        with app.app_context():
            client = app.test_client()
            start.wait()
            response = client.post(
                "/api/v1/scans",
                json={
                    "code": code,
                    "device_id": "phone-queue-0001",
                    "idempotency_key": "queued-scan-0001",
                },
            )
            answers.append((response.status_code, response.get_json()))
            db.session.remove()

    threads = [threading.Thread(target=phone) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(status for status, _ in answers)
    assert statuses == [200, 200, 201], answers
    assert len({body["scan_id"] for _, body in answers}) == 1
    assert len({body["verdict"] for _, body in answers}) == 1
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(Scan)) == 1


def _scan(app, code: str, device: str, outcomes: list, errors: list) -> None:
    with app.app_context():
        try:
            request = ScanRequest(
                code=code, device_id=device, client_address="10.0.9.1", at=utcnow()
            )
            outcomes.append(
                record_scan(db.session, request, factories.SETTINGS, utcnow().date())
            )
            db.session.commit()
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            db.session.remove()


def _waiting_for_a_lock() -> bool:
    """True once another connection of this database waits for a row lock."""
    with db.engine.connect() as connection:
        waiting = connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND datname = current_database()"
            )
        ).scalar_one()
    return waiting > 0


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_scan_that_waited_for_the_lock_reads_the_serial_again_under_it(app):
    """The lookup reads the device's row in its snapshot, taken before the lock
    was granted: a scan committed meanwhile by the same phone must be seen."""
    issued = factories.stamp()
    db.session.commit()
    holder = ScanRequest(
        code=issued.url,
        device_id="phone-same-0001",
        client_address="10.0.9.1",
        at=utcnow(),
    )
    record_scan(db.session, holder, factories.SETTINGS, utcnow().date())  # locked
    outcomes: list = []
    errors: list = []
    waiter = threading.Thread(
        target=_scan, args=(app, issued.url, "phone-same-0001", outcomes, errors)
    )
    waiter.start()
    try:
        deadline = time.monotonic() + 30
        while not _waiting_for_a_lock() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _waiting_for_a_lock()
        db.session.commit()  # the first scan, with the phone's device row
    finally:
        db.session.rollback()  # nothing left to roll back once committed
        waiter.join(timeout=30)
    assert not waiter.is_alive()
    assert errors == []
    db.session.remove()
    stats = db.session.scalars(select(SerialStats)).one()
    assert (stats.scan_count, stats.devices) == (2, 1)
    assert db.session.scalar(select(func.count()).select_from(SerialDevice)) == 1
    assert outcomes[0].verdict == "authentic"

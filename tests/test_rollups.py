"""Dashboards read daily rollups: the same numbers as counting the raw scans."""

import threading
from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import case, delete, func, select

from tests import factories
from webapp.extensions import db
from webapp.models import Alert, Batch, Case, Product, Scan, ScanRollup, Stamp
from webapp.models.rollups import EVERY_ORGANISATION
from webapp.models.types import utcnow
from webapp.services.common.clock import VIETNAM, today_in_vietnam
from webapp.services.programme import progress
from webapp.services.scans import rollups
from webapp.services.scans.scanning import ScanRequest, record_scan


def _scan(code: str, at: datetime, device: str, province=None, role="shopper"):
    request = ScanRequest(
        code=code,
        device_id=device,
        client_address="10.9.0.1",
        at=at,
        role=role,
        province=province,
    )
    record_scan(db.session, request, factories.SETTINGS, at.date())
    db.session.commit()


@pytest.fixture
def history():
    """Scans of two producers' codes and a never-issued one, on both sides of
    midnight, of a Monday and of the dashboards' window, in Vietnam time."""
    today = today_in_vietnam()
    start = progress.window_start(today)
    monday = datetime.combine(
        today - timedelta(days=today.weekday()), datetime.min.time(), VIETNAM
    )
    second = 1
    moments = [
        start - timedelta(seconds=second),  # a Sunday night, before the window
        start,
        start + timedelta(days=3, hours=16, minutes=59, seconds=59),
        monday - timedelta(seconds=second),  # last Sunday 23:59:59
        monday,
        monday + timedelta(hours=23, minutes=59, seconds=59),
        monday + timedelta(days=1),
    ]
    ours, theirs = factories.organisation(), factories.organisation()
    own = factories.stamps(factories.batch(factories.product(ours)), 3)
    other = factories.stamp(factories.batch(factories.product(theirs)))
    unknown = own[0].url.replace(own[0].serial, "NOSUCHSERIAL1")
    n = 0
    for at in moments:
        for code, province, role in [
            (own[0].url, "33", "shopper"),
            (own[1].url, "01", "shopper"),
            (own[2].url, None, "shopper"),
            (other.url, "33", "shopper"),
            (other.url, "79", "inspector"),
            (unknown, "33", "shopper"),
        ]:
            n += 1
            _scan(code, at.astimezone(VIETNAM), f"phone-{n:05d}", province, role)
    return today, ours.id, theirs.id


def _raw_weekly(session, today, organisation_id=None):
    """The dashboards' weekly shopper scans as counted from raw scans."""
    since = progress.window_start(today)
    starts = [since.date() + timedelta(weeks=n) for n in range(progress.WEEKS)]
    query = select(Scan.scanned_at).where(
        Scan.role == "shopper", Scan.scanned_at >= since
    )
    if organisation_id is not None:
        query = query.where(Scan.stamp_id.in_(_stamps_of(organisation_id)))
    days = (at.astimezone(VIETNAM).date() for at in session.scalars(query))
    weeks = Counter(day - timedelta(days=day.weekday()) for day in days)
    return [weeks[start] for start in starts]


def _raw_by_province(session, since, organisation_id=None):
    query = (
        select(
            Scan.province_code,
            func.count(Scan.id),
            func.sum(case((Scan.verdict != "authentic", 1), else_=0)),
        )
        .where(
            Scan.role == "shopper",
            Scan.scanned_at >= since,
            Scan.province_code.is_not(None),
        )
        .group_by(Scan.province_code)
        .order_by(func.count(Scan.id).desc(), Scan.province_code)
    )
    if organisation_id is not None:
        query = query.where(Scan.stamp_id.in_(_stamps_of(organisation_id)))
    return [(code, n, int(flagged or 0)) for code, n, flagged in session.execute(query)]


def _stamps_of(organisation_id):
    return (
        select(Stamp.id)
        .join(Batch, Stamp.batch_id == Batch.id)
        .join(Product, Batch.product_id == Product.id)
        .where(Product.organisation_id == organisation_id)
    )


def _raw_rollup(session) -> Counter:
    rows = session.execute(
        select(Scan.scanned_at, Scan.province_code, Product.organisation_id,
               Scan.role, Scan.verdict)
        .outerjoin(Stamp, Scan.stamp_id == Stamp.id)
        .outerjoin(Batch, Stamp.batch_id == Batch.id)
        .outerjoin(Product, Batch.product_id == Product.id)
    )  # fmt: skip
    counted = Counter()
    for at, province, organisation_id, role, verdict in rows:
        for owner in {EVERY_ORGANISATION, organisation_id or EVERY_ORGANISATION}:
            week = rollups.week_of(at)
            counted[(owner, week, province or "", role, verdict)] += 1
    return counted


def _stored_rollup(session) -> Counter:
    return Counter(
        {
            (r.organisation_id, r.week, r.province_code, r.role, r.verdict): r.scans
            for r in session.scalars(select(ScanRollup))
        }
    )


def test_rollups_counted_as_scans_arrive_match_the_raw_scans(app, history):
    assert db.session.scalar(select(func.count()).select_from(Scan)) == 42
    assert _stored_rollup(db.session) == _raw_rollup(db.session)


def test_dashboard_numbers_equal_the_raw_count(app, history):
    today, ours, theirs = history
    since = progress.window_start(today)
    for organisation_id in (None, ours, theirs):
        weeks = progress.weekly(db.session, today, organisation_id=organisation_id)
        assert [w.scans for w in weeks] == _raw_weekly(
            db.session, today, organisation_id
        )
        assert progress.by_province(
            db.session, since, organisation_id
        ) == _raw_by_province(db.session, since, organisation_id)
    weeks = progress.weekly(db.session, today)
    # The window's first Monday 00:00 is in, the Sunday before is not; last
    # Sunday 23:59:59 is last week, this Monday 00:00 this week.
    assert weeks[0].scans == 2 * 5 and weeks[-1].scans == 3 * 5
    assert weeks[-2].scans == 5


def test_catch_up_recounts_a_bounded_range_of_weeks(app, history):
    today, _ours, _theirs = history
    expected = _stored_rollup(db.session)
    db.session.execute(delete(ScanRollup))
    db.session.commit()
    written = rollups.rebuild(db.session, today - timedelta(days=400), today)
    db.session.commit()
    assert written == len(expected)
    assert _stored_rollup(db.session) == expected
    # A recount of the last two days touches only the weeks holding them.
    db.session.execute(
        ScanRollup.__table__.update().values(scans=ScanRollup.scans + 100)
    )
    db.session.commit()
    tomorrow = today + timedelta(days=1)
    rollups.catch_up(db.session, tomorrow)
    db.session.commit()
    recent = {rollups.week_of(_noon(today)), rollups.week_of(_noon(tomorrow))}
    stored = _stored_rollup(db.session)
    for key, scans in expected.items():
        assert stored[key] == scans + (0 if key[1] in recent else 100), key


def _noon(day):
    return datetime.combine(day, datetime.min.time(), VIETNAM) + timedelta(hours=12)


def test_scans_the_retention_job_deleted_still_count(app, history):
    from webapp.services.scans.retention import prune_scans

    today, _ours, _theirs = history
    before = progress.weekly(db.session, today)
    pruned = prune_scans(db.session, utcnow() + timedelta(days=30), 1)
    db.session.commit()
    assert pruned.scans == 42
    assert progress.weekly(db.session, today) == before


def test_alert_weeks_still_come_from_alerts(app, history):
    today, ours, _theirs = history
    raised = db.session.scalars(select(Alert.raised_at)).all()
    weeks = progress.weekly(db.session, today)
    assert sum(w.alerts for w in weeks) == len(
        [at for at in raised if at >= progress.window_start(today)]
    )
    own = progress.weekly(db.session, today, organisation_id=ours)
    own_alerts = db.session.scalar(
        select(func.count(Alert.id))
        .join(Case, Alert.case_id == Case.id)
        .where(
            Case.stamp_id.in_(_stamps_of(ours)),
            Alert.raised_at >= progress.window_start(today),
        )
    )
    assert sum(w.alerts for w in own) == own_alerts


def test_the_command_recounts_only_weeks_whose_scans_are_kept(
    app, history, monkeypatch
):
    today, _ours, _theirs = history
    expected = _stored_rollup(db.session)
    db.session.execute(delete(ScanRollup))
    db.session.commit()
    factories.change_settings(monkeypatch, app, scan_retention_days=30)
    result = app.test_cli_runner().invoke(args=["rollups", "rebuild"])
    assert result.exit_code == 0, result.output
    # The first whole week after the cutoff (30 days ago) onward.
    cutoff = today - timedelta(days=30)
    first = cutoff + timedelta(days=7 - cutoff.weekday())
    this_week = today - timedelta(days=today.weekday())
    assert f"Recounted the weeks of {first.isoformat()} to " in result.output
    assert _stored_rollup(db.session) == Counter(
        {key: n for key, n in expected.items() if first <= key[1] <= this_week}
    )
    result = app.test_cli_runner().invoke(args=["rollups", "rebuild", "--days", "2"])
    yesterday = today - timedelta(days=1)
    monday = yesterday - timedelta(days=yesterday.weekday())
    assert f"Recounted the weeks of {monday.isoformat()} to " in result.output


# SQLite writes one transaction at a time; PostgreSQL is where they interleave.
@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_scans_racing_a_recount_are_each_counted_once(app):
    batch = factories.batch(regions=("33",))
    codes = [issued.url for issued in factories.stamps(batch, 6)]
    today = today_in_vietnam()
    errors = []

    def phone(n: int, code: str) -> None:
        with app.app_context():
            try:
                for i in range(5):
                    _scan(code, utcnow(), f"race-{n}-{i}", "33")
            except Exception as error:  # surfaced below
                errors.append(error)
            finally:
                db.session.remove()

    def recounts() -> None:
        with app.app_context():
            try:
                while not done.is_set():
                    rollups.catch_up(db.session, today)
                    db.session.commit()
            except Exception as error:  # surfaced below
                errors.append(error)
            finally:
                db.session.remove()

    done = threading.Event()
    phones = [threading.Thread(target=phone, args=pair) for pair in enumerate(codes)]
    recounting = threading.Thread(target=recounts)
    for thread in [*phones, recounting]:
        thread.start()
    for thread in phones:
        thread.join()
    done.set()
    recounting.join()
    assert errors == []
    assert db.session.scalar(select(func.count()).select_from(Scan)) == 30
    assert _stored_rollup(db.session) == _raw_rollup(db.session)

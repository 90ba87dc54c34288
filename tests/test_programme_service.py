"""The programme's shares and coverage lines, computed directly."""

from __future__ import annotations

from datetime import UTC, datetime

from tests import factories
from webapp.models import TrainingAttendance, TrainingSession
from webapp.services.programme import coverage, progress


def _trained(session, *organisations) -> None:
    held = TrainingSession(
        held_on=factories.days_ago(3), title="Tập huấn", place="Hưng Yên",
        province_code="33",
    )  # fmt: skip
    held.attendees = [TrainingAttendance(organisation=org) for org in organisations]
    session.add(held)
    session.flush()


def test_producers_trained_counts_each_named_sector_producer_once(db_session):
    food, farm = factories.organisation(), factories.organisation(sector="agriculture")
    other = factories.organisation(sector="other")  # outside the plan's sectors
    factories.organisation()  # not trained
    _trained(db_session, food, other)
    _trained(db_session, food)
    share = progress.producers_trained(db_session)
    assert (share.done, share.total) == (1, 3)
    assert round(share.ratio, 3) == 0.333
    lines = {line.code: line for line in coverage.training_by_sector(db_session)}
    assert (lines["food"].done, len(lines["food"].missing)) == (1, 1)
    assert lines["agriculture"].missing == [farm]
    assert "other" not in lines
    summed = coverage.total(list(lines.values()), coverage.TRAINING_TARGETS)
    assert (summed.done, summed.total) == (1, 3)


def test_an_empty_programme_shares_nothing(db_session):
    share = progress.producers_trained(db_session)
    assert (share.done, share.total, share.ratio) == (0, 0, 0.0)


def test_a_target_may_be_reached_or_must_be_passed():
    half = coverage.Line("x", ((2025, 0.5, True), (2026, 0.5, False)), done=1)
    half.count(False, "missing one")
    assert half.ratio == 0.5
    assert half.met() == [(2025, 0.5, False), (2026, 0.5, True)]


def test_complete_products_share_and_lines_by_kind(db_session):
    now = datetime.now(UTC)
    complete = factories.product(image_path="img/products/long-nhan.svg")
    factories.event(factories.batch(complete), "packing")
    bare = factories.essential_good(image_path=None)
    share, rows = progress.products_with_complete_data(db_session, now)
    assert (share.done, share.total) == (1, 2)
    kinds = {line.code: line for line in coverage.by_kind(rows)}
    assert (kinds["ocop"].done, kinds["essential"].missing) == (1, [bare])
    sectors = {line.code: line for line in coverage.by_sector(rows)}
    assert set(sectors) == {"food", "agriculture"}

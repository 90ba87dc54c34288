"""Cases called directly: opening, alerts, who sees them, status, clusters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests import factories
from webapp.models import Report
from webapp.services.casework import cases
from webapp.services.casework.cases import CaseError

AT = datetime.now(UTC)


def _stamp_row(batch=None):
    return factories.stamp_row(factories.stamp(batch or factories.batch()))


def _provinces(case) -> dict[str, str]:
    return {p.province_code: p.source for p in case.provinces}


def test_one_open_case_per_serial_with_the_makers_province(db_session):
    stamp = _stamp_row()
    first = cases.open_case(db_session, stamp, stamp.batch)
    db_session.flush()
    assert cases.open_case(db_session, stamp, stamp.batch) is first
    assert _provinces(first) == {"33": "maker"}
    first.status = "dismissed"
    db_session.flush()
    assert cases.open_case(db_session, stamp, stamp.batch) is not first


def test_a_batch_case_is_not_a_serial_case(db_session):
    stamp = _stamp_row()
    serial_case = cases.open_case(db_session, stamp, stamp.batch)
    db_session.flush()
    batch_case = cases.open_case(db_session, None, stamp.batch)
    assert batch_case is not serial_case
    assert batch_case.stamp is None


def test_raise_alert_keeps_the_worst_verdict_and_counts_scans(db_session):
    stamp = _stamp_row()
    alert = cases.raise_alert(db_session, stamp, "suspicious", ["duplicate"], None, AT)
    db_session.flush()
    later = AT + timedelta(hours=1)
    again = cases.raise_alert(
        db_session, stamp, "authentic", ["out_of_region"], "01", later
    )
    assert again is alert
    assert alert.verdict == "suspicious"  # never lowered by a milder scan
    assert alert.reasons == ["duplicate", "out_of_region"]
    assert alert.flagged_scans == 2
    assert alert.case.severity == cases.SEVERITY["suspicious"]
    assert _provinces(alert.case) == {"33": "maker", "01": "scans"}
    cases.raise_alert(db_session, stamp, "counterfeit", ["duplicate"], "04", later)
    assert alert.verdict == "counterfeit" and alert.case.severity == 3
    assert "04" not in _provinces(alert.case)  # not a location reason


def test_add_provinces_keeps_the_strongest_grounds(db_session):
    case = cases.open_case(db_session, _stamp_row(), None)
    cases.add_provinces(case, ["01"], "claimed")
    cases.add_provinces(case, ["01"], "scans")
    cases.add_provinces(case, ["01"], "claimed")
    cases.add_provinces(case, ["33"], "scans")  # the maker's stays
    assert _provinces(case) == {"33": "maker", "01": "scans"}


def test_a_report_on_an_unknown_code_brings_its_province_only(db_session):
    report = Report(
        reference="R-TEST-1", code_text="x", province_code="01", place="Chợ",
        created_at=AT,
    )  # fmt: skip
    db_session.add(report)
    case = cases.attach_report(db_session, report, None, None)
    assert report.case is case
    assert _provinces(case) == {"01": "report"}
    assert case.severity == cases.SEVERITY["report"]


def test_who_sees_a_case(db_session):
    batch = factories.batch()
    case = cases.open_case(db_session, _stamp_row(batch), batch)
    db_session.flush()
    maker = factories.user("producer", org=batch.product.organisation)
    other_maker = factories.user("producer", org=factories.organisation())
    here, elsewhere = factories.user("inspector"), factories.user(provinces=("01",))
    admin = factories.user("admin")
    seen = {u.email: cases.can_see(db_session, u, case) for u in (
        maker, other_maker, here, elsewhere, admin)}  # fmt: skip
    assert seen == {
        maker.email: True, other_maker.email: False, here.email: True,
        elsewhere.email: False, admin.email: True,
    }  # fmt: skip
    assert cases.visible_case(db_session, elsewhere, case.id) is None
    assert cases.visible_case(db_session, here, case.id) is case
    assert cases.visible_case(db_session, admin, case.id + 1000) is None
    cases.add_provinces(case, ["01"], "claimed")  # a claim shows nothing
    db_session.flush()
    assert not cases.can_see(db_session, elsewhere, case)


def test_status_changes_need_a_known_status_and_a_note_to_close(db_session):
    case = cases.open_case(db_session, _stamp_row(), None)
    db_session.flush()
    inspector = factories.user()
    with pytest.raises(CaseError) as caught:
        cases.change_status(db_session, case, inspector, "closed", "x")
    assert (caught.value.code, caught.value.field) == ("unknown_status", "status")
    with pytest.raises(CaseError) as caught:
        cases.change_status(db_session, case, inspector, "dismissed", "  ")
    assert (caught.value.code, caught.value.field) == ("note_required", "note")
    assert cases.change_status(db_session, case, inspector, "investigating", "")
    assert case.assigned_to is inspector
    assert not cases.change_status(db_session, case, inspector, "investigating", "")
    assert cases.change_status(db_session, case, inspector, "dismissed", " dup ")
    assert case.outcome_note == "dup"
    assert not cases.change_status(db_session, case, inspector, "dismissed", "dup")
    db_session.flush()
    actions = [(e.action, e.details["after"]) for e in cases.history(db_session, case)]
    assert actions == [("case.status", "dismissed"), ("case.status", "investigating")]


def test_hand_over(db_session):
    case = cases.open_case(db_session, _stamp_row(), None)
    db_session.flush()
    inspector = factories.user()
    with pytest.raises(CaseError) as caught:
        cases.hand_over(db_session, case, inspector, "99", True)
    assert caught.value.code == "unknown_province"
    assert not cases.hand_over(db_session, case, inspector, "33", True)  # maker's
    assert cases.hand_over(db_session, case, inspector, "01", False)
    assert _provinces(case)["01"] == "scans"
    assert not cases.hand_over(db_session, case, inspector, "01", False)
    assert cases.hand_over(db_session, case, inspector, "01", True)
    assert _provinces(case)["01"] == "inspector"


def test_assign(db_session):
    case = cases.open_case(db_session, _stamp_row(), None)
    db_session.flush()
    inspector = factories.user()
    assert cases.assign(db_session, case, inspector)
    assert (case.status, case.assigned_to) == ("investigating", inspector)
    assert not cases.assign(db_session, case, inspector)


def test_clusters_are_batches_with_two_open_cases(db_session):
    batch = factories.batch()
    for _ in range(2):
        cases.raise_alert(db_session, _stamp_row(batch), "suspicious", ["x"], None, AT)
    lone = factories.batch()
    cases.raise_alert(db_session, _stamp_row(lone), "suspicious", ["x"], None, AT)
    db_session.flush()
    admin = factories.user("admin")
    found = cases.clusters(db_session, admin)
    assert [(c.batch, c.cases, c.flagged_scans) for c in found] == [(batch, 2, 2)]
    assert cases.clusters(db_session, factories.user(provinces=("01",))) == []
    assert cases.clusters(db_session, admin, province="01") == []


def _case(session, severity: int, hours_ago: int, status: str = "new", org=None):
    """A serial's case about a product of org (Hưng Yên, "33", by default)."""
    batch = factories.batch(factories.product(org) if org else None)
    case = cases.open_case(session, _stamp_row(batch), batch)
    case.severity, case.status = severity, status
    case.updated_at = AT - timedelta(hours=hours_ago)
    session.flush()
    return case


def test_the_queue_puts_the_most_severe_first_then_the_most_recent(db_session):
    old_grave = _case(db_session, 3, hours_ago=5)
    recent_mild = _case(db_session, 1, hours_ago=0)
    recent_grave = _case(db_session, 3, hours_ago=1)
    middling = _case(db_session, 2, hours_ago=2)
    same_time = _case(db_session, 2, hours_ago=2)  # the later case first on a tie
    admin = factories.user("admin")
    assert cases.queue(db_session, admin, status=None) == [
        recent_grave, old_grave, same_time, middling, recent_mild,
    ]  # fmt: skip


def test_the_queue_is_limited_to_its_first_cases(db_session):
    made = [_case(db_session, 2, hours_ago=n) for n in range(4)]
    admin = factories.user("admin")
    assert cases.queue(db_session, admin, limit=3) == made[:3]
    assert cases.queue(db_session, admin, limit=1) == made[:1]
    assert cases.QUEUE_LIMIT == 100


def test_the_queue_holds_the_cases_of_the_readers_provinces_only(db_session):
    here = _case(db_session, 2, hours_ago=1)
    hanoi = factories.organisation(ward_code="00004", province_code="01")
    elsewhere = _case(db_session, 2, hours_ago=0, org=hanoi)
    inspector = factories.user(provinces=("33",))
    assert cases.queue(db_session, inspector) == [here]
    assert cases.queue(db_session, inspector, province="01") == []
    admin = factories.user("admin")
    assert cases.queue(db_session, admin) == [elsewhere, here]
    assert cases.queue(db_session, admin, province="33") == [here]
    assert cases.queue(db_session, admin, province="") == [elsewhere, here]
    cases.add_provinces(here, ["01"], "claimed")  # a claim places it nowhere
    cases.add_provinces(elsewhere, ["33"], "scans")
    db_session.flush()
    assert cases.queue(db_session, admin, province="01") == [elsewhere]
    assert cases.queue(db_session, inspector) == [elsewhere, here]


def test_the_queue_keeps_the_cases_in_the_asked_state(db_session):
    new = _case(db_session, 2, hours_ago=0)
    investigating = _case(db_session, 2, hours_ago=1, status="investigating")
    dismissed = _case(db_session, 2, hours_ago=2, status="dismissed")
    maker = factories.user("producer", org=new.batch.product.organisation)
    admin = factories.user("admin")
    assert cases.queue(db_session, admin) == [new, investigating, dismissed]
    assert cases.queue(db_session, admin, status="open") == [new, investigating]
    assert cases.queue(db_session, admin, status="dismissed") == [dismissed]
    assert cases.queue(db_session, admin, status="no such state") == [
        new, investigating, dismissed,
    ]  # fmt: skip
    assert cases.queue(db_session, maker, status="open") == [new]

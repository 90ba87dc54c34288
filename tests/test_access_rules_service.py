"""Who may do what with a record, asked of the access rules directly."""

from __future__ import annotations

from datetime import UTC, datetime

from tests import factories
from webapp.models import Inspection, Report, SerialStats
from webapp.services.casework import cases
from webapp.services.staff import access

AT = datetime.now(UTC)


def _stamp_row(org=None):
    batch = factories.batch(factories.product(org or factories.organisation()))
    return factories.stamp_row(factories.stamp(batch))


def _people(stamp):
    return dict(
        maker=factories.user("producer", org=stamp.batch.product.organisation),
        stranger=factories.user("producer", org=factories.organisation()),
        here=factories.user(provinces=("33",)),
        there=factories.user(provinces=("01",)),
        admin=factories.user("admin"),
    )


def _who(rule, people) -> set[str]:
    return {name for name, user in people.items() if rule(user)}


def test_changing_a_case_is_for_staff_who_see_it(db_session):
    stamp = _stamp_row()
    case = cases.open_case(db_session, stamp, stamp.batch)
    db_session.flush()
    people = _people(stamp)
    read = _who(lambda u: access.can_read_case(db_session, u, case), people)
    change = _who(lambda u: access.can_change_case(db_session, u, case), people)
    assert read == {"maker", "here", "admin"}
    assert change == {"here", "admin"}


def test_contacts_follow_accountable_provinces_not_scans(db_session):
    stamp = _stamp_row()
    case = cases.open_case(db_session, stamp, stamp.batch)
    cases.add_provinces(case, ["01"], "scans")
    people = _people(stamp)
    assert _who(lambda u: access.can_see_contacts(u, case), people) == {"here", "admin"}
    cases.add_provinces(case, ["01"], "inspector")
    assert "there" in _who(lambda u: access.can_see_contacts(u, case), people)


def test_any_inspector_reads_a_stamp_a_producer_only_their_own(db_session):
    stamp = _stamp_row()
    people = _people(stamp)
    assert _who(lambda u: access.can_read_stamp(u, stamp), people) == {
        "maker", "here", "there", "admin",
    }  # fmt: skip


def test_pin_resets_where_made_claimed_or_on_a_visible_case(db_session):
    stamp = _stamp_row()
    people = _people(stamp)

    def reset(user):
        return access.can_reset_pin(db_session, user, stamp)

    assert _who(reset, people) == {"here", "admin"}
    db_session.add(SerialStats(stamp_id=stamp.id, claimed_province_code="01"))
    db_session.flush()
    assert _who(reset, people) == {"here", "there", "admin"}


def test_a_pin_reset_on_a_case_another_province_was_handed(db_session):
    stamp = _stamp_row()
    case = cases.open_case(db_session, stamp, stamp.batch)
    far = factories.user(provinces=("04",))
    db_session.flush()
    assert not access.can_reset_pin(db_session, far, stamp)
    cases.add_provinces(case, ["04"], "inspector")
    db_session.flush()
    assert access.can_reset_pin(db_session, far, stamp)


def test_inspections_stay_with_the_inspectors_concerned(db_session):
    stamp = _stamp_row()
    people = _people(stamp)
    inspection = Inspection(
        stamp_id=stamp.id, inspector=people["there"], at=AT, result="genuine",
        place="Chợ", province_code="01",
    )  # fmt: skip
    db_session.add(inspection)
    db_session.flush()
    read = _who(lambda u: access.can_read_inspection(db_session, u, inspection), people)
    # Its author; the maker's province through the stamp; never a producer.
    assert read == {"there", "here", "admin"}
    far = factories.user(provinces=("04",))
    assert not access.can_read_inspection(db_session, far, inspection)


def test_a_report_is_read_through_its_case(db_session):
    report = Report(reference="R-AC-1", code_text="x", place="Chợ", province_code="04")
    db_session.add(report)
    db_session.flush()
    admin = factories.user("admin")
    assert not access.can_read_report(db_session, admin, report)  # no case yet
    cases.attach_report(db_session, report, None, None)
    db_session.flush()
    assert access.can_read_report(db_session, admin, report)
    assert access.can_read_report(db_session, factories.user(provinces=("04",)), report)
    assert not access.can_read_report(db_session, factories.user(), report)


def test_recording_provinces(db_session):
    assert access.recording_provinces(factories.user("admin")) is None
    assert access.recording_provinces(factories.user(provinces=("01", "33"))) == [
        "01", "33",
    ]  # fmt: skip
    maker = factories.user("producer", org=factories.organisation())
    assert not access.can_record_inspection(maker, "33")

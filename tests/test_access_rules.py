"""The access rules one by one, each with the users it admits and those it refuses.

The route tables (test_route_access.py) check every route against them; these
call the rules directly, fast enough to run against every mutant of them.
"""

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import (
    Case,
    Inspection,
    IssuanceRecord,
    PortalItem,
    Report,
    ReportPhoto,
    SerialStats,
    User,
)
from webapp.services.casework.cases import add_provinces, open_case
from webapp.services.staff import access

HUNG_YEN, HA_NOI, HAI_PHONG, DA_NANG = "33", "01", "31", "48"


def test_administrators_cover_every_province_inspectors_only_theirs(app):
    admin = factories.user("admin")
    inspector = factories.user("inspector", provinces=(HUNG_YEN, HA_NOI))
    maker = factories.user("producer", org=factories.organisation())
    assert access.is_admin(admin)
    assert not access.is_admin(inspector) and not access.is_admin(maker)
    assert not access.is_admin(None)
    assert access.covers(admin, HAI_PHONG) and access.covers(admin, None)
    assert access.covers(inspector, HUNG_YEN) and access.covers(inspector, HA_NOI)
    assert not access.covers(inspector, HAI_PHONG)
    assert not access.covers(inspector, None)
    assert not access.covers(maker, HUNG_YEN)
    assert not access.covers(None, HUNG_YEN)
    assert access.recording_provinces(admin) is None
    assert sorted(access.recording_provinces(inspector)) == sorted([HUNG_YEN, HA_NOI])


def made_in_hung_yen():
    """A stamp made in Hưng Yên, its open case (the maker's province only), its row."""
    issued = factories.stamp(factories.batch(regions=(HUNG_YEN,)))
    stamp = factories.stamp_row(issued)
    case = open_case(db.session, stamp, stamp.batch)
    db.session.commit()
    return stamp, case


def test_cases_are_read_by_their_provinces_inspectors_and_changed_only_by_staff(app):
    stamp, case = made_in_hung_yen()
    owner = factories.user("producer", org=stamp.batch.product.organisation)
    other_maker = factories.user("producer", org=factories.organisation())
    admin = factories.user("admin")
    here = factories.user("inspector", provinces=(HUNG_YEN,))
    elsewhere = factories.user("inspector", provinces=(HA_NOI,))
    readers = {owner, admin, here}
    changers = {admin, here}
    for user in (owner, other_maker, admin, here, elsewhere):
        assert access.can_read_case(db.session, user, case) == (user in readers)
        assert access.can_change_case(db.session, user, case) == (user in changers)


def test_contacts_are_for_inspectors_where_staff_stand_behind_the_case(app):
    stamp, case = made_in_hung_yen()
    add_provinces(case, [HA_NOI], "scans")
    db.session.commit()
    owner = factories.user("producer", org=stamp.batch.product.organisation)
    maker_side = factories.user("inspector", provinces=(HUNG_YEN,))
    scans_only = factories.user("inspector", provinces=(HA_NOI,))
    both = factories.user("inspector", provinces=(HA_NOI, HUNG_YEN))
    assert access.can_see_contacts(factories.user("admin"), case)
    assert access.can_see_contacts(maker_side, case)
    assert access.can_see_contacts(both, case)  # any accountable province will do
    assert not access.can_see_contacts(scans_only, case)  # scans alone are no grounds
    assert not access.can_see_contacts(owner, case)
    for source in ("inspector", "report"):
        add_provinces(case, [HAI_PHONG], source)
        there = factories.user("inspector", provinces=(HAI_PHONG,))
        assert access.can_see_contacts(there, case), source
        case.provinces = [p for p in case.provinces if p.province_code != HAI_PHONG]
        db.session.commit()
    claimed = factories.user("inspector", provinces=(HAI_PHONG,))
    add_provinces(case, [HAI_PHONG], "claimed")
    assert not access.can_see_contacts(claimed, case)


def test_any_staff_reads_a_stamp_a_producer_only_their_own(app):
    stamp, _ = made_in_hung_yen()
    owner = factories.user("producer", org=stamp.batch.product.organisation)
    other_maker = factories.user("producer", org=factories.organisation())
    assert access.can_read_stamp(factories.user("admin"), stamp)
    assert access.can_read_stamp(
        factories.user("inspector", provinces=(HA_NOI,)), stamp
    )
    assert access.can_read_stamp(owner, stamp)
    assert not access.can_read_stamp(other_maker, stamp)


def test_inspections_are_recorded_only_in_a_covered_province(app):
    admin = factories.user("admin")
    here = factories.user("inspector", provinces=(HUNG_YEN,))
    maker = factories.user("producer", org=factories.organisation())
    assert access.can_record_inspection(admin, HAI_PHONG)
    assert access.can_record_inspection(here, HUNG_YEN)
    assert not access.can_record_inspection(here, HA_NOI)
    assert not access.can_record_inspection(here, None)
    assert not access.can_record_inspection(maker, HUNG_YEN)


def claim(stamp, province):
    db.session.add(SerialStats(stamp_id=stamp.id, claimed_province_code=province))
    db.session.commit()


def test_a_pin_is_reset_where_the_code_was_made_claimed_or_has_a_case(app):
    stamp, case = made_in_hung_yen()
    claim(stamp, HA_NOI)
    # Another code, claimed in Hải Phòng with a case Đà Nẵng's inspectors see:
    # neither says anything about this one.
    other, other_case = made_in_hung_yen()
    claim(other, HAI_PHONG)
    add_provinces(other_case, [DA_NANG], "inspector")
    db.session.commit()
    assert access.can_reset_pin(db.session, factories.user("admin"), stamp)
    owner = factories.user("producer", org=stamp.batch.product.organisation)
    assert not access.can_reset_pin(db.session, owner, stamp)
    made = factories.user("inspector", provinces=(HUNG_YEN,))
    claimed = factories.user("inspector", provinces=(HA_NOI,))
    assert access.can_reset_pin(db.session, made, stamp)
    assert access.can_reset_pin(db.session, claimed, stamp)
    for province in (HAI_PHONG, DA_NANG):
        elsewhere = factories.user("inspector", provinces=(province,))
        assert not access.can_reset_pin(db.session, elsewhere, stamp), province
    add_provinces(case, [DA_NANG], "inspector")
    db.session.commit()
    with_case = factories.user("inspector", provinces=(DA_NANG,))
    assert access.can_reset_pin(db.session, with_case, stamp)


def inspection(by, province, stamp=None, case=None):
    row = Inspection(
        stamp_id=stamp.id if stamp else None,
        case_id=case.id if case else None,
        inspector_id=by.id,
        result="genuine",
        place="Chợ",
        province_code=province,
    )
    db.session.add(row)
    db.session.commit()
    return row


def test_an_inspection_is_read_by_the_inspectors_it_concerns_each_for_its_reason(app):
    stamp, _ = made_in_hung_yen()
    # An inspector who has since moved to Hà Nội checked it in Hải Phòng.
    author = factories.user("inspector", provinces=(HA_NOI,))
    checked = inspection(author, HAI_PHONG, stamp=stamp)
    where_checked = factories.user("inspector", provinces=(HAI_PHONG,))
    where_made = factories.user("inspector", provinces=(HUNG_YEN,))
    elsewhere = factories.user("inspector", provinces=(DA_NANG,))
    owner = factories.user("producer", org=stamp.batch.product.organisation)
    assert access.can_read_inspection(db.session, factories.user("admin"), checked)
    assert access.can_read_inspection(db.session, author, checked)
    assert access.can_read_inspection(db.session, where_checked, checked)
    assert access.can_read_inspection(db.session, where_made, checked)
    assert not access.can_read_inspection(db.session, elsewhere, checked)
    assert not access.can_read_inspection(db.session, owner, checked)


def test_an_inspection_of_a_never_issued_code_is_read_through_its_case(app):
    # A case with no maker: the report's province is its only lead.
    lead = Case(status="new", severity=1)
    db.session.add(lead)
    add_provinces(lead, [DA_NANG], "report")
    unseen = Case(status="new", severity=1)
    db.session.add(unseen)
    add_provinces(unseen, [HUNG_YEN], "report")
    db.session.commit()
    author = factories.user("inspector", provinces=(HA_NOI,))
    of_lead = inspection(author, HAI_PHONG, case=lead)
    of_unseen = inspection(author, HAI_PHONG, case=unseen)
    da_nang = factories.user("inspector", provinces=(DA_NANG,))
    assert access.can_read_inspection(db.session, da_nang, of_lead)
    assert not access.can_read_inspection(db.session, da_nang, of_unseen)
    report = Report(reference="R-ACCESS-1", place="Chợ", case_id=lead.id)
    orphan = Report(reference="R-ACCESS-2", place="Chợ")
    db.session.add_all([report, orphan])
    db.session.commit()
    assert access.can_read_report(db.session, da_nang, report)
    assert not access.can_read_report(db.session, author, report)
    assert not access.can_read_report(db.session, da_nang, orphan)
    assert not access.can_read_report(db.session, factories.user("admin"), orphan)


def test_a_producer_owns_its_own_records_of_every_kind(app):
    stamp, case = made_in_hung_yen()
    batch = stamp.batch
    product = batch.product
    record = db.session.scalars(
        select(IssuanceRecord).where(IssuanceRecord.batch_id == batch.id)
    ).one()
    item = PortalItem(
        kind="product", object_id=product.id, organisation_id=product.organisation_id
    )
    db.session.add(item)
    db.session.commit()
    owner = factories.user("producer", org=product.organisation)
    other_maker = factories.user("producer", org=factories.organisation())
    for thing in (product, item, batch, record, stamp):
        assert access.organisation_of(thing) == product.organisation_id
        assert access.owns(owner, thing), type(thing).__name__
        assert not access.owns(other_maker, thing), type(thing).__name__
        assert not access.owns(factories.user("admin"), thing)
        assert not access.owns(None, thing)
    with pytest.raises(TypeError, match="^no owner rule for Case$"):
        access.organisation_of(case)


def test_only_a_producer_owns_even_an_account_that_names_an_organisation(app):
    # Only producers are given an organisation, but nothing in the database
    # stops another account from naming one: owning still needs the role.
    stamp, _ = made_in_hung_yen()
    product = stamp.batch.product
    for role in ("inspector", "admin"):
        named = User(role=role, organisation_id=product.organisation_id)
        assert not access.owns(named, product), role
        assert not access.owns(named, stamp), role


def test_a_pin_is_reset_where_the_code_was_made_even_with_no_case_about_it(app):
    stamp = factories.stamp_row(factories.stamp(factories.batch(regions=(HA_NOI,))))
    # Made in Hưng Yên (the maker's province), sold in Hà Nội, never in a case.
    made = factories.user("inspector", provinces=(HUNG_YEN,))
    sold = factories.user("inspector", provinces=(HA_NOI,))
    assert access.can_reset_pin(db.session, made, stamp)
    assert not access.can_reset_pin(db.session, sold, stamp)


def test_records_are_fetched_for_their_own_producer_only(app):
    stamp, _ = made_in_hung_yen()
    batch = stamp.batch
    record = db.session.scalars(
        select(IssuanceRecord).where(IssuanceRecord.batch_id == batch.id)
    ).one()
    owner = factories.user("producer", org=batch.product.organisation)
    other_maker = factories.user("producer", org=factories.organisation())
    item = PortalItem(
        kind="production_order",
        object_id=batch.id,
        organisation_id=batch.product.organisation_id,
    )
    db.session.add(item)
    db.session.commit()
    fetches = (
        (access.own_issuance, record),
        (access.own_batch, batch),
        (access.own_product, batch.product),
        (access.own_portal_item, item),
    )
    for fetch, thing in fetches:
        assert fetch(db.session, owner, thing.id) is thing
        for user, thing_id in ((other_maker, thing.id), (owner, thing.id + 10_000)):
            with pytest.raises(access.AccessRefused) as refused:
                fetch(db.session, user, thing_id)
            assert refused.value.code == "not_found", fetch.__name__


def test_a_reports_photo_is_shown_to_whoever_may_read_the_report(app):
    lead = Case(status="new", severity=1)
    db.session.add(lead)
    add_provinces(lead, [DA_NANG], "report")
    db.session.commit()
    report = Report(reference="R-ACCESS-3", place="Chợ", case_id=lead.id)
    report.photos.append(
        ReportPhoto(path="reports/r-access-3.jpg", width=8, height=8, size_bytes=64)
    )
    db.session.add(report)
    db.session.commit()
    da_nang = factories.user("inspector", provinces=(DA_NANG,))
    access.check_photo(db.session, da_nang, "reports/r-access-3.jpg")  # no refusal
    elsewhere = factories.user("inspector", provinces=(HA_NOI,))
    with pytest.raises(access.AccessRefused) as refused:
        access.check_photo(db.session, elsewhere, "reports/r-access-3.jpg")
    assert refused.value.code == "not_found"


def refusal(fetch, *args) -> str:
    """The code of the AccessRefused that fetching raises."""
    with pytest.raises(access.AccessRefused) as refused:
        fetch(db.session, *args)
    return refused.value.code


def test_a_stage_is_fetched_only_through_its_own_producers_batch(app):
    stamp, _ = made_in_hung_yen()
    batch = stamp.batch
    stage = factories.event(batch)
    # The same producer's other batch, and an event about one item of this one.
    other_stage = factories.event(factories.batch(batch.product))
    item_event = factories.event(batch, biz_step="inspecting", stamp_id=stamp.id)
    owner = factories.user("producer", org=batch.product.organisation)
    assert access.own_stage(db.session, owner, batch.id, stage.id) == (batch, stage)
    for event_id in (other_stage.id, item_event.id, stage.id + 10_000):
        assert refusal(access.own_stage, owner, batch.id, event_id) == "not_found"
    assert refusal(access.own_stage, owner, other_stage.batch_id, stage.id) == (
        "not_found"
    )
    for user in (
        factories.user("producer", org=factories.organisation()),
        factories.user("admin"),
        factories.user("inspector", provinces=(HUNG_YEN,)),
    ):
        assert refusal(access.own_stage, user, batch.id, stage.id) == "not_found"


def test_a_case_is_fetched_by_whoever_sees_it_and_refused_as_not_found(app):
    _, case = made_in_hung_yen()
    here = factories.user("inspector", provinces=(HUNG_YEN,))
    elsewhere = factories.user("inspector", provinces=(HA_NOI,))
    assert access.readable_case(db.session, here, case.id) is case
    assert refusal(access.readable_case, elsewhere, case.id) == "not_found"
    assert refusal(access.readable_case, here, case.id + 10_000) == "not_found"


def test_a_stamps_dossier_is_fetched_for_staff_and_its_own_producer(app):
    stamp, _ = made_in_hung_yen()
    owner = factories.user("producer", org=stamp.batch.product.organisation)
    admin = factories.user("admin")
    for user in (owner, admin, factories.user("inspector", provinces=(HA_NOI,))):
        assert access.readable_stamp(db.session, user, stamp.id) is stamp
    other_maker = factories.user("producer", org=factories.organisation())
    assert refusal(access.readable_stamp, other_maker, stamp.id) == "not_found"
    assert refusal(access.readable_stamp, admin, stamp.id + 10_000) == "not_found"


def test_an_inspections_photo_is_shown_to_whoever_may_read_the_inspection(app):
    stamp, _ = made_in_hung_yen()
    author = factories.user("inspector", provinces=(HA_NOI,))
    checked = inspection(author, HAI_PHONG, stamp=stamp)
    checked.photo_path = "inspections/i-access-1.jpg"
    db.session.commit()
    access.check_photo(db.session, author, "inspections/i-access-1.jpg")  # no refusal
    elsewhere = factories.user("inspector", provinces=(DA_NANG,))
    assert refusal(access.check_photo, elsewhere, checked.photo_path) == "not_found"
    assert refusal(access.check_photo, author, "inspections/none.jpg") == "not_found"

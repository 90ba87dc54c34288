"""Fetching a record for a user: the record, or a refusal the web answers 404/403."""

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import IssuanceRecord, PortalItem
from webapp.services.casework.cases import open_case
from webapp.services.staff import access
from webapp.services.staff.access import AccessRefused


@pytest.fixture
def two_makers(app):
    """Producer A with a batch (stamped) and an outbox item; producer B with nothing."""
    org_a, org_b = factories.organisation(), factories.organisation()
    batch = factories.batch(factories.product(org_a))
    issued = factories.stamp(batch)
    item = PortalItem(
        kind="product", object_id=batch.product_id, organisation_id=org_a.id
    )
    db.session.add(item)
    db.session.commit()
    issuance = db.session.scalar(
        select(IssuanceRecord).where(IssuanceRecord.batch_id == batch.id)
    )
    return {
        "a": factories.user("producer", org=org_a),
        "b": factories.user("producer", org=org_b),
        "batch": batch,
        "stamp": factories.stamp_row(issued),
        "item": item,
        "issuance": issuance,
    }


OWN = [
    (access.own_product, lambda rows: rows["batch"].product),
    (access.own_batch, lambda rows: rows["batch"]),
    (access.own_issuance, lambda rows: rows["issuance"]),
    (access.own_portal_item, lambda rows: rows["item"]),
]


@pytest.mark.parametrize("fetch, record", OWN, ids=lambda f: getattr(f, "__name__", ""))
def test_a_producer_gets_their_own_record(two_makers, fetch, record):
    wanted = record(two_makers)
    assert fetch(db.session, two_makers["a"], wanted.id) is wanted


@pytest.mark.parametrize("fetch, record", OWN, ids=lambda f: getattr(f, "__name__", ""))
def test_anothers_record_and_a_missing_one_are_both_not_found(
    two_makers, fetch, record
):
    wanted = record(two_makers)
    admin = factories.user("admin")
    for user, record_id in (
        (two_makers["b"], wanted.id),
        (admin, wanted.id),  # the producer portal is for producers only
        (two_makers["a"], wanted.id + 10_000),
    ):
        with pytest.raises(AccessRefused) as refused:
            fetch(db.session, user, record_id)
        assert refused.value.code == "not_found"


def test_a_case_is_readable_only_within_the_inspectors_provinces(two_makers):
    stamp = two_makers["stamp"]
    case = open_case(db.session, stamp, stamp.batch)  # the maker is in Hưng Yên (33)
    db.session.commit()
    here = factories.user("inspector", provinces=("33",))
    elsewhere = factories.user("inspector", provinces=("01",))
    assert access.readable_case(db.session, here, case.id) is case
    for user, case_id in ((elsewhere, case.id), (here, case.id + 10_000)):
        with pytest.raises(AccessRefused) as refused:
            access.readable_case(db.session, user, case_id)
        assert refused.value.code == "not_found"


def test_any_inspector_reads_a_stamp_but_not_a_missing_one(two_makers):
    stamp = two_makers["stamp"]
    elsewhere = factories.user("inspector", provinces=("01",))
    assert access.readable_stamp(db.session, elsewhere, stamp.id) is stamp
    with pytest.raises(AccessRefused) as refused:
        access.readable_stamp(db.session, elsewhere, stamp.id + 10_000)
    assert refused.value.code == "not_found"
    with pytest.raises(AccessRefused):  # another producer's code
        access.readable_stamp(db.session, two_makers["b"], stamp.id)


def test_a_pin_reset_outside_ones_provinces_is_forbidden(two_makers):
    stamp = two_makers["stamp"]
    access.check_pin_reset(db.session, factories.user("inspector"), stamp)  # 33
    access.check_pin_reset(db.session, factories.user("admin"), stamp)
    with pytest.raises(AccessRefused) as refused:
        access.check_pin_reset(
            db.session, factories.user("inspector", provinces=("01",)), stamp
        )
    assert refused.value.code == "forbidden"


def test_a_photo_of_no_record_is_not_found(app):
    with pytest.raises(AccessRefused) as refused:
        access.check_photo(db.session, factories.user("admin"), "reports/none.jpg")
    assert refused.value.code == "not_found"


def test_a_stage_is_fetched_only_through_its_own_batch(two_makers):
    batch = two_makers["batch"]
    stage = factories.event(batch)
    other = factories.event(factories.batch(batch.product))
    maker = two_makers["a"]
    assert access.own_stage(db.session, maker, batch.id, stage.id) == (batch, stage)
    for user, event_id in (
        (maker, other.id),  # a stage of another batch
        (maker, stage.id + 10_000),
        (two_makers["b"], stage.id),
    ):
        with pytest.raises(AccessRefused) as refused:
            access.own_stage(db.session, user, batch.id, event_id)
        assert refused.value.code == "not_found"

"""Approvals and training as services: each change with its audit entry."""

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import AuditEntry, TrainingSession
from webapp.services.catalog import approvals
from webapp.services.catalog.approvals import ApprovalError
from webapp.services.programme import training
from webapp.services.staff.access import AccessRefused


def entries(action: str) -> list[AuditEntry]:
    return list(
        db.session.scalars(select(AuditEntry).where(AuditEntry.action == action))
    )


def test_publishing_a_pending_change_audits_who_and_which_fields(app):
    admin = factories.user("admin")
    product = factories.product()
    approvals.stage(product, {"name_vi": "Tên mới"})
    db.session.commit()
    assert approvals.waiting(db.session)[1] == [product]
    assert approvals.publish(db.session, product, admin) is True
    db.session.commit()
    assert product.name_vi == "Tên mới" and product.pending_changes is None
    [entry] = entries("product.approve")
    assert (entry.user_id, entry.target_type, entry.target_id) == (
        admin.id,
        "product",
        product.id,
    )
    assert entry.details == {"changes": ["name_vi"]}
    assert approvals.waiting(db.session) == ([], [])


def test_a_new_organisation_is_published_and_audited(app):
    admin = factories.user("admin")
    org = factories.organisation(approved_at=None)
    found = approvals.record_to_approve(db.session, "organisation", org.id)
    assert found is org and approvals.waiting(db.session)[0] == [org]
    assert approvals.publish(db.session, found, admin) is True
    db.session.commit()
    assert org.approved_at is not None
    assert [e.target_id for e in entries("organisation.approve")] == [org.id]


def test_nothing_waiting_publishes_and_audits_nothing(app):
    product = factories.product()
    assert approvals.publish(db.session, product, factories.user("admin")) is False
    assert entries("product.approve") == []


def test_a_gtin_already_taken_is_refused_without_an_audit_entry(app):
    taken, product = factories.product(), factories.product()
    approvals.stage(product, {"gtin": taken.gtin})
    db.session.commit()
    with pytest.raises(ApprovalError) as refused:
        approvals.publish(db.session, product, factories.user("admin"))
    assert (refused.value.code, refused.value.field) == ("gtin_taken", "gtin")
    assert entries("product.approve") == []
    assert product.pending_changes == {"gtin": taken.gtin}


def test_a_missing_record_to_approve_is_not_found(app):
    with pytest.raises(AccessRefused) as refused:
        approvals.record_to_approve(db.session, "product", 10_000)
    assert refused.value.code == "not_found"


def test_a_training_session_is_recorded_with_its_attendees_and_audited(app):
    admin = factories.user("admin")
    first, second = factories.organisation(), factories.organisation()
    data = training.TrainingInput(
        held_on=factories.days_ago(3),
        title="  Tem truy xuất  ",
        place=" Phố Hiến ",
        province_code="33",
        organisation_ids=[second.id, first.id, second.id],
    )
    held = training.record_session(db.session, data, admin)
    db.session.commit()
    assert (held.title, held.place) == ("Tem truy xuất", "Phố Hiến")
    assert sorted(a.organisation_id for a in held.attendees) == [first.id, second.id]
    [entry] = entries("training.record")
    assert (entry.user_id, entry.target_type, entry.target_id) == (
        admin.id,
        "training",
        held.id,
    )
    assert entry.details["organisations"] == sorted([first.id, second.id])


def test_training_sessions_come_latest_first_and_producers_by_name(app):
    admin = factories.user("admin")
    zeta = factories.organisation(name="Z HTX")
    alpha = factories.organisation(name="A HTX")
    for days in (30, 2, 10):
        data = training.TrainingInput(factories.days_ago(days), "T", "P", "33", [])
        training.record_session(db.session, data, admin)
    db.session.commit()
    held = [s.held_on for s in training.sessions(db.session)]
    assert held == sorted(held, reverse=True) and len(held) == 3
    assert db.session.scalar(select(TrainingSession.id).limit(1)) is not None
    assert training.organisations(db.session)[:2] == [alpha, zeta]

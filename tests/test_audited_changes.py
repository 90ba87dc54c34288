"""A producer's changes are audited by the service that makes them."""

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import AuditEntry
from webapp.services.catalog import batches, products
from webapp.services.catalog.batches import BatchError, BatchInput
from webapp.services.catalog.products import ProductError, ProfileInput


def entries(action: str) -> list[AuditEntry]:
    return list(
        db.session.scalars(select(AuditEntry).where(AuditEntry.action == action))
    )


def same_batch(batch, **changed) -> BatchInput:
    values = {
        "lot_code": batch.lot_code,
        "produced_on": batch.produced_on,
        "expires_on": batch.expires_on,
        "quantity": batch.quantity,
        "provinces": batch.province_codes,
    }
    return BatchInput(**{**values, **changed})


def test_a_batch_edit_is_audited_with_what_changed_and_nothing_else(app):
    batch = factories.batch(quantity=500)
    maker = factories.user("producer", org=batch.product.organisation)
    assert batches.update_batch(db.session, batch, same_batch(batch), 0, maker) == {}
    assert entries("batch.edit") == []
    batches.update_batch(db.session, batch, same_batch(batch, quantity=600), 0, maker)
    db.session.commit()
    [entry] = entries("batch.edit")
    assert (entry.user_id, entry.target_id) == (maker.id, batch.id)
    assert entry.details == {"quantity": [500, 600]}


def test_a_refused_batch_edit_is_not_audited(app):
    batch = factories.batch(quantity=500)
    factories.stamps(batch, 5)
    with pytest.raises(BatchError) as refused:
        batches.update_batch(db.session, batch, same_batch(batch, quantity=3), 5)
    assert refused.value.code == "quantity_below_issued"
    assert entries("batch.edit") == []


def test_a_recall_is_audited_and_a_second_one_refused(app):
    batch = factories.batch()
    maker = factories.user("producer", org=batch.product.organisation)
    batches.change_status(db.session, batch, "recalled", maker)
    db.session.commit()
    [entry] = entries("batch.status")
    assert (entry.user_id, entry.details) == (maker.id, {"after": "recalled"})
    with pytest.raises(BatchError) as refused:
        batches.change_status(db.session, batch, "recalled", maker)
    assert refused.value.code == "already_recalled"
    assert len(entries("batch.status")) == 1


def test_a_profile_save_is_audited_and_a_refused_one_is_not(app):
    org = factories.organisation()
    maker = factories.user("producer", org=org)
    data = ProfileInput(
        name=org.name,
        address_line="Thôn Tây",
        ward_code=org.ward_code,
        province_code=org.province_code,
        gln=None,
        phone=None,
        email=None,
        website=None,
        sector="food",
    )
    with pytest.raises(ProductError):
        products.save_profile(
            db.session, org, data.__class__(**{**vars(data), "sector": "x"}), maker
        )
    assert entries("organisation.save") == []
    products.save_profile(db.session, org, data, maker)
    db.session.commit()
    [entry] = entries("organisation.save")
    assert (entry.user_id, entry.target_id) == (maker.id, org.id)


def test_locating_a_stage_is_audited_and_a_second_time_refused(app):
    batch = factories.batch()
    stage = factories.event(batch, ward_code=None, gln=None)
    maker = factories.user("producer", org=batch.product.organisation)
    batches.locate_event(db.session, stage, "33", "11980", None, maker)
    db.session.commit()
    [entry] = entries("event.locate")
    assert (entry.user_id, entry.target_id) == (maker.id, stage.id)
    assert entry.details == {"ward": "11980", "gln": None}
    with pytest.raises(BatchError) as refused:
        batches.locate_event(db.session, stage, "33", "11980", None, maker)
    assert refused.value.code == "already_located"
    assert len(entries("event.locate")) == 1

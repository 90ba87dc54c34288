"""Finding the batch to issue for, and the quantity rule, called directly."""

from __future__ import annotations

import pytest

from tests import factories
from webapp.services.stamps.issuance import IssuanceError, find_batch, issue_stamps


def _refused(*args, **kwargs) -> IssuanceError:
    with pytest.raises(IssuanceError) as caught:
        find_batch(factories.session(), *args, **kwargs)
    return caught.value


def test_a_batch_by_id_or_by_its_lot(db_session):
    batch = factories.batch(lot_code="LN2508")
    assert find_batch(db_session, str(batch.id)) is batch
    assert find_batch(db_session, "LN2508") is batch


def test_a_lot_two_products_share_needs_the_gtin(db_session):
    first = factories.batch(lot_code="SHARED")
    second = factories.batch(lot_code="SHARED")
    error = _refused("SHARED")
    assert (error.code, error.params) == ("lot_ambiguous", {"reference": "SHARED"})
    assert find_batch(db_session, "SHARED", second.product.gtin) is second
    assert find_batch(db_session, "SHARED", first.product.gtin) is first


def test_a_numeric_lot_is_found_when_no_batch_has_that_id(db_session):
    batch = factories.batch(lot_code="990001")
    assert find_batch(db_session, "990001") is batch
    other = factories.batch()
    # With a GTIN the reference is a lot, never an id.
    assert _refused(str(other.id), other.product.gtin).code == "no_batch"


def test_no_batch(db_session):
    assert _refused("NOPE").code == "no_batch"
    batch = factories.batch(lot_code="L1")
    assert _refused("L1", factories.product().gtin).code == "no_batch"
    assert find_batch(db_session, "L1", batch.product.gtin) is batch


def test_issuing_beyond_the_batch_is_refused_and_adds_nothing(db_session):
    batch = factories.batch(quantity=2)
    with pytest.raises(IssuanceError) as caught:
        issue_stamps(db_session, batch, 3, factories.SETTINGS)
    assert caught.value.field == "count"
    assert len(factories.stamps(batch, 2)) == 2  # room for two: none was added
    with pytest.raises(IssuanceError):
        issue_stamps(db_session, batch, 1, factories.SETTINGS)

"""The unit tests' session: everything it wrote, committed or not, is gone after."""

from __future__ import annotations

from sqlalchemy import func, select

from tests import factories
from webapp.models import Organisation

MARK = "Rolled back "


def _marked(session) -> int:
    return session.scalar(
        select(func.count(Organisation.id)).where(Organisation.name.startswith(MARK))
    )


def test_factories_flush_without_committing(db_session):
    org = factories.organisation(name=MARK + "flushed")
    assert org.id is not None  # flushed: the row has its key
    assert db_session.in_transaction()
    assert _marked(db_session) == 1
    db_session.rollback()  # nothing was committed: the row goes with it
    assert _marked(db_session) == 0


def test_commit_when_asked_survives_a_later_rollback(db_session):
    factories.organisation(name=MARK + "committed", commit=True)
    factories.organisation(name=MARK + "flushed")
    db_session.rollback()
    assert _marked(db_session) == 1


def test_a_commit_in_one_test_reaches_no_other(db_session, unit_engines, engine):
    # Whichever of these tests runs first, none sees another's rows, although
    # the test above committed: its commit released a savepoint only.
    factories.organisation(name=MARK + "third", commit=True)
    db_session.commit()
    with unit_engines[engine].connect() as other:
        assert _marked(other) == 0  # not visible outside the test's transaction
    assert _marked(db_session) == 1

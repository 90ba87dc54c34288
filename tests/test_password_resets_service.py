"""Reset links called directly: one live link per account, short-lived, single use."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from webapp.models import AuditEntry, utcnow
from webapp.services.staff import password_resets
from webapp.services.staff.accounts import verify_password
from webapp.services.staff.passwords import MIN_LENGTH, PasswordRefused

NEW_PASSWORD = "lantern-orchid-meridian-42"


def test_a_link_works_once(db_session):
    staff, admin = factories.user(), factories.user("admin")
    token = password_resets.issue(db_session, staff, admin)
    db_session.flush()
    reset = password_resets.find(db_session, token)
    assert reset is not None and reset.user is staff
    password_resets.use(db_session, reset, NEW_PASSWORD)
    db_session.flush()
    assert verify_password(staff, NEW_PASSWORD)
    assert password_resets.find(db_session, token) is None
    actions = db_session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))
    assert list(actions) == ["user.reset_link", "user.password_reset"]


def test_a_new_link_ends_the_earlier_one(db_session):
    staff, admin = factories.user(), factories.user("admin")
    first = password_resets.issue(db_session, staff, admin)
    db_session.flush()
    second = password_resets.issue(db_session, staff, admin)
    db_session.flush()
    assert password_resets.find(db_session, first) is None
    assert password_resets.find(db_session, second) is not None


def test_a_link_lasts_an_hour(db_session):
    staff, admin = factories.user(), factories.user("admin")
    now = utcnow()
    token = password_resets.issue(db_session, staff, admin, now)
    db_session.flush()
    almost = now + password_resets.LIFETIME - timedelta(seconds=1)
    assert password_resets.find(db_session, token, almost) is not None
    later = now + password_resets.LIFETIME
    assert password_resets.find(db_session, token, later) is None


def test_no_link_for_a_disabled_account_or_a_token_of_odd_length(db_session):
    staff, admin = factories.user(), factories.user("admin")
    token = password_resets.issue(db_session, staff, admin)
    staff.active = False
    db_session.flush()
    assert password_resets.find(db_session, token) is None
    assert password_resets.find(db_session, "x" * 19) is None
    assert password_resets.find(db_session, token + "x" * 100) is None


def test_a_weak_password_spends_nothing(db_session):
    staff, admin = factories.user(), factories.user("admin")
    token = password_resets.issue(db_session, staff, admin)
    db_session.flush()
    reset = password_resets.find(db_session, token)
    with pytest.raises(PasswordRefused) as caught:
        password_resets.use(db_session, reset, "short")
    assert (caught.value.code, caught.value.params) == (
        "too_short",
        {"count": MIN_LENGTH},
    )
    assert reset.used_at is None
    assert verify_password(staff, factories.PASSWORD)

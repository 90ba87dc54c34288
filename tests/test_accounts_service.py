"""Staff accounts called directly: creation refusals, lookup, password changes."""

from __future__ import annotations

import pytest

from tests import factories
from webapp.services.staff import accounts
from webapp.services.staff.accounts import AccountError

GOOD = "lantern-orchid-meridian-42"


def _create(**changes):
    values = dict(
        email=" New.Inspector@Example.VN ", name=" Chị Lan ", role="inspector",
        password=GOOD, organisation=None, province_codes=("33", "01", "33"),
    )  # fmt: skip
    values.update(changes)
    return accounts.create_user(factories.session(), **values)


def test_an_account_is_created_with_a_lowercase_email_and_each_province_once(
    db_session,
):
    user = _create()
    db_session.flush()
    assert (user.email, user.name) == ("new.inspector@example.vn", "Chị Lan")
    assert user.province_codes == ["01", "33"]
    assert accounts.verify_password(user, GOOD)
    assert not accounts.verify_password(user, GOOD + "x")


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"email": "no-at-sign"}, "email_invalid", "email"),
        ({"role": "boss"}, "unknown_role", "role"),
        ({"password": "password123"}, "too_guessable", "password"),
        ({"role": "producer"}, "organisation_required", "organisation"),
        ({"province_codes": ()}, "provinces_required", "province"),
        ({"province_codes": ("33", "99")}, "unknown_provinces", "province"),
    ],
)
def test_refusals(db_session, changes, code, field):
    with pytest.raises(AccountError) as caught:
        _create(**changes)
    assert (caught.value.code, caught.value.field) == (code, field)


def test_an_email_is_taken_whatever_its_case(db_session):
    _create()
    db_session.flush()
    with pytest.raises(AccountError) as caught:
        _create(email="NEW.INSPECTOR@example.vn")
    assert caught.value.code == "email_taken"
    assert caught.value.params == {"email": "new.inspector@example.vn"}


def test_a_producer_account_keeps_its_organisation_only(db_session):
    org = factories.organisation()
    maker = _create(email="m@example.vn", role="producer", organisation=org)
    assert maker.organisation is org
    admin = _create(email="a@example.vn", role="admin", organisation=org)
    assert admin.organisation is None


def test_find_organisation_by_id_or_exact_name(db_session):
    org = factories.organisation(name="HTX Mật ong Ba Vì")
    assert accounts.find_organisation(db_session, str(org.id)) is org
    assert accounts.find_organisation(db_session, " HTX Mật ong Ba Vì ") is org
    with pytest.raises(AccountError) as caught:
        accounts.find_organisation(db_session, "HTX Mật ong")
    assert (caught.value.code, caught.value.params) == (
        "no_organisation", {"reference": "HTX Mật ong"},
    )  # fmt: skip


def test_a_new_password_reopens_the_account_and_ends_its_sessions(db_session):
    user = factories.user()
    user.failed_logins, version = 7, user.session_version
    accounts.set_password(user, GOOD)
    assert accounts.verify_password(user, GOOD)
    assert (user.failed_logins, user.locked_until) == (0, None)
    assert user.session_version == version + 1


def test_every_account_is_listed_by_role_then_email(db_session):
    b = _create(email="b@example.vn")
    a = _create(email="a@example.vn")
    admin = _create(email="z@example.vn", role="admin")
    assert accounts.every_account(db_session) == [admin, a, b]

"""Passwords: a policy, a lock after wrong guesses, change, and reset links."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import PasswordReset, utcnow
from webapp.services.staff import password_resets
from webapp.services.staff.accounts import (
    LOCK_AFTER,
    AccountError,
    AccountLocked,
    authenticate,
    create_user,
    lock_time,
)
from webapp.services.staff.passwords import PasswordRefused, check_password

NEW = "bon-con-voi-xanh-la"


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("0123456789", "too_guessable"),
        ("password123", "too_guessable"),
        ("qwertyuiop", "too_guessable"),
        ("ngan.le@example.vn", "too_guessable"),  # the account's own e-mail
        ("short", "too_short"),
        ("x" * 201, "too_long"),
    ],
)
def test_weak_passwords_are_refused(password, code):
    with pytest.raises(PasswordRefused) as refused:
        check_password(password, ("ngan.le@example.vn", "Lê Ngân"))
    assert refused.value.code == code


def test_accounts_cannot_be_made_with_a_common_password(app):
    with pytest.raises(AccountError) as refused:
        create_user(db.session, "a@b.vn", "A", "admin", "0123456789")
    assert (refused.value.code, refused.value.field) == ("too_guessable", "password")


def test_wrong_passwords_close_the_account_for_longer_each_time(app):
    account = factories.user("admin")
    now = utcnow()
    for _ in range(LOCK_AFTER):
        assert authenticate(db.session, account.email, "wrong-guess!", now) is None
    with pytest.raises(AccountLocked) as locked:
        # Even the right password opens nothing while it is closed.
        authenticate(db.session, account.email, factories.PASSWORD, now)
    assert locked.value.until == now + timedelta(minutes=1)
    later = now + timedelta(minutes=2)
    assert authenticate(db.session, account.email, "wrong-guess!", later) is None
    assert account.locked_until == later + timedelta(minutes=2)
    assert lock_time(LOCK_AFTER + 30) == timedelta(days=1)
    opened = now + timedelta(hours=1)
    assert authenticate(db.session, account.email, factories.PASSWORD, opened)
    assert account.failed_logins == 0 and account.locked_until is None


def test_a_closed_account_answers_like_an_unknown_one(client, app):
    account = factories.user("admin")
    for _ in range(LOCK_AFTER):
        client.post("/login", data={"email": account.email, "password": "nope-nope!"})
    client.set_cookie("lang", "en")
    closed = client.post(
        "/login", data={"email": account.email, "password": factories.PASSWORD}
    )
    unknown = client.post(
        "/login", data={"email": "nobody@example.vn", "password": factories.PASSWORD}
    )
    assert (closed.status_code, unknown.status_code) == (200, 200)
    assert "closes for a while" in closed.text and "closes for a while" in unknown.text
    assert "closed until" not in closed.text  # nothing tells a lock from a miss
    assert client.get("/admin/").status_code == 302  # and nobody was signed in


def test_changing_the_password_checks_the_current_one_and_the_policy(client, app):
    account = factories.user("producer", org=factories.organisation())
    factories.sign_in(client, account)
    assert client.get("/account/password").status_code == 200
    wrong = {"current": "not-it-at-all", "password": NEW, "confirm": NEW}
    assert client.post("/account/password", data=wrong).status_code == 400
    weak = {"current": factories.PASSWORD, "password": "0123456789",
            "confirm": "0123456789"}  # fmt: skip
    assert client.post("/account/password", data=weak).status_code == 400
    good = {"current": factories.PASSWORD, "password": NEW, "confirm": NEW}
    assert client.post("/account/password", data=good).status_code == 303
    assert authenticate(db.session, account.email, NEW) is not None


def _reset_link(client, admin, account) -> str:
    factories.sign_in(client, admin)
    page = client.post(f"/admin/staff/{account.id}/reset-link")
    assert page.status_code == 200
    link = re.search(
        r'value="(https://trace\.example\.vn/account/reset/[^"]+)"', page.text
    )
    return link[1].removeprefix("https://trace.example.vn")


def test_an_administrators_reset_link_works_once(client, app):
    admin, account = factories.user("admin"), factories.user("inspector")
    path = _reset_link(client, admin, account)
    client.post("/logout")
    assert client.get(path).status_code == 200
    response = client.post(path, data={"password": NEW, "confirm": NEW})
    assert response.status_code == 303
    assert authenticate(db.session, account.email, NEW) is not None
    assert client.get(path).status_code == 404
    assert client.post(path, data={"password": NEW, "confirm": NEW}).status_code == 404


def test_a_reset_link_expires_and_a_newer_one_replaces_it(client, app):
    admin, account = factories.user("admin"), factories.user("inspector")
    token = password_resets.issue(db.session, account, admin)
    db.session.commit()
    later = utcnow() + password_resets.LIFETIME + timedelta(seconds=1)
    assert password_resets.find(db.session, token, later) is None
    newer = password_resets.issue(db.session, account, admin)
    db.session.commit()
    assert password_resets.find(db.session, token) is None
    assert password_resets.find(db.session, newer) is not None
    assert db.session.scalar(select(func.count(PasswordReset.id))) == 2


@pytest.mark.parametrize("role", ["inspector", "producer"])
def test_only_administrators_make_reset_links(client, app, role):
    account = factories.user(role, org=factories.organisation())
    factories.sign_in(client, account)
    assert client.get("/admin/staff/").status_code == 403
    assert client.post(f"/admin/staff/{account.id}/reset-link").status_code == 403

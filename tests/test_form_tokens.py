"""Form tokens: bound to the browser's own cookie, masked afresh on every page,
and no server session for a visitor who only reads a story."""

import re
import time

from tests import factories
from tests.conftest import SQLITE_ONLY
from webapp.web import form_tokens

pytestmark = SQLITE_ONLY


def page_token(page: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', page)[1]


def post_settings(client, token: str | None):
    data = (
        {"location": "ask"}
        if token is None
        else {"location": "ask", "csrf_token": token}
    )
    # Over HTTPS the check also wants a same-origin Referer, as browsers send.
    referer = client._origin("/settings", {})
    return client.post("/settings", data=data, headers={"Referer": referer}, csrf=False)


def test_a_story_visit_sets_the_token_cookie_and_no_session(app, client):
    stamp = factories.stamp()
    page = client.get(stamp.url.removeprefix(factories.BASE_URL))
    assert page.status_code == 200
    cookies = page.headers.getlist("Set-Cookie")
    assert not [c for c in cookies if c.startswith("session=")]
    secret = [c for c in cookies if c.startswith(f"{form_tokens.COOKIE}=")]
    assert len(secret) == 1
    assert "HttpOnly" in secret[0] and "SameSite=Lax" in secret[0]
    assert "Cookie" in page.headers["Vary"]
    # The token it carries is accepted from this browser.
    assert post_settings(client, page_token(page.text)).status_code == 303


def test_every_page_masks_the_token_afresh_and_each_is_accepted(app, client):
    first = page_token(client.get("/settings").text)
    second = page_token(client.get("/settings").text)
    assert first != second
    # Not one byte position in common beyond chance: nothing for compression to find.
    assert first[:16] != second[:16]
    assert post_settings(client, first).status_code == 303
    assert post_settings(client, second).status_code == 303


def test_a_token_of_another_browser_is_refused(app, client):
    other = type(client)(app, client.response_wrapper)
    token = page_token(other.get("/settings").text)
    client.get("/settings")  # this browser has a secret of its own
    assert post_settings(client, token).status_code == 400


def test_no_secret_cookie_no_token_garbage_and_tampering_are_refused(app, client):
    page = client.get("/settings")
    token = page_token(page.text)
    assert post_settings(client, None).status_code == 400
    for bad in (
        "x",
        "%%%",
        "A" * 96,
        token[:-2] + ("AA" if token[-2:] != "AA" else "BB"),
    ):
        assert post_settings(client, bad).status_code == 400
    fresh = type(client)(app, client.response_wrapper)  # no cookie: a forged request
    assert post_settings(fresh, token).status_code == 400


def test_an_expired_token_is_refused(app, client):
    client.get("/settings")
    secret = client.get_cookie(form_tokens.COOKIE).value
    limit = app.config["WTF_CSRF_TIME_LIMIT"]
    with app.test_request_context():
        old = form_tokens.token_for(secret, now=time.time() - limit - 5)
        recent = form_tokens.token_for(secret, now=time.time() - limit + 60)
    assert post_settings(client, old).status_code == 400
    assert post_settings(client, recent).status_code == 303


def test_a_page_without_forms_sets_no_cookie(app, client):
    response = client.get("/healthz")
    assert not response.headers.getlist("Set-Cookie")


def test_a_token_made_before_signing_in_or_out_is_refused_after(app, client):
    anonymous = page_token(client.get("/settings").text)
    factories.sign_in(client, factories.user("admin"))
    # Signed in: the visitor's token no longer serves, the signed-in page's does.
    assert post_settings(client, anonymous).status_code == 400
    signed_in = page_token(client.get("/settings").text)
    assert post_settings(client, signed_in).status_code == 303
    client.post("/logout")
    assert post_settings(client, signed_in).status_code == 400


def test_a_planted_secret_gives_its_planter_nothing_against_a_signed_in_user(
    app, client
):
    attacker = type(client)(app, client.response_wrapper)
    planted_token = page_token(attacker.get("/settings").text)
    planted = attacker.get_cookie(form_tokens.COOKIE).value
    factories.sign_in(client, factories.user("admin"))
    # A sibling subdomain sets the attacker's secret in the victim's browser.
    client.set_cookie(form_tokens.COOKIE, planted)
    assert post_settings(client, planted_token).status_code == 400


def test_another_sites_page_is_refused_even_with_a_valid_token(app, client):
    token = page_token(client.get("/settings").text)
    for headers in (
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
    ):
        response = client.post(
            "/settings",
            data={"location": "ask", "csrf_token": token},
            headers=headers,
            csrf=False,
        )
        assert response.status_code == 400, headers
    assert post_settings(client, token).status_code == 303


def test_tokens_from_the_future_and_of_other_shapes_are_refused_not_a_500(
    app, client
):
    client.get("/settings")
    secret = client.get_cookie(form_tokens.COOKIE).value
    with app.test_request_context():
        ahead = form_tokens.token_for(secret, now=time.time() + 120)
        slightly = form_tokens.token_for(secret, now=time.time() + 30)
        standard_alphabet = slightly.replace("-", "+").replace("_", "/")
    assert post_settings(client, ahead).status_code == 400
    assert post_settings(client, slightly).status_code == 303
    if standard_alphabet != slightly:
        assert post_settings(client, standard_alphabet).status_code == 400
    for bad in ("é" * 64, slightly + "=", " " + slightly[1:]):
        assert post_settings(client, bad).status_code == 400
    with app.test_request_context(headers={"Cookie": f"csrf={secret}"}):
        for value in (5, ["x"], {"a": 1}, None, ""):
            try:
                form_tokens.validate_csrf(value)
            except form_tokens.ValidationError:
                continue
            raise AssertionError(f"{value!r} was accepted")


def test_the_secret_cookie_is_secure_when_sessions_are(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        page = client.get("/settings")
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    (cookie,) = [
        c
        for c in page.headers.getlist("Set-Cookie")
        if c.startswith(f"{form_tokens.COOKIE}=")
    ]
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie


def test_a_kept_story_carries_a_token_only_its_own_browser_can_use(app, client):
    stamp = factories.stamp()
    path = stamp.url.removeprefix(factories.BASE_URL)
    first = client.get(path)
    other = type(client)(app, client.response_wrapper)
    second = other.get(path)  # served from the kept copy
    mine, theirs = page_token(first.text), page_token(second.text)
    # The other browser got a secret of its own, and my token is no use to it.
    assert other.get_cookie(form_tokens.COOKIE).value != client.get_cookie(
        form_tokens.COOKIE
    ).value
    assert post_settings(other, mine).status_code == 400
    assert post_settings(other, theirs).status_code == 303

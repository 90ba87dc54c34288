"""Form tokens: bound to the browser's own cookie, masked afresh on every page,
and no server session for a visitor who only reads a story."""

import re
import time

from tests import factories
from tests.conftest import SQLITE_ONLY
from webapp import form_tokens

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

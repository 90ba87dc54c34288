"""Staff sessions: ended on the server, bound to trusted addresses, HTTPS-only."""

from __future__ import annotations

from tests import factories
from tests.conftest import SQLITE_ONLY, standalone_app

ADMIN_HOME = "/admin/"


def _cookie(client) -> str:
    return client.get_cookie("session").value


def _replay(app, cookie: str, **environ):
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other.get(ADMIN_HOME, environ_base=environ)


def test_a_cookie_saved_before_sign_out_opens_nothing(client, app):
    factories.sign_in(client, factories.user("admin"))
    saved = _cookie(client)
    assert _replay(app, saved).status_code == 200
    client.post("/logout")
    replayed = _replay(app, saved)
    assert replayed.status_code == 302
    assert "/login" in replayed.location


def test_changing_the_password_ends_other_sessions_and_keeps_this_one(client, app):
    account = factories.user("admin")
    factories.sign_in(client, account)
    elsewhere = _cookie(client)
    response = client.post(
        "/account/password",
        data={
            "current": factories.PASSWORD,
            "password": "bon-con-voi-xanh-la",
            "confirm": "bon-con-voi-xanh-la",
        },
    )
    assert response.status_code == 303
    assert client.get(ADMIN_HOME).status_code == 200
    assert _replay(app, elsewhere).status_code == 302


def test_a_cookie_from_before_session_versions_opens_nothing(client, app):
    account = factories.user("admin")
    with client.session_transaction() as session:
        session["_user_id"] = str(account.id)  # the old form: no version
        session["_fresh"] = True
    assert client.get(ADMIN_HOME).status_code == 302


@SQLITE_ONLY
def test_a_forged_forwarded_for_does_not_pass_strong_protection(client, app):
    factories.sign_in(client, factories.user("admin"))
    saved = _cookie(client)
    # The thief sends the victim's address in X-Forwarded-For from elsewhere.
    stolen = _replay(
        app, saved, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="127.0.0.1"
    )
    assert stolen.status_code == 302


def _settings(tmp_path, **extra):
    return dict(
        TESTING=False,
        SECRET_KEY="s" * 32,
        STAMP_KEYS=("k" * 32,),
        PRIVACY_KEY="p" * 32,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'own.sqlite'}",
        **extra,
    )


@SQLITE_ONLY
def test_https_deployment_sends_secure_cookies_and_hsts(tmp_path, engine):
    with standalone_app(tmp_path, PUBLIC_BASE_URL="https://trace.example.vn") as app:
        assert app.config["SESSION_COOKIE_SECURE"] is True
        account = factories.user("admin")
        client = app.test_client()
        response = client.post(
            "/login",
            data={"email": account.email, "password": factories.PASSWORD},
            base_url="https://trace.example.vn",
        )
        assert "Secure" in response.headers["Set-Cookie"]
        hsts = response.headers["Strict-Transport-Security"]
        assert hsts.startswith("max-age=")
        plain = client.get("/", base_url="http://trace.example.vn")
        assert "Strict-Transport-Security" not in plain.headers


@SQLITE_ONLY
def test_plain_http_demo_keeps_cookies_usable(tmp_path, engine):
    with standalone_app(tmp_path, PUBLIC_BASE_URL="http://127.0.0.1:8000") as app:
        assert not app.config["SESSION_COOKIE_SECURE"]


@SQLITE_ONLY
def test_a_forged_host_is_refused_and_never_echoed(tmp_path, engine):
    with standalone_app(
        tmp_path, **_settings(tmp_path, PUBLIC_BASE_URL="https://trace.example.vn")
    ) as app:
        client = app.test_client()
        forged = client.get("/01/8935301000010", headers={"Host": "evil.example"})
        assert forged.status_code == 400
        assert "evil.example" not in forged.headers.get("Location", "")
        good = client.get("/01/8935301000010", base_url="https://trace.example.vn")
        assert good.status_code == 301
        assert good.location.startswith("https://trace.example.vn/01/08935301000010")


def test_absolute_links_use_the_public_url_not_the_host(client):
    # Tests answer any host (TRUSTED_HOSTS unset): links still name the public URL.
    response = client.get("/01/8935301000010", headers={"Host": "evil.example"})
    assert response.status_code == 301
    assert response.location.startswith("https://trace.example.vn/")
    issued = factories.stamp()
    links = client.get(
        factories.path_of(issued),
        query_string={"linkType": "all"},
        headers={"Host": "evil.example", "Accept": "application/linkset+json"},
    )
    assert "evil.example" not in links.text
    assert "evil.example" not in links.headers.get("Link", "")

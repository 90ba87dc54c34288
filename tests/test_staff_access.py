"""Staff sign in; every protected page checks the role and whose data it is."""

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import standalone_app
from webapp.extensions import db
from webapp.models import AuditEntry, Case, User
from webapp.services.casework.cases import add_provinces, open_case
from webapp.services.staff.accounts import AccountError, authenticate, create_user


def flagged_case(org=None, regions=("33",)) -> Case:
    """A case on a serial of a batch made in Hưng Yên (province 33)."""
    prod = factories.product(org) if org else factories.product()
    batch = factories.batch(prod, regions=regions)
    stamp = factories.stamp_row(factories.stamp(batch))
    case = open_case(db.session, stamp, batch)
    db.session.commit()
    return case


def link_to(case: Case, workspace: str = "inspector") -> str:
    return f'href="/{workspace}/cases/{case.id}"'


def test_passwords_are_argon2_hashes_and_checked(app):
    account = factories.user("admin")
    assert account.password_hash.startswith("$argon2id$")
    assert factories.PASSWORD not in account.password_hash
    assert (
        authenticate(db.session, account.email.upper(), factories.PASSWORD) == account
    )
    assert authenticate(db.session, account.email, "wrong-password") is None
    assert authenticate(db.session, "nobody@example.vn", factories.PASSWORD) is None


@pytest.mark.parametrize(
    "fields, code, field",
    [
        ({"role": "inspector", "provinces": ()}, "provinces_required", "province"),
        ({"role": "inspector", "provinces": ("99",)}, "unknown_provinces", "province"),
        ({"role": "producer"}, "organisation_required", "organisation"),
        ({"role": "boss"}, "unknown_role", "role"),
        ({"role": "admin", "password": "short"}, "too_short", "password"),
        ({"role": "admin", "email": "not-an-address"}, "email_invalid", "email"),
    ],
)
def test_account_creation_refuses_incoherent_accounts(app, fields, code, field):
    values = {"email": "x@example.vn", "password": "long-enough-pass", "provinces": ()}
    values.update(fields)
    with pytest.raises(AccountError) as refused:
        create_user(
            db.session,
            values["email"],
            "X",
            values["role"],
            values["password"],
            province_codes=values["provinces"],
        )
    assert (refused.value.code, refused.value.field) == (code, field)


def test_sign_in_and_out(client, app):
    inspector = factories.user("inspector")
    assert client.get("/inspector/").status_code == 302  # to the sign-in page
    wrong = client.post("/login", data={"email": inspector.email, "password": "nope"})
    assert wrong.status_code == 200
    assert "Sai e-mail hoặc mật khẩu" in wrong.text
    factories.sign_in(client, inspector)
    assert client.get("/inspector/").status_code == 200
    assert db.session.get(User, inspector.id).last_login_at is not None
    client.post("/logout")
    assert client.get("/inspector/").status_code == 302


def test_sign_in_goes_back_only_to_pages_of_this_site(client, app):
    inspector = factories.user("inspector")
    data = {"email": inspector.email, "password": factories.PASSWORD}
    back = client.post("/login", data={**data, "next": "/inspector/dossier"})
    assert back.headers["Location"] == "/inspector/dossier"
    client.post("/logout")
    away = client.post("/login", data={**data, "next": "https://evil.example/"})
    assert away.headers["Location"] == "/inspector/"


def test_disabled_account_cannot_sign_in(client, app):
    inspector = factories.user("inspector")
    inspector.active = False
    db.session.commit()
    data = {"email": inspector.email, "password": factories.PASSWORD}
    assert client.post("/login", data=data).status_code == 200


@pytest.mark.parametrize(
    "path", ["/inspector/", "/inspector/dossier", "/inspector/cases/1"]
)
def test_producers_cannot_enter_the_inspectors_workspace(client, app, path):
    producer = factories.user("producer", org=factories.organisation())
    factories.sign_in(client, producer)
    assert client.get(path).status_code == 403


def test_inspectors_cannot_open_the_producer_pages(client, app):
    factories.sign_in(client, factories.user("inspector"))
    assert client.get("/producer/cases").status_code == 403


def test_inspector_sees_only_cases_in_their_provinces(client, app):
    ours = flagged_case()  # made in Hưng Yên (33)
    hanoi_inspector = factories.user("inspector", provinces=("01",))
    factories.sign_in(client, hanoi_inspector)
    assert client.get(f"/inspector/cases/{ours.id}").status_code == 404
    assert link_to(ours) not in client.get("/inspector/?status=all").text
    # Filtering by a province they do not cover does not widen the list.
    assert link_to(ours) not in client.get("/inspector/?province=33").text
    changed = client.post(
        f"/inspector/cases/{ours.id}/status", data={"status": "dismissed", "note": "x"}
    )
    assert changed.status_code == 404
    assert db.session.get(Case, ours.id).status == "new"
    client.post("/logout")
    factories.sign_in(client, factories.user("inspector", provinces=("33",)))
    assert client.get(f"/inspector/cases/{ours.id}").status_code == 200


def test_a_scan_in_another_province_brings_its_inspectors_in(client, app):
    case = flagged_case()
    add_provinces(case, ["79"], "scans")  # independent scans in Hồ Chí Minh City
    db.session.commit()
    factories.sign_in(client, factories.user("inspector", provinces=("79",)))
    assert client.get(f"/inspector/cases/{case.id}").status_code == 200


def test_administrator_sees_every_province(client, app):
    case = flagged_case()
    factories.sign_in(client, factories.user("admin"))
    assert link_to(case) in client.get("/inspector/").text


def test_producer_sees_only_their_own_products(client, app):
    own_org, other_org = factories.organisation(), factories.organisation()
    own, other = flagged_case(own_org), flagged_case(other_org)
    factories.sign_in(client, factories.user("producer", org=own_org))
    listing = client.get("/producer/cases").text
    own_link, other_link = link_to(own, "producer"), link_to(other, "producer")
    assert own_link in listing and other_link not in listing
    assert client.get(f"/producer/cases/{own.id}").status_code == 200
    assert client.get(f"/producer/cases/{other.id}").status_code == 404
    # Read-only: the inspectors' actions are refused.
    assert client.post(f"/inspector/cases/{own.id}/assign").status_code == 403


def test_api_scan_roles_follow_the_signed_in_role(client, app):
    stamp = factories.stamp(factories.batch())
    body = {"code": stamp.url, "device_id": "inspector-phone-1", "role": "inspector"}
    assert client.post("/api/v1/scans", json=body).status_code == 403
    factories.sign_in(client, factories.user("inspector"))
    assert client.post("/api/v1/scans", json=body).status_code == 201
    producer_body = {**body, "role": "producer"}
    assert client.post("/api/v1/scans", json=producer_body).status_code == 403


@pytest.fixture
def csrf_app(tmp_path):
    """CSRF protection switched on, as in production."""
    with standalone_app(tmp_path) as app:
        yield app


def test_staff_forms_without_a_csrf_token_are_refused(csrf_app):
    client = csrf_app.test_client()
    account = factories.user("admin")
    forged = client.post(
        "/login",
        data={"email": account.email, "password": factories.PASSWORD},
        headers={"Accept-Language": "en"},
        csrf=False,
    )
    assert forged.status_code == 400
    assert "expired" in forged.text or "security" in forged.text.lower()
    # With the token from the form, the same sign-in works.
    page = client.get("/login")
    token = page.text.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    signed = client.post(
        "/login",
        data={
            "email": account.email,
            "password": factories.PASSWORD,
            "csrf_token": token,
        },
    )
    assert signed.status_code == 303
    case = flagged_case()
    refused = client.post(
        f"/inspector/cases/{case.id}/status",
        data={"status": "dismissed", "note": "x"},
        csrf=False,
    )
    assert refused.status_code == 400
    assert db.session.get(Case, case.id).status == "new"
    assert db.session.scalars(select(AuditEntry)).all() == []

"""Reporters' contacts are sealed at rest; opening one is audited; never producers'."""

from sqlalchemy import select, text

from tests import factories
from webapp.extensions import db
from webapp.models import AuditEntry, Report
from webapp.services.casework.contacts import seal, unseal
from webapp.web.scan_context import privacy_key

PHONE = "0912 345 678"


def file_with_contact(client, org=None) -> Report:
    prod = factories.product(org) if org else factories.product()
    issued = factories.stamp(factories.batch(prod, regions=("33",)))
    form = {"code": issued.url, "place": "Chợ Phố Hiến", "province": "33"}
    assert client.post("/report/", data={**form, "contact": PHONE}).status_code == 303
    return db.session.scalars(select(Report)).one()


def test_contact_is_stored_only_sealed(client, app):
    report = file_with_contact(client)
    with db.engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM report")).one()
    assert not any(PHONE in str(value) for value in row)
    assert unseal(report.contact_sealed, privacy_key()) == PHONE
    assert unseal(report.contact_sealed, "another key") is None


def test_seal_is_randomised_and_authenticated(app):
    first, second = seal(PHONE, "k"), seal(PHONE, "k")
    assert first != second  # equal contacts cannot be matched in the table
    assert unseal(first[:-4] + "AAAA", "k") is None


def test_inspector_reads_the_contact_and_the_read_is_audited(client, app):
    report = file_with_contact(client)
    inspector = factories.user("inspector", provinces=("33",))
    factories.sign_in(client, inspector)
    page = client.get(f"/inspector/cases/{report.case_id}")
    assert page.status_code == 200 and PHONE in page.text
    read = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "report.contact_read")
    ).one()
    assert (read.user_id, read.target_id) == (inspector.id, report.id)


def test_producer_never_gets_the_contact_and_nothing_is_opened(client, app):
    org = factories.organisation()
    report = file_with_contact(client, org)
    factories.sign_in(client, factories.user("producer", org=org))
    page = client.get(f"/producer/cases/{report.case_id}")
    assert page.status_code == 200 and PHONE not in page.text
    audited = select(AuditEntry).where(AuditEntry.action == "report.contact_read")
    assert db.session.scalars(audited).all() == []


def test_a_report_without_contact_seals_nothing(client, app):
    form = {"code": "7K2P9Q4MXT3B6HC1", "place": "Chợ Phố Hiến", "province": "33"}
    client.post("/report/", data=form)
    assert db.session.scalars(select(Report)).one().contact_sealed is None


def test_a_contact_sealed_under_another_key_says_so(client, app):
    report = file_with_contact(client)
    report.contact_sealed = seal(PHONE, "an earlier privacy key")
    db.session.commit()
    factories.sign_in(client, factories.user("inspector", provinces=("33",)))
    page = client.get(
        f"/inspector/cases/{report.case_id}", headers={"Accept-Language": "en"}
    )
    assert PHONE not in page.text and "sealed under an earlier key" in page.text

"""Every page and download for staff says no-store: reporters' data stays off disks."""

import pytest
from flask import url_for
from sqlalchemy import select

from tests import factories
from tests.test_report_photos import file_report, jpeg_with_gps, upload
from webapp.extensions import db
from webapp.models import IssuanceRecord, Report, ReportPhoto


@pytest.fixture
def world(client, app):
    """A producer's product, batch, stamp and a case with a reported photo."""
    org = factories.organisation()
    product = factories.product(org)
    batch = factories.batch(product, regions=("33",))
    issued = factories.stamp(batch)
    event = factories.event(batch)
    sent = file_report(client, [upload(jpeg_with_gps((300, 200)))], code=issued.url)
    assert sent.status_code == 303
    report = db.session.scalars(select(Report)).one()
    ids = {
        "batch_id": batch.id,
        "product_id": product.id,
        "case_id": report.case_id,
        "stamp_id": factories.stamp_row(issued).id,
        "record_id": org.id,
        "item_id": 1,
        "event_id": event.id,
        "issuance_id": db.session.scalars(select(IssuanceRecord.id)).first(),
        "path": db.session.scalars(select(ReportPhoto.path)).one(),
    }
    return org, ids


def staff_urls(app, blueprint: str, ids: dict) -> list[str]:
    """Every GET route of a staff blueprint, with real records in its arguments."""
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] != blueprint or "GET" not in rule.methods:
            continue
        values = {}
        for name in rule.arguments:
            converter = rule._converters[name]
            choices = getattr(converter, "items", None)
            fallback = 1 if "int" in type(converter).__name__.lower() else "x"
            values[name] = sorted(choices)[0] if choices else ids.get(name, fallback)
        with app.test_request_context():
            urls.append(url_for(rule.endpoint, **values))
    return urls


@pytest.mark.parametrize("role", ["admin", "inspector", "producer"])
def test_every_staff_get_route_answers_no_store(client, app, world, role):
    org, ids = world
    account = factories.user(role, provinces=("33",), org=org)
    factories.sign_in(client, account)
    blueprints = ["producer"] if role == "producer" else ["inspector", "admin"]
    checked = 0
    for blueprint in blueprints:
        for url in staff_urls(app, blueprint, ids):
            with client.get(url) as response:  # files are streamed: close them
                control = response.headers.get("Cache-Control", "")
            assert "no-store" in control, f"{url}: {control!r}"
            checked += 1
    assert checked >= 5

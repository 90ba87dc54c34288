"""The outbox against a fake national portal that goes down, expires tokens, refuses."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.fake_portal import RunningPortal
from webapp.extensions import db
from webapp.models import PortalItem, utcnow
from webapp.services.standards import portal_outbox
from webapp.services.standards.national_portal import PortalClient, PortalSettings

TAX_CODE = "0901234567"


@pytest.fixture
def portal():
    running = RunningPortal()
    running.state.approved_tax_codes.add(TAX_CODE)
    yield running
    running.stop()


@pytest.fixture
def client_for(portal):
    def make():
        settings = PortalSettings(
            base_url=portal.url,
            token_url=f"{portal.url}/connect/token",
            client_id="ocop-trace",
            client_secret="secret",
        )
        return PortalClient(settings)

    return make


@pytest.fixture
def batch(app):
    org = factories.organisation(tax_code=TAX_CODE)
    product = factories.product(org, net_content="500 g")
    batch = factories.batch(product)
    for step in ("packing", "shipping", "receiving", "inspecting"):
        factories.event(batch, step)
    return batch


def send(client, portal, now=None, image="ok"):
    return portal_outbox.process(
        db.session,
        client,
        now or utcnow(),
        lambda product: f"{portal.url}/img/{image}.jpg",
    )


def statuses() -> dict[str, str]:
    items = db.session.scalars(select(PortalItem).order_by(PortalItem.id)).all()
    return {f"{i.kind}:{i.object_id}": i.status for i in items}


def test_a_batch_reaches_the_portal_in_order(batch, portal, client_for):
    items = portal_outbox.enqueue_batch(db.session, batch)
    db.session.commit()
    assert [i.kind for i in items] == ["organisation", "product", "production_order",
                                       "chain", "stage", "stage", "stage"]  # fmt: skip
    summary = send(client_for(), portal)
    assert (summary.sent, summary.rejected, summary.retrying) == (7, 0, 0)
    records = portal.state.records
    assert [len(records[k]) for k in ("product", "production_order", "chain")] == [
        1,
        1,
        1,
    ]
    assert [len(records.get(s, [])) for s in ("cheBien", "vanChuyen", "daiLy")] == [
        1,
        1,
        1,
    ]
    chain = db.session.scalars(
        select(PortalItem).where(PortalItem.kind == "chain")
    ).one()
    assert chain.remote_id.startswith("TX-")
    assert records["vanChuyen"][0]["maTruyXuat"] == chain.remote_id
    assert records["production_order"][0]["soLo"] == batch.lot_code
    # Queuing again adds nothing; sending again creates nothing.
    portal_outbox.enqueue_batch(db.session, batch)
    db.session.commit()
    assert send(client_for(), portal).sent == 0
    assert portal.state.creates == 6


def test_portal_down_then_back_loses_nothing(batch, portal, client_for):
    portal_outbox.enqueue_batch(db.session, batch)
    db.session.commit()
    portal.state.down_for = 3  # the token endpoint and the first calls fail
    now = utcnow()
    first = send(client_for(), portal, now)
    assert first.sent == 0 and first.retrying >= 1
    item = db.session.scalars(select(PortalItem).order_by(PortalItem.id)).first()
    assert item.status == "retrying" and item.next_attempt_at == now + timedelta(
        seconds=60
    )
    assert send(client_for(), portal, now).sent == 0  # not due yet
    later = now + timedelta(hours=7)
    for _ in range(4):
        send(client_for(), portal, later)
        later += timedelta(hours=7)
    assert set(statuses().values()) == {"done"}
    assert portal.state.creates == 6


def test_backoff_doubles_and_is_capped(batch, portal, client_for):
    portal_outbox.enqueue_batch(db.session, batch)
    db.session.commit()
    portal.state.down_for = 10_000
    now, waits = utcnow(), []
    for _ in range(12):
        send(client_for(), portal, now)
        item = db.session.scalars(select(PortalItem).order_by(PortalItem.id)).first()
        waits.append(item.next_attempt_at - now)
        now = item.next_attempt_at
    assert waits[:4] == [timedelta(seconds=s) for s in (60, 120, 240, 480)]
    assert waits[-1] == timedelta(hours=6)


def test_expiring_tokens_are_renewed_without_losing_a_call(batch, portal, client_for):
    portal_outbox.enqueue_batch(db.session, batch)
    db.session.commit()
    portal.state.token_uses = 2
    assert send(client_for(), portal).sent == 7
    assert portal.state.tokens_issued >= 4
    assert portal.state.creates == 6


def test_a_lost_answer_is_adopted_not_sent_twice(batch, portal, client_for):
    portal_outbox.enqueue_batch(db.session, batch)
    db.session.commit()
    portal.state.drop_answers = 1  # the product is created, the answer is lost
    now = utcnow()
    first = send(client_for(), portal, now)
    assert first.retrying == 1
    assert len(portal.state.records["product"]) == 1
    send(client_for(), portal, now + timedelta(minutes=2))
    send(client_for(), portal, now + timedelta(minutes=4))
    assert set(statuses().values()) == {"done"}
    assert len(portal.state.records["product"]) == 1
    product_item = db.session.scalars(
        select(PortalItem).where(PortalItem.kind == "product")
    ).one()
    assert product_item.remote_id == portal.state.records["product"][0]["id"]


def test_an_unapproved_organisation_stops_the_chain_until_fixed(
    batch, portal, client_for
):
    portal.state.approved_tax_codes.clear()
    portal_outbox.enqueue_batch(db.session, batch)
    db.session.commit()
    summary = send(client_for(), portal)
    assert summary.codes == ["organisation_not_approved"]
    assert summary.waiting == 6
    assert portal.state.creates == 0
    portal.state.approved_tax_codes.add(TAX_CODE)  # approved on the portal
    organisation = db.session.scalars(
        select(PortalItem).where(PortalItem.kind == "organisation")
    ).one()
    portal_outbox.retry(organisation, utcnow())
    db.session.commit()
    assert send(client_for(), portal).sent == 7


def test_an_image_the_portal_cannot_download_is_refused(batch, portal, client_for):
    portal_outbox.enqueue_batch(db.session, batch)
    db.session.commit()
    summary = send(client_for(), portal, image="missing")
    assert summary.codes == ["image_unreachable"]
    product = db.session.scalars(
        select(PortalItem).where(PortalItem.kind == "product")
    ).one()
    assert product.status == "rejected" and "hình ảnh" in product.error_detail


def test_an_invalid_gtin_is_refused_before_it_is_sent(batch, portal, client_for):
    batch.product.gtin = batch.product.gtin[:-1] + str(
        (int(batch.product.gtin[-1]) + 1) % 10
    )
    db.session.commit()
    portal_outbox.enqueue_batch(db.session, batch)
    db.session.commit()
    assert send(client_for(), portal).codes == ["invalid_gtin"]
    assert "product" not in portal.state.records


def test_later_journey_events_follow_the_batch(batch, portal, client_for):
    portal_outbox.enqueue_batch(db.session, batch)
    db.session.commit()
    send(client_for(), portal)
    event = factories.event(batch, "retail_selling")
    assert portal_outbox.follow_event(db.session, event) is not None
    db.session.commit()
    assert send(client_for(), portal).sent == 1
    assert len(portal.state.records["cuaHang"]) == 1


def test_the_stage_mapping_is_data():
    assert portal_outbox.stage_for("shipping") == "vanChuyen"
    assert portal_outbox.stage_for("inspecting") is None
    assert portal_outbox.stage_for("harvesting") == "vungTrong"


def test_the_send_command_uses_the_configured_portal(app, batch, portal, monkeypatch):
    runner = app.test_cli_runner()
    unset = runner.invoke(args=["portal", "send"])
    assert unset.exit_code != 0 and "PORTAL_BASE_URL" in unset.output
    for key, value in {
        "PORTAL_BASE_URL": portal.url,
        "PORTAL_TOKEN_URL": f"{portal.url}/connect/token",
        "PORTAL_CLIENT_ID": "ocop-trace",
        "PORTAL_CLIENT_SECRET": "secret",
    }.items():
        monkeypatch.setitem(app.config, key, value)
    # Where the portal downloads pictures from.
    factories.change_settings(monkeypatch, app, base_url=portal.url)
    batch.product.image_path = "img/products/long-nhan.png"
    portal_outbox.enqueue_batch(db.session, batch)
    db.session.commit()
    result = runner.invoke(args=["portal", "send"])
    assert result.exit_code == 0, result.output
    items = db.session.scalars(select(PortalItem)).all()
    assert [(i.kind, i.error_code, i.error_detail) for i in items if i.error_code] == []
    assert "sent 7, retrying 0, refused 0" in result.output

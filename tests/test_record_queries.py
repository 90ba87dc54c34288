"""The queries the routes used to build, now services: what each returns and refuses."""

import os
import time

import pytest

from tests import factories
from webapp.extensions import db
from webapp.models import PortalItem
from webapp.services.catalog import products
from webapp.services.staff import accounts
from webapp.services.stamps import issuance_log, print_jobs
from webapp.services.standards import epcis_query, portal_outbox
from webapp.services.standards.epcis_query import NoSuchLot, QueryError


def test_an_organisations_products_in_order_and_no_one_elses(app):
    org = factories.organisation()
    first, second = factories.product(org), factories.product(org)
    factories.product()  # another producer's
    factories.batch(first)
    assert products.of_organisation(db.session, org.id) == [first, second]
    loaded = products.of_organisation(db.session, org.id, with_batches=True)
    assert [len(p.batches) for p in loaded] == [1, 0]
    assert products.of_organisation(db.session, None) == []


def test_a_batchs_issuances_latest_first(app):
    batch, other = factories.batch(), factories.batch()
    factories.stamps(batch, 2)
    factories.stamps(batch, 1)
    factories.stamps(other, 1)
    records = issuance_log.records_of(db.session, batch)
    assert [r.batch_id for r in records] == [batch.id, batch.id]
    assert records[0].id > records[1].id


def test_a_batchs_outbox_items_are_its_own_and_its_makers(app):
    batch = factories.batch()
    org_id = batch.product.organisation_id
    stage = factories.event(batch)
    others = factories.batch(batch.product)
    rows = {
        "organisation": PortalItem(kind="organisation", object_id=org_id),
        "product": PortalItem(kind="product", object_id=batch.product_id),
        "order": PortalItem(kind="production_order", object_id=batch.id),
        "stage": PortalItem(kind="stage", object_id=stage.id),
        "other order": PortalItem(kind="production_order", object_id=others.id),
    }
    for item in rows.values():
        item.organisation_id = org_id
        db.session.add(item)
    stranger = factories.organisation()  # another maker's own record
    db.session.add(
        PortalItem(
            kind="organisation", object_id=stranger.id, organisation_id=stranger.id
        )
    )
    db.session.commit()
    found = portal_outbox.items_of_batch(db.session, batch)
    wanted = [rows[k] for k in ("organisation", "product", "order", "stage")]
    assert found == wanted


def test_every_account_by_role_then_email(app):
    made = [
        factories.user("producer", org=factories.organisation()),
        factories.user("admin"),
        factories.user("inspector"),
    ]
    found = accounts.every_account(db.session)
    assert sorted(made, key=lambda u: (u.role, u.email)) == found


def test_an_export_names_a_public_lot_or_a_period(app):
    batch = factories.batch()
    factories.event(batch)
    lot = {"gtin": batch.product.gtin, "lot": batch.lot_code}
    page = epcis_query.export_page(db.session, lot)
    assert [b.id for b in page.lots] == [batch.id] and len(page.events) == 1
    period = {"from": "2000-01-01", "to": "2100-01-01"}
    assert len(epcis_query.export_page(db.session, period).events) == 1
    with pytest.raises(NoSuchLot):
        epcis_query.export_page(db.session, {**lot, "lot": "NOT-A-LOT"})
    batch.product.approved_at = None  # not public yet
    db.session.commit()
    with pytest.raises(NoSuchLot):
        epcis_query.export_page(db.session, lot)
    for args in ({}, {"gtin": batch.product.gtin}, {"from": "2000-01-01"}):
        with pytest.raises(QueryError, match="give gtin and lot"):
            epcis_query.export_page(db.session, args)


@pytest.mark.real_file_times  # print files are dated on disk, and purged by age
def test_a_download_is_the_kept_file_or_the_csv_of_an_older_issuance(tmp_path):
    hours = 1
    issuance = tmp_path / "7"
    issuance.mkdir()
    (issuance / print_jobs.CODES).write_text("url,gtin,lot,serial,pin,regions\n")
    sheet = print_jobs.download_file(tmp_path, 7, "sheet.pdf", "vi", hours)
    assert sheet is None  # not made
    older = print_jobs.download_file(tmp_path, 7, "codes.xlsx", "vi", hours)
    assert older == issuance / print_jobs.CODES
    (issuance / "codes.vi.xlsx").write_bytes(b"xlsx")
    kept = print_jobs.download_file(tmp_path, 7, "codes.xlsx", "vi", hours)
    assert kept == issuance / "codes.vi.xlsx"
    assert print_jobs.download_file(tmp_path, 8, "codes.csv", "vi", hours) is None
    past = time.time() - 2 * 3600
    for path in (issuance, *issuance.iterdir()):
        os.utime(path, (past, past))
    assert print_jobs.download_file(tmp_path, 7, "codes.csv", "vi", hours) is None

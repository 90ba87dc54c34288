"""`flask seed-demo`: realistic Hưng Yên data on an empty database, and its CSV."""

import csv
from datetime import timedelta

from sqlalchemy import func, select

from webapp.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from webapp.extensions import db
from webapp.models import (
    Batch,
    JourneyEvent,
    Organisation,
    Product,
    Stamp,
    User,
    utcnow,
)
from webapp.services import completeness, regions
from webapp.services.accounts import authenticate
from webapp.services.gtin import has_valid_check_digit


def seed(app, tmp_path):
    out = tmp_path / "codes.csv"
    result = app.test_cli_runner().invoke(args=["seed-demo", "--codes-out", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_creates_the_demo_and_its_codes(app, tmp_path):
    rows = seed(app, tmp_path)
    assert count(Organisation) >= 6 and count(Product) >= 10
    assert len(rows) >= 300
    assert len(rows) == count(Stamp)
    assert list(rows[0]) == ["url", "gtin", "lot", "serial", "pin", "regions"]
    for spec in DEMO_ACCOUNTS:  # one account per role, signing in with the password
        user = authenticate(db.session, spec["email"], DEMO_PASSWORD)
        assert user is not None and user.role == spec["role"]
    producer = db.session.scalars(select(User).where(User.role == "producer")).one()
    assert producer.organisation.name.startswith("HTX")
    assert any(row["pin"] for row in rows) and any(not row["pin"] for row in rows)
    for row in rows:
        path, _, query = row["url"].partition("?")
        assert path.endswith(f"/01/{row['gtin']}/10/{row['lot']}/21/{row['serial']}")
        assert query.startswith("s=")  # the producer's signature, for offline checks
        assert all(regions.is_province_code(code) for code in row["regions"].split(";"))


def test_demo_data_is_realistic(app, tmp_path):
    seed(app, tmp_path)
    for org in db.session.scalars(select(Organisation)):
        assert org.is_demo and org.province_code == "33"
        assert regions.ward_in_province(org.ward_code, "33")
    for product in db.session.scalars(select(Product)):
        assert has_valid_check_digit(product.gtin) and product.gtin.startswith("0893")
        assert product.name_en and product.story_vi and product.story_en
        assert 3 <= product.ocop_stars <= 5 and len(product.batches) >= 2
        assert completeness.is_complete(product, utcnow())
    for batch in db.session.scalars(select(Batch)):
        times = [event.event_time for event in batch.events]
        assert 4 <= len(times) <= 6 and times == sorted(times)
        assert "commissioning" in {event.biz_step for event in batch.events}
    assert len({tuple(b.province_codes) for b in db.session.scalars(select(Batch))}) > 3


def test_event_places_are_real_wards(app, tmp_path):
    seed(app, tmp_path)
    for event in db.session.scalars(select(JourneyEvent)):
        assert regions.ward_in_province(event.ward_code, event.province_code)
        assert event.event_time.utcoffset() == timedelta(0)


def test_seeding_twice_is_refused_without_touching_data(app, tmp_path):
    seed(app, tmp_path)
    before = count(Stamp)
    again = tmp_path / "again.csv"
    result = app.test_cli_runner().invoke(args=["seed-demo", "--codes-out", str(again)])
    assert result.exit_code != 0 and "already holds producers" in result.output
    assert not again.exists() and count(Stamp) == before


def test_demo_stamps_resolve_in_both_languages(app, client, tmp_path):
    row = seed(app, tmp_path)[0]
    path = row["url"].split("://", 1)[1].split("/", 1)[1]
    vi = client.get(f"/{path}")
    en = client.get(f"/{path}", headers={"Accept-Language": "en"})
    assert vi.status_code == en.status_code == 200
    assert "Dữ liệu minh họa" in vi.text and "Demo data" in en.text
    data = client.get(f"/{path}", headers={"Accept": "application/json"}).json
    assert data["demo"] is True and data["serial"] == row["serial"]

"""The demo: Hưng Yên data as of the day it is loaded, lived in, and its script."""

import csv
import os
import signal
import socket
import subprocess
import threading
import urllib.request
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.conftest import TEST_KEYS
from webapp.config import settings_with
from webapp.demo import timeline
from webapp.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from webapp.demo.casework import HUNG_YEN_INSPECTOR
from webapp.demo.catalog import PRODUCTS
from webapp.demo.seed import seed_demo
from webapp.demo.showcase import suggestions
from webapp.extensions import db
from webapp.models import (
    CASE_STATUSES,
    Alert,
    Batch,
    Case,
    JourneyEvent,
    Organisation,
    Product,
    Report,
    Scan,
    Stamp,
    User,
    utcnow,
)
from webapp.services.casework import cases
from webapp.services.casework.reports import progress_of
from webapp.services.catalog import completeness
from webapp.services.catalog.resolution import resolve
from webapp.services.common.clock import VIETNAM
from webapp.services.places import regions
from webapp.services.staff.accounts import authenticate
from webapp.services.stamps.issuance import CSV_COLUMNS
from webapp.services.standards import digital_link
from webapp.services.standards.gtin import has_valid_check_digit

PROJECT = Path(__file__).resolve().parent.parent
BASE = "https://trace.example.vn"


def seed(app, tmp_path):
    """The whole demo through `flask seed-demo`, and the rows of its CSV."""
    out = tmp_path / "codes.csv"
    result = app.test_cli_runner().invoke(args=["seed-demo", "--codes-out", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def catalog(now: datetime | None = None) -> list[dict]:
    """Only the catalog (no market) as of now: quicker, where that is all we need."""
    settings = settings_with(
        STAMP_KEYS=TEST_KEYS,
        PRIVACY_KEY="test-privacy-key",
        PUBLIC_BASE_URL=BASE,
    )
    issued = seed_demo(db.session, settings, now)
    db.session.commit()
    return [dict(zip(CSV_COLUMNS, stamp.csv_row(), strict=True)) for stamp in issued]


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_creates_the_demo_and_its_codes(app, tmp_path, engine):
    rows = seed(app, tmp_path)
    assert count(Organisation) >= 6 and count(Product) >= 10
    if engine == "postgresql":  # the market's past weeks are in their months
        assert db.session.scalar(text("SELECT count(*) FROM scan_default")) == 0
        assert db.session.scalar(text("SELECT count(*) FROM scan")) > 0
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


def test_demo_data_is_realistic(app):
    catalog()
    for org in db.session.scalars(select(Organisation)):
        assert org.is_demo and org.province_code == "33"
        assert regions.ward_in_province(org.ward_code, "33")
    for product in db.session.scalars(select(Product)):
        assert has_valid_check_digit(product.gtin) and product.gtin.startswith("0893")
        assert product.name_en and product.story_vi and product.story_en
        assert not product.is_ocop or 3 <= product.ocop_stars <= 5
        assert len(product.batches) >= 2
        assert completeness.is_complete(product, utcnow())
    for batch in db.session.scalars(select(Batch)):
        times = [event.event_time for event in batch.events]
        assert 4 <= len(times) <= 6 and times == sorted(times)
        assert "commissioning" in {event.biz_step for event in batch.events}
    assert len({tuple(b.province_codes) for b in db.session.scalars(select(Batch))}) > 3


def test_demo_shows_every_kind_and_the_main_sectors(app):
    catalog()
    products = db.session.scalars(select(Product)).all()
    assert {kind for product in products for kind in product.kinds} == {
        "ocop", "key", "essential",
    }  # fmt: skip
    assert any(not product.is_ocop for product in products)
    sectors = {product.sector for product in products} | set(
        db.session.scalars(select(Organisation.sector))
    )
    assert {"agriculture", "food", "pharmaceuticals", "fisheries"} <= sectors


def test_event_places_are_real_wards(app):
    catalog()
    for event in db.session.scalars(select(JourneyEvent)):
        assert regions.ward_in_province(event.ward_code, event.province_code)
        assert event.event_time.utcoffset() == timedelta(0)


def test_seeding_twice_is_refused_without_touching_data(app, tmp_path):
    catalog()
    before = count(Stamp)
    again = tmp_path / "again.csv"
    result = app.test_cli_runner().invoke(args=["seed-demo", "--codes-out", str(again)])
    assert result.exit_code != 0 and "already holds producers" in result.output
    assert not again.exists() and count(Stamp) == before


def test_demo_stamps_resolve_in_both_languages(app, client):
    row = catalog()[0]
    path = row["url"].split("://", 1)[1].split("/", 1)[1]
    vi = client.get(f"/{path}")
    en = client.get(f"/{path}", headers={"Accept-Language": "en"})
    assert vi.status_code == en.status_code == 200
    assert "Dữ liệu minh họa" in vi.text and "Demo data" in en.text
    data = client.get(f"/{path}", headers={"Accept": "application/json"}).json
    assert data["demo"] is True and data["serial"] == row["serial"]


# Two days far from the one the catalog was written for, in and out of season.
DAYS = [date(2027, 3, 10), date(2028, 8, 30)]


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_stamps_shown_are_current_whatever_the_day(app, today):
    rows = catalog(datetime.combine(today, time(9), VIETNAM))
    shown = suggestions(db.session, rows, today)
    assert {"genuine, never scanned", "with a scratch-off PIN"} <= {
        s.label for s in shown
    }
    for suggestion in shown:
        found = resolve(
            db.session, digital_link.parse(suggestion.url), TEST_KEYS, today
        )
        recall = suggestion.label == "from a recalled batch"
        assert found.notices == (["recalled"] if recall else []), suggestion.label


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_demo_dates_are_relative_to_the_day_it_is_loaded(app, today):
    now = datetime.combine(today, time(9), VIETNAM)
    catalog(now)
    assert db.session.scalar(select(func.max(JourneyEvent.event_time))) < now
    products = db.session.scalars(select(Product)).all()
    assert all(product.certificate_valid_on(today) for product in products)
    newest = db.session.scalar(select(func.max(Batch.produced_on)))
    assert today - timedelta(days=14) <= newest < today  # fresh goods stay fresh
    for batch in db.session.scalars(select(Batch)):  # lot codes name the month
        assert f"{batch.produced_on:%y%m}" in batch.lot_code
    assert _harvest_months(products) <= {6, 7, 8, 12, 1}  # longans, lotus, turmeric


def _harvest_months(products) -> set[int]:
    seasonal = {spec["gtin"] for spec in PRODUCTS if spec.get("seasonal")}
    return {
        event.event_time.astimezone(VIETNAM).month
        for product in products
        if product.gtin in seasonal
        for batch in product.batches
        for event in batch.events
        if event.biz_step == "harvesting"
    }


def test_seasonal_crops_move_to_their_latest_season():
    longan = next(spec for spec in PRODUCTS if spec["key"] == "long-nhan")
    assert timeline.for_product(longan, date(2027, 3, 10)) == timeline.Shift(years=0)
    assert timeline.for_product(longan, date(2027, 9, 20)) == timeline.Shift(years=1)
    assert timeline.lot_code("LN2608A", date(2027, 8, 4), set()) == "LN2708A"
    assert timeline.lot_code("RBB2610A", date(2026, 11, 1), {"RBB2611A"}) == "RBB2611B"


def test_the_demo_market_is_lived_in(app, tmp_path):
    seed(app, tmp_path)
    scans = db.session.scalars(select(Scan).where(Scan.role == "shopper")).all()
    assert len({scan.scanned_at.isocalendar()[:2] for scan in scans}) >= 10
    assert max(scan.scanned_at for scan in scans) <= utcnow()
    assert _share_in_region(scans) >= 0.75  # mostly where the batches are sold
    reasons = {r for alert in db.session.scalars(select(Alert)) for r in alert.reasons}
    assert {"duplicate_scans", "out_of_region", "impossible_travel"} <= reasons
    reports = db.session.scalars(select(Report)).all()
    assert {_stage(r) for r in reports} == {"received", "looked at", "closed"}
    assert set(db.session.scalars(select(Case.status))) == set(CASE_STATUSES)
    inspector = db.session.scalars(select(User).filter_by(email=HUNG_YEN_INSPECTOR))
    assert len(cases.queue(db.session(), inspector.one(), status="open")) >= 4


def _stage(report: Report) -> str:
    progress = progress_of(report)
    if progress.closed_as:
        return "closed"
    return "looked at" if progress.looked_at else "received"


def _share_in_region(scans) -> float:
    located = [scan for scan in scans if scan.province_code and scan.stamp_id]
    regions_of = {
        stamp.id: stamp.batch.province_codes
        for stamp in db.session.scalars(select(Stamp))
    }
    inside = [s for s in located if s.province_code in regions_of[s.stamp_id]]
    return len(inside) / len(located)


@pytest.mark.parametrize("changed", ["pyproject.toml", "requirements.lock"])
def test_a_test_install_serves_the_demo_until_the_dependencies_change(
    tmp_path, changed
):
    (tmp_path / "scripts" / "lib").mkdir(parents=True)
    env_script = PROJECT / "scripts" / "lib" / "python-env.sh"
    (tmp_path / "scripts" / "lib" / "python-env.sh").write_text(env_script.read_text())
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    (tmp_path / "requirements.lock").write_text("flask==3.1.2\n")
    fake_python = tmp_path / ".venv" / "bin" / "python"  # records what it is asked
    fake_python.parent.mkdir(parents=True)
    fake_python.write_text('#!/bin/sh\necho "$@" >> "$(dirname "$0")/../calls"\n')
    fake_python.chmod(0o755)
    (tmp_path / ".venv" / ".installed-test").touch()
    _source_env(tmp_path)
    assert not (tmp_path / ".venv" / "calls").exists()
    later = (tmp_path / ".venv" / ".installed-test").stat().st_mtime + 10
    os.utime(tmp_path / changed, (later, later))
    _source_env(tmp_path)
    # Every version is the lock's.
    calls = (tmp_path / ".venv" / "calls").read_text()
    assert "-m pip install -c requirements.lock -e ." in calls


def test_the_lock_pins_every_dependency():
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pinned = {}
    for line in (PROJECT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith((" ", "#")):
            name, _, version = line.partition("==")
            pinned[canonicalize_name(name)] = version
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    for spec in map(Requirement, wanted):
        name = canonicalize_name(spec.name)
        assert name in pinned, f"{name} is not in requirements.lock"
        assert spec.specifier.contains(pinned[name]), (name, pinned[name])
    assert all(pinned.values())  # nothing left unpinned


def _source_env(folder: Path) -> None:
    script = ". scripts/lib/python-env.sh"
    subprocess.run(["bash", "-c", script], cwd=folder, check=True, capture_output=True)


def test_the_demo_script_prints_its_url_once_the_page_answers(tmp_path):
    _assert_install_is_current()
    port = _free_port()
    demo = _start_demo(tmp_path, port)
    try:
        url = _printed_url(demo)
        with urllib.request.urlopen(url, timeout=5) as answer:  # answers at once
            assert answer.status == 200
        assert url == f"http://127.0.0.1:{port}/"
        assert "(PIN " in _rest_of_welcome(demo)
    finally:
        os.killpg(demo.pid, signal.SIGINT)  # Ctrl-C
        # Read what it says as it stops (a closed pipe would kill it with
        # SIGPIPE), until it exits; that also closes the pipe.
        demo.communicate(timeout=60)
        assert demo.returncode == 0
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1)


def _assert_install_is_current() -> None:
    """Else the script would reinstall .venv under the running tests."""
    installed = (PROJECT / ".venv" / ".installed-test").stat().st_mtime
    assert installed >= (PROJECT / "requirements.lock").stat().st_mtime, (
        "requirements.lock changed: run `. scripts/lib/python-env.sh test` first"
    )
    assert installed >= (PROJECT / "pyproject.toml").stat().st_mtime, (
        "pyproject.toml changed: run `. scripts/lib/python-env.sh test` first"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_demo(instance: Path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in DEMO_SETTINGS}
    env.update(PORT=str(port), INSTANCE_DIR=str(instance))
    demo = subprocess.Popen(
        [PROJECT / "scripts" / "demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as in a terminal
    )
    watchdog = threading.Timer(600, _stop, (demo,))  # never hang the suite
    watchdog.daemon = True
    watchdog.start()
    return demo


DEMO_SETTINGS = (
    "DATABASE_URL",
    "PUBLIC_BASE_URL",
    "SECRET_KEY",
    "STAMP_KEYS",
    "PRIVACY_KEY",
)


def _stop(demo: subprocess.Popen) -> None:
    if demo.poll() is None:
        os.killpg(demo.pid, signal.SIGKILL)


def _printed_url(demo: subprocess.Popen) -> str:
    lines = []
    for line in demo.stdout:
        if line.startswith("OCOP Trace is running at "):
            return line.split(" at ", 1)[1].strip()
        lines.append(line)
    raise AssertionError("the demo stopped before printing its URL:\n" + "".join(lines))


def _rest_of_welcome(demo: subprocess.Popen) -> str:
    lines = []
    for line in demo.stdout:
        lines.append(line)
        if line.startswith("Ctrl-C"):
            return "".join(lines)
    raise AssertionError("the welcome was cut short")

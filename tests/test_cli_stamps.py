"""`flask stamps issue`: serials, PINs and a CSV that appears only once committed."""

import csv

from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import Stamp
from webapp.services.stamps import serials
from webapp.services.standards.digital_link import parse


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def count_stamps() -> int:
    return db.session.scalar(select(func.count()).select_from(Stamp))


def test_issue_writes_codes_and_hashes_pins(app, tmp_path):
    batch = factories.batch(regions=("33", "01", "31"))
    out = tmp_path / "codes.csv"
    result = app.test_cli_runner().invoke(
        args=[
            "stamps",
            "issue",
            "--batch",
            str(batch.id),
            "--count",
            "25",
            "--pin",
            "--out",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    rows = read_rows(out)
    assert len(rows) == 25 and list(rows[0]) == [
        "url",
        "gtin",
        "lot",
        "serial",
        "pin",
        "regions",
    ]
    row = rows[0]
    assert row["regions"] == "01;31;33"
    link = parse(row["url"])
    assert (link.gtin, link.lot, link.serial) == (
        row["gtin"],
        batch.lot_code,
        row["serial"],
    )
    stored = db.session.scalar(select(Stamp).where(Stamp.serial == row["serial"]))
    assert row["pin"] not in stored.pin_hash
    assert serials.verify_pin(
        row["pin"], row["serial"], stored.pin_hash, app.config["STAMP_KEYS"]
    )
    assert count_stamps() == 25


def test_issue_by_lot_code_without_pins(app, tmp_path):
    batch = factories.batch()
    out = tmp_path / "codes.csv"
    result = app.test_cli_runner().invoke(
        args=[
            "stamps",
            "issue",
            "--batch",
            batch.lot_code,
            "--count",
            "3",
            "--out",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    assert {row["pin"] for row in read_rows(out)} == {""}


def test_refusals_leave_nothing_behind(app, tmp_path):
    recalled = factories.batch(status="recalled")
    shared = factories.batch()
    factories.batch(lot_code=shared.lot_code)  # same lot code, another product
    out = tmp_path / "codes.csv"
    runner = app.test_cli_runner()
    for args, message in [
        (["--batch", "NO-SUCH-LOT", "--count", "3"], "no batch"),
        (["--batch", recalled.lot_code, "--count", "3"], "not on sale"),
        (["--batch", shared.lot_code, "--count", "3"], "GTIN too"),
        (["--batch", str(shared.id), "--count", "100000"], "more stamps than items"),
        (["--batch", shared.lot_code, "--count", "0"], "0 is not in the range"),
    ]:
        result = runner.invoke(args=["stamps", "issue", *args, "--out", str(out)])
        assert result.exit_code != 0 and message in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert count_stamps() == 0


def test_issued_stamp_resolves(app, client, tmp_path):
    batch = factories.batch()
    out = tmp_path / "codes.csv"
    app.test_cli_runner().invoke(
        args=[
            "stamps",
            "issue",
            "--batch",
            str(batch.id),
            "--count",
            "1",
            "--out",
            str(out),
        ]
    )
    url = read_rows(out)[0]["url"]
    response = client.get(url.removeprefix(factories.BASE_URL))
    assert response.status_code == 200

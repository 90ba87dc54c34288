"""The issuance log: every stamp vouched for by a sealed, chained record."""

import hashlib
import os
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from tests import factories
from tests.test_issue_for_print import commit_refused
from webapp.extensions import db
from webapp.models import IssuanceRecord, Stamp
from webapp.services.stamps import serials
from webapp.services.stamps.issuance import (
    MAX_STAMPS_PER_ISSUE,
    IssuanceError,
    IssuedStamp,
    commit_with_codes,
    find_batch,
    issue_stamps,
    write_codes_csv,
)
from webapp.services.stamps.issuance_log import (
    GENESIS,
    check_chain,
    check_serial,
    record_hash,
    records_of,
    serials_digest,
)
from webapp.services.stamps.stamp_signatures import by_key_id, public_keys, signer_of
from webapp.services.standards.gtin import complete_gtin


def test_issuances_are_chained_and_the_chain_checks_out(app):
    batch = factories.batch()
    first = factories.stamps(batch, 3)
    factories.stamps(batch, 2, with_pin=True)
    records = db.session.scalars(
        select(IssuanceRecord).order_by(IssuanceRecord.id)
    ).all()
    assert [r.count for r in records] == [3, 2]
    assert [r.with_pin for r in records] == [False, True]
    assert records[0].previous_hash == GENESIS
    assert records[1].previous_hash == records[0].record_hash
    check = check_chain(db.session)
    assert (check.records, check.stamps, check.intact) == (2, 5, True)
    verdict = check_serial(db.session, factories.stamp_row(first[0]))
    assert verdict.problem is None and verdict.record.id == records[0].id


def test_a_stamp_added_behind_the_log_is_found(app):
    batch = factories.batch()
    issued = factories.stamps(batch, 2)
    record = db.session.scalars(select(IssuanceRecord)).one()
    db.session.execute(
        insert(Stamp).values(
            batch_id=batch.id, serial="EXTRA0000000000X", status="active",
            issuance_id=record.id,
        )
    )  # fmt: skip
    db.session.execute(
        insert(Stamp).values(
            batch_id=batch.id, serial="LOOSE0000000000X", status="active"
        )
    )
    db.session.commit()
    problems = check_chain(db.session).problems
    assert (record.id, "stamps_differ") in problems
    assert (None, "stamps_outside_log") in problems
    stamp = factories.stamp_row(issued[0])
    assert check_serial(db.session, stamp).problem == "stamps_differ"
    loose = db.session.scalars(
        select(Stamp).where(Stamp.serial == "LOOSE0000000000X")
    ).one()
    assert check_serial(db.session, loose).problem == "not_logged"


@pytest.mark.parametrize(
    "change",
    [{"count": 5}, {"issued_by_label": "someone else"}, {"batch_id": None}],
)
def test_a_changed_record_breaks_its_seal(app, change):
    batch = factories.batch()
    issued = factories.stamps(batch, 2)
    factories.stamps(batch, 1)
    first = db.session.scalars(
        select(IssuanceRecord).order_by(IssuanceRecord.id)
    ).first()
    if change.get("batch_id", 0) is None:
        change = {"batch_id": factories.batch().id}
    db.session.execute(
        update(IssuanceRecord).where(IssuanceRecord.id == first.id).values(**change)
    )
    db.session.commit()
    db.session.expire_all()
    problems = check_chain(db.session).problems
    assert (first.id, "record_changed") in problems
    assert check_serial(db.session, factories.stamp_row(issued[0])).problem in (
        "record_changed",
        "other_batch",
    )


def test_a_resealed_record_still_breaks_the_next_link(app):
    batch = factories.batch()
    issued = factories.stamps(batch, 2)
    factories.stamps(batch, 1)
    first, second = db.session.scalars(
        select(IssuanceRecord).order_by(IssuanceRecord.id)
    ).all()
    first.record_hash = "f" * 64  # rewritten by someone who recomputed nothing else
    db.session.commit()
    problems = check_chain(db.session).problems
    assert (second.id, "broken_link") in problems
    stamp = factories.stamp_row(issued[0])
    assert check_serial(db.session, stamp).problem == "record_changed"


def test_a_record_resealed_by_someone_who_knows_the_recipe_breaks_the_next_link(app):
    batch = factories.batch()
    issued = factories.stamps(batch, 2)
    factories.stamps(batch, 1)
    first, second = db.session.scalars(
        select(IssuanceRecord).order_by(IssuanceRecord.id)
    ).all()
    first.issued_by_label = "someone else"
    first.record_hash = record_hash(first, batch)  # its own seal now holds
    db.session.commit()
    assert check_chain(db.session).problems == [(second.id, "broken_link")]
    stamp = factories.stamp_row(issued[0])
    assert check_serial(db.session, stamp).problem == "record_changed"


def test_a_record_claiming_more_stamps_than_it_has_is_found(app):
    batch = factories.batch()
    issued = factories.stamps(batch, 2)
    record = db.session.scalars(select(IssuanceRecord)).one()
    # The serials (and their digest) stay; only the count the record states grows.
    db.session.execute(
        update(IssuanceRecord).where(IssuanceRecord.id == record.id).values(count=3)
    )
    db.session.commit()
    db.session.expire_all()
    check = check_chain(db.session)
    assert check.problems == [
        (record.id, "record_changed"),
        (record.id, "stamps_differ"),
    ]
    assert (check.records, check.stamps) == (1, 2)
    assert check_serial(db.session, factories.stamp_row(issued[0])).problem == (
        "record_changed"
    )


def test_two_issuances_cannot_follow_the_same_record(app):
    batch = factories.batch()
    factories.stamps(batch, 1)
    last = db.session.scalars(select(IssuanceRecord)).one()
    db.session.add(
        IssuanceRecord(
            batch_id=batch.id, issued_by_label="fork", count=0, with_pin=False,
            serials_digest="0" * 64, previous_hash=last.previous_hash,
            record_hash="1" * 64,
        )
    )  # fmt: skip
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_check_log_command_reports_and_fails_on_tampering(app):
    batch = factories.batch()
    factories.stamps(batch, 2)
    runner = app.test_cli_runner()
    intact = runner.invoke(args=["stamps", "check-log"])
    assert intact.exit_code == 0 and "The log is intact" in intact.output
    db.session.execute(update(IssuanceRecord).values(count=3))
    db.session.commit()
    broken = runner.invoke(args=["stamps", "check-log"])
    assert broken.exit_code == 1
    assert "record_changed" in broken.output


# Every field record_hash seals, and how a forger would change it in the database.
SEALED_FIELDS = {
    "previous_hash": lambda r: {"previous_hash": "e" * 64},
    "batch_id": lambda r: {"batch_id": factories.batch(r.batch.product).id},
    "count": lambda r: {"count": r.count + 1},
    "with_pin": lambda r: {"with_pin": not r.with_pin},
    "serials_digest": lambda r: {"serials_digest": "0" * 64},
    "issued_at": lambda r: {"issued_at": r.issued_at - timedelta(days=1)},
    "issued_by_label": lambda r: {"issued_by_label": r.issued_by_label + "?"},
}


@pytest.mark.parametrize("field", sorted(SEALED_FIELDS))
def test_changing_any_one_sealed_column_is_found(app, field):
    batch = factories.batch()
    factories.stamps(batch, 2)
    record = db.session.scalars(select(IssuanceRecord)).one()
    assert check_chain(db.session).intact
    change = SEALED_FIELDS[field](record)
    db.session.execute(
        update(IssuanceRecord).where(IssuanceRecord.id == record.id).values(**change)
    )
    db.session.commit()
    db.session.expire_all()
    check = check_chain(db.session)
    assert not check.intact
    assert (record.id, "record_changed") in check.problems


@pytest.mark.parametrize("column", ["gtin", "lot_code"])
def test_changing_the_product_or_lot_a_record_names_is_found(app, column):
    batch = factories.batch()
    factories.stamps(batch, 1)
    record = db.session.scalars(select(IssuanceRecord)).one()
    if column == "gtin":
        batch.product.gtin = complete_gtin("0893999999990")
    else:
        batch.lot_code = batch.lot_code + "X"
    db.session.commit()
    db.session.expire_all()
    assert (record.id, "record_changed") in check_chain(db.session).problems


def test_the_seal_covers_every_field_it_names(app):
    """Also the id, which no update can change without breaking foreign keys."""
    batch = factories.batch()
    factories.stamps(batch, 1)
    record = db.session.scalars(select(IssuanceRecord)).one()
    sealed = record_hash(record, batch)
    assert sealed == record.record_hash
    changes = {
        "id": record.id + 1,
        "previous_hash": "e" * 64,
        "batch_id": record.batch_id + 1,
        "count": record.count + 1,
        "with_pin": not record.with_pin,
        "serials_digest": "0" * 64,
        "issued_at": record.issued_at - timedelta(seconds=1),
        "issued_by_label": record.issued_by_label + "?",
    }
    for name, value in changes.items():
        kept = getattr(record, name)
        setattr(record, name, value)
        assert record_hash(record, batch) != sealed, name
        setattr(record, name, kept)
    for owner, name in ((batch.product, "gtin"), (batch, "lot_code")):
        kept = getattr(owner, name)
        setattr(owner, name, kept + "9")
        assert record_hash(record, batch) != sealed, name
        setattr(owner, name, kept)
    assert record_hash(record, batch) == sealed
    db.session.rollback()


# Issuing: what a new issuance writes, hands out and refuses ------------------


def keys():
    from flask import current_app

    return current_app.config["STAMP_KEYS"]


def test_an_issuance_hands_out_each_stamp_once_with_its_signed_link(app):
    batch = factories.batch(regions=("33", "01"))
    at = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)
    issued = issue_stamps(db.session, batch, 3, factories.SETTINGS, at=at)
    db.session.commit()
    record = db.session.scalars(select(IssuanceRecord)).one()
    assert (record.count, record.with_pin, record.issued_by_label) == (
        3,
        False,
        "system",
    )
    assert (record.issued_at, record.issued_by_id) == (at, None)
    gtin, lot = batch.product.gtin, batch.lot_code
    signers = by_key_id(public_keys(keys(), [batch.product.organisation_id]))
    assert len({stamp.serial for stamp in issued}) == 3
    for stamp in issued:
        assert (stamp.gtin, stamp.lot, stamp.pin) == (gtin, lot, None)
        assert stamp.regions == ("01", "33")  # in code order
        assert stamp.issuance_id == record.id
        assert serials.check_serial(stamp.serial, gtin, lot, keys())
        link, _, signature = stamp.url.partition("?s=")
        assert link == f"{factories.BASE_URL}/01/{gtin}/10/{lot}/21/{stamp.serial}"
        assert signer_of(signature, gtin, lot, stamp.serial, signers) is not None
    rows = db.session.scalars(select(Stamp).order_by(Stamp.serial)).all()
    assert [r.serial for r in rows] == sorted(s.serial for s in issued)
    for row in rows:
        assert (row.batch_id, row.issuance_id, row.status) == (
            batch.id,
            record.id,
            "active",
        )
        assert row.pin_hash is None and row.issued_at == at
    assert check_chain(db.session).intact


def test_new_stamps_are_made_with_the_newest_key_alone(app):
    # The older key only checks stamps already printed, so it can be retired
    # once they are gone; a stamp made with it now would then stop checking.
    batch = factories.batch()
    newest, older = keys()
    assert factories.SETTINGS.stamp_keys == (newest, older)
    issued = issue_stamps(db.session, batch, 2, factories.SETTINGS, True)
    db.session.commit()
    gtin, lot = batch.product.gtin, batch.lot_code
    signers = by_key_id(public_keys([newest], [batch.product.organisation_id]))
    for stamp in issued:
        assert serials.check_serial(stamp.serial, gtin, lot, [newest])
        assert not serials.check_serial(stamp.serial, gtin, lot, [older])
        row = factories.stamp_row(stamp)
        assert serials.verify_pin(stamp.pin, stamp.serial, row.pin_hash, [newest])
        signature = stamp.url.partition("?s=")[2]
        assert signer_of(signature, gtin, lot, stamp.serial, signers) is not None


def test_pins_are_handed_out_once_and_only_their_hash_is_kept(app):
    batch = factories.batch()
    clerk = factories.user("admin")
    issued = issue_stamps(
        db.session, batch, 2, factories.SETTINGS, True, issued_by=clerk
    )
    db.session.commit()
    before = datetime.now(UTC)
    record = db.session.scalars(select(IssuanceRecord)).one()
    assert (record.with_pin, record.issued_by_label) == (True, clerk.email)
    assert record.issued_by_id == clerk.id
    assert before - timedelta(minutes=1) <= record.issued_at <= before
    for stamp in issued:
        row = factories.stamp_row(stamp)
        assert len(stamp.pin) == 8 and stamp.pin.isdigit()
        assert row.pin_hash and stamp.pin not in row.pin_hash
        assert serials.verify_pin(stamp.pin, stamp.serial, row.pin_hash, keys())
    labelled = issue_stamps(
        db.session, batch, 1, factories.SETTINGS, issued_by_label="cli:ops"
    )
    db.session.commit()
    assert labelled[0].pin is None
    assert db.session.get(IssuanceRecord, labelled[0].issuance_id).issued_by_label == (
        "cli:ops"
    )


@pytest.mark.parametrize(
    ("count", "status", "code"),
    [
        (MAX_STAMPS_PER_ISSUE + 1, "active", "count_invalid"),
        # Not too many for one issuance: too many for the batch (500).
        (MAX_STAMPS_PER_ISSUE, "active", "more_than_quantity"),
        (501, "active", "more_than_quantity"),
        (0, "active", "count_invalid"),
        (1, "recalled", "batch_not_active"),
    ],
)
def test_an_issuance_refused_writes_nothing_and_says_why(app, count, status, code):
    batch = factories.batch(quantity=500, status=status)
    with pytest.raises(IssuanceError) as refused:
        issue_stamps(db.session, batch, count, factories.SETTINGS)
    assert (refused.value.code, refused.value.field) == (code, "count")
    assert refused.value.params["most"] == MAX_STAMPS_PER_ISSUE
    if code != "count_invalid" or count == 0:
        assert refused.value.params["lot"] == batch.lot_code
        assert refused.value.params["status"] == status
    db.session.rollback()
    assert db.session.scalars(select(Stamp)).all() == []
    assert db.session.scalars(select(IssuanceRecord)).all() == []


def test_a_whole_batch_can_be_issued_and_not_one_more(app):
    batch = factories.batch(quantity=3)
    assert len(issue_stamps(db.session, batch, 3, factories.SETTINGS)) == 3
    db.session.commit()
    with pytest.raises(IssuanceError, match="more_than_quantity"):
        issue_stamps(db.session, batch, 1, factories.SETTINGS)


def test_a_batch_is_found_by_its_number_or_its_lot(app):
    first = factories.batch()
    # Another product's batch whose lot code is the first batch's number.
    by_lot = factories.batch(lot_code=str(first.id))
    twin = factories.batch(lot_code=by_lot.lot_code)
    assert find_batch(db.session, str(first.id)) == first
    assert find_batch(db.session, first.lot_code) == first
    gtin = by_lot.product.gtin
    assert find_batch(db.session, str(first.id), gtin) == by_lot
    assert find_batch(db.session, str(first.id), twin.product.gtin) == twin
    with pytest.raises(IssuanceError) as ambiguous:
        find_batch(db.session, f"{first.id}x")
    assert ambiguous.value.code == "no_batch"
    with pytest.raises(IssuanceError) as ambiguous:
        find_batch(db.session, str(10_000 + twin.id))
    assert (ambiguous.value.code, ambiguous.value.field) == ("no_batch", "batch")
    assert ambiguous.value.params == {"reference": str(10_000 + twin.id)}
    lone = factories.batch(lot_code="LONE-1")
    assert find_batch(db.session, "LONE-1") == lone
    factories.batch(lot_code="TWICE")
    factories.batch(lot_code="TWICE")
    with pytest.raises(IssuanceError) as ambiguous:
        find_batch(db.session, "TWICE")
    assert (ambiguous.value.code, ambiguous.value.field) == ("lot_ambiguous", "batch")
    assert ambiguous.value.params == {"reference": "TWICE"}


def test_the_codes_file_is_written_whole_beside_where_it_goes(app, tmp_path):
    batch = factories.batch(regions=("33",))
    stamps = issue_stamps(db.session, batch, 2, factories.SETTINGS, True)
    plain = IssuedStamp("https://x/1", "1", "=LOT", "S", None, ("01", "33"))
    target = tmp_path / "print" / "42" / "codes.csv"  # folders made as needed
    written = write_codes_csv(target, [*stamps, plain])
    assert written.parent == target.parent and written.name.startswith(".codes.csv.")
    assert not target.exists()
    lines = written.read_bytes().decode("utf-8").split("\r\n")
    assert lines[0] == "url,gtin,lot,serial,pin,regions"
    for stamp, line in zip(stamps, lines[1:3], strict=True):
        assert line == ",".join(
            [stamp.url, stamp.gtin, stamp.lot, stamp.serial, stamp.pin, "33"]
        )
    # A cell a spreadsheet would run as a formula is written as text.
    assert lines[3] == "https://x/1,1,'=LOT,S,,01;33"
    assert lines[4:] == [""]
    # The next file for the same folder goes beside it, under a name of its own.
    again = write_codes_csv(target, stamps[:1])
    assert again.parent == target.parent and again != written
    assert again.read_text(encoding="utf-8").count("\n") == 2


def test_the_seal_recipe_stays_what_sealed_the_records_already_kept():
    # Records sealed by an earlier version are checked by the next one: the
    # digest and the seal of a fixed record are pinned to their values.
    from types import SimpleNamespace

    digest = serials_digest(["B2", "A1"])
    assert digest == hashlib.sha256(b"A1\nB2").hexdigest()
    assert digest == "d0b7f8aa5171570c37bf23cdccdb0ceb7a9119a06ef98a352b90a638af8a24cd"
    batch = SimpleNamespace(
        product=SimpleNamespace(gtin="08930000000019"), lot_code="LOT-7"
    )
    vietnam = timezone(timedelta(hours=7))
    seals = {}
    for with_pin in (True, False):
        record = SimpleNamespace(
            previous_hash=GENESIS, id=7, batch_id=3, count=2, with_pin=with_pin,
            serials_digest=digest, issued_by_label="system",
            # 10:04 in Vietnam is 03:04 UTC: sealed as UTC, to the microsecond.
            issued_at=datetime(2026, 1, 2, 10, 4, 5, 6, tzinfo=vietnam),
        )  # fmt: skip
        seals[with_pin] = record_hash(record, batch)
    assert seals == {
        True: "14701b9cf77eb840a13360e719bf98181b424e2aaf3b5df32f5fabdf8ea7d448",
        False: "d7733c09ba5910cc1d48ae94b47ebef1645e7f7bb9b339036e77ed5ab3686b62",
    }


@contextmanager
def server_time_zone(name):
    kept = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if kept is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = kept
        time.tzset()


def test_a_seal_does_not_depend_on_the_servers_time_zone(app):
    # The log sealed on a server in UTC is checked by one set to Vietnam's time.
    with server_time_zone("UTC"):
        issued = factories.stamps(factories.batch(), 2)
    with server_time_zone("Asia/Ho_Chi_Minh"):
        db.session.expire_all()
        assert check_chain(db.session).intact
        stamp = factories.stamp_row(issued[0])
        assert check_serial(db.session, stamp).problem is None


def test_a_batchs_issuances_are_listed_the_latest_first(app):
    batch, other = factories.batch(), factories.batch()
    factories.stamps(batch, 1)
    factories.stamps(other, 2)
    factories.stamps(batch, 3)
    records = records_of(db.session, batch)
    assert [(r.batch_id, r.count) for r in records] == [(batch.id, 3), (batch.id, 1)]
    assert records[0].id > records[1].id
    assert [r.count for r in records_of(db.session, other)] == [2]
    assert records_of(db.session, factories.batch()) == []


def test_every_stamp_of_a_long_intact_log_is_vouched_for(app):
    batch = factories.batch()
    issued = [factories.stamps(batch, 1)[0] for _ in range(5)]
    for stamp in issued:
        verdict = check_serial(db.session, factories.stamp_row(stamp))
        assert verdict.problem is None, stamp.issuance_id
        assert verdict.record.id == stamp.issuance_id
    assert check_chain(db.session).intact


def test_codes_are_moved_into_place_only_when_both_ends_are_given(app, tmp_path):
    staged, target = tmp_path / "codes.csv.part", tmp_path / "codes.csv"
    staged.write_text("pins", encoding="utf-8")
    commit_with_codes(db.session, staged, None)  # nowhere to publish: kept staged
    assert staged.read_text(encoding="utf-8") == "pins" and not target.exists()
    commit_with_codes(db.session, None, target)  # nothing staged: nothing appears
    assert not target.exists()
    commit_with_codes(db.session, staged, target)
    assert target.read_text(encoding="utf-8") == "pins" and not staged.exists()


def test_a_failed_commit_raises_its_own_error_and_removes_what_was_staged(
    app, tmp_path
):
    folder, file = tmp_path / "job", tmp_path / "codes.csv.part"
    (folder / "sheets").mkdir(parents=True)
    (folder / "sheets" / "codes.csv").write_text("pins", encoding="utf-8")
    file.write_text("pins", encoding="utf-8")
    # Staged copies that cannot be removed: one never written, and a link to a
    # folder (which rmtree refuses to follow). The commit's error still comes out.
    gone = tmp_path / "never-written.part"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / "linked-job"
    link.symlink_to(elsewhere, target_is_directory=True)
    target = tmp_path / "codes.csv"
    for staged in (folder, file, gone, link):
        with commit_refused(), pytest.raises(RuntimeError, match="^commit refused$"):
            commit_with_codes(db.session, staged, target)
        assert not target.exists(), staged.name
    assert not folder.exists() and not file.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "linked-job"]

"""The print files called directly: codes read back, files placed, kept, purged."""

from __future__ import annotations

import os
import time
from dataclasses import replace

import pytest

from tests import factories
from webapp.models import PrintJob
from webapp.services.stamps import print_jobs
from webapp.services.stamps.print_jobs import CODES, SHEET, PrintFilesGone


def _run(session, folder, count=3):
    batch = factories.batch(quantity=10)
    return print_jobs.issue_for_print(
        session, batch, count, replace(factories.SETTINGS, print_dir=folder),
        "medium", with_pin=True,
    )  # fmt: skip


def test_the_labels_read_back_are_the_stamps_issued(db_session, tmp_path):
    run = _run(db_session, tmp_path)
    assert run.count == 3
    assert db_session.get(PrintJob, run.job.id).labels_total == 3
    labels = print_jobs.labels(print_jobs.codes_file(tmp_path, run.issuance_id))
    assert len(labels) == 3
    assert all(
        label.pin and label.url.startswith(factories.BASE_URL) for label in labels
    )
    assert len({label.serial for label in labels}) == 3
    assert [p.name for p in tmp_path.iterdir()] == [str(run.issuance_id)]  # no staging


def test_no_codes_no_files(tmp_path):
    with pytest.raises(PrintFilesGone):
        print_jobs.codes_file(tmp_path, 1)
    with pytest.raises(PrintFilesGone):
        print_jobs.place(tmp_path, 1, {SHEET: b"%PDF"})


def _issuance(folder, issuance_id: int, age_hours: float = 0):
    directory = folder / str(issuance_id)
    directory.mkdir(parents=True)
    (directory / CODES).write_text("url,gtin,lot,serial,pin,regions\n")
    made = time.time() - age_hours * 3600
    os.utime(directory / CODES, (made, made))
    os.utime(directory, (made, made))
    return directory


@pytest.mark.real_file_times  # file ages on disk do not move with the clock
def test_place_writes_whole_files_and_only_known_names_are_served(tmp_path):
    directory = _issuance(tmp_path, 5)
    print_jobs.place(tmp_path, 5, {SHEET: b"%PDF-1.7", "codes.vi.xlsx": b"PK"})
    assert (directory / SHEET).read_bytes() == b"%PDF-1.7"
    assert not [p for p in directory.iterdir() if p.name.startswith(".")]
    assert print_jobs.file_for(tmp_path, 5, SHEET, 24) == directory / SHEET
    assert print_jobs.file_for(tmp_path, 5, "codes.vi.xlsx", 24) is not None
    (directory / "notes.txt").write_text("x")
    assert print_jobs.file_for(tmp_path, 5, "notes.txt", 24) is None
    assert print_jobs.file_for(tmp_path, 5, "../5/codes.csv", 24) is None


@pytest.mark.real_file_times  # file ages on disk do not move with the clock
def test_files_go_after_their_hours_whatever_touched_them_since(tmp_path):
    old = _issuance(tmp_path, 1, age_hours=30)
    _issuance(tmp_path, 2, age_hours=1)
    os.utime(old)  # a sheet made late touches the folder, not the codes
    for issuance_id in (1, 2):
        print_jobs.place(tmp_path, issuance_id, {SHEET: b"%PDF"})
    assert print_jobs.still_kept(tmp_path, [1, 2, 3], 24) == {2}
    assert not old.exists()
    assert print_jobs.purge(tmp_path, 24) == 0
    assert print_jobs.purge(tmp_path, 0.5) == 1
    assert print_jobs.purge(tmp_path / "missing", 1) == 0

"""The files a print shop needs after an issuance: the CSV, the PDF sheet, the workbook.

PINs exist only in these files, so the CSV is written completely before the
stamps are committed and moved into place only after; the sheet and workbook
are made from it (at once for small runs, by a job for large ones). All are
deleted after PRINT_FILE_HOURS: long enough to download them, not long
enough to leak.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from webapp.models import Batch, PrintJob, User
from webapp.services.common.settings import Settings
from webapp.services.stamps.issuance import (
    IssuedStamp,
    commit_with_codes,
    issue_stamps,
    write_codes_csv,
)
from webapp.services.stamps.stamp_sheet import Label, Layout, SheetText, render

SHEET, CODES = "sheet.pdf", "codes.csv"


def workbook_name(lang: str) -> str:
    """The codes as a workbook, with its headers in one language."""
    return f"codes.{lang}.xlsx"


class PrintFilesGone(RuntimeError):
    """The codes CSV a sheet is made from is no longer kept."""


@dataclass(frozen=True)
class PrintRun:
    """Stamps to print: their issuance and the job that makes the sheet."""

    issuance_id: int
    job: PrintJob
    count: int


def issue_for_print(
    session: Session,
    batch: Batch,
    count: int,
    settings: Settings,
    layout: str,
    with_pin: bool = False,
    issued_by: User | None = None,
) -> PrintRun:
    """Issue stamps, write their codes, and commit only once the codes are safe.

    The print job that makes their sheet is committed with them; the caller
    starts it.
    """
    issued = issue_stamps(
        session, batch, count, settings, with_pin, issued_by=issued_by
    )
    folder = settings.print_dir
    record_id = issued[0].issuance_id
    assert record_id is not None  # every issued stamp names its record
    staging = prepare(folder, issued)  # the CSV: the only copy of the PINs
    job = PrintJob(issuance_id=record_id, layout=layout, labels_total=len(issued))
    session.add(job)
    commit_with_codes(session, staging, folder / str(record_id))
    return PrintRun(record_id, job, len(issued))


def prepare(folder: Path, issued: Sequence[IssuedStamp]) -> Path:
    """Write the codes CSV (every link and PIN) into a fresh hidden directory.

    The CSV is what cannot be made again, so it alone is written before the
    stamps are committed; the sheet and workbook are made from it later.
    """
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".issuing-", dir=folder))
    try:
        write_codes_csv(staging / CODES, issued).replace(staging / CODES)
    except Exception:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def codes_file(folder: Path, issuance_id: int) -> Path:
    """The issuance's codes CSV, or PrintFilesGone."""
    path = folder / str(issuance_id) / CODES
    if not path.is_file():
        raise PrintFilesGone(issuance_id)
    return path


def labels(codes: Path) -> list[Label]:
    """The labels to print, read back from the codes CSV."""
    with open(codes, newline="", encoding="utf-8") as file:
        return [
            Label(row["url"], row["serial"], row["pin"] or None)
            for row in csv.DictReader(file)
        ]


def place(folder: Path, issuance_id: int, files: dict[str, bytes]) -> None:
    """Write files beside the codes, each whole or not at all, in the given order."""
    directory = codes_file(folder, issuance_id).parent
    for name, body in files.items():
        handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", dir=directory)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(body)
            os.replace(temp_name, directory / name)
        except Exception:
            Path(temp_name).unlink(missing_ok=True)
            raise


def render_sheet(codes: Path, text: SheetText, layout: Layout, progress=None) -> bytes:
    """The PDF sheet for the labels in a codes CSV."""
    return render(labels(codes), text, layout, progress=progress)


def file_for(folder: Path, issuance_id: int, name: str, hours: float) -> Path | None:
    """The file if it is still kept, else None (and expired files go)."""
    purge(folder, hours)
    return _kept(folder, issuance_id, name)


def download_file(
    folder: Path, issuance_id: int, name: str, lang: str, hours: float
) -> Path | None:
    """The kept file to send for a download name, or None once it is gone.

    "codes.xlsx" is the workbook in the reader's language; for issuances from
    before workbooks were kept, the codes CSV to make it from.
    """
    kept = workbook_name(lang) if name == "codes.xlsx" else name
    path = file_for(folder, issuance_id, kept, hours)
    if path is None and name == "codes.xlsx":
        path = file_for(folder, issuance_id, CODES, hours)
    return path


def still_kept(folder: Path, issuance_ids: Iterable[int], hours: float) -> set[int]:
    """Which of these issuances still have their sheet (one purge for them all)."""
    purge(folder, hours)
    return {i for i in issuance_ids if _kept(folder, i, SHEET) is not None}


def _kept(folder: Path, issuance_id: int, name: str) -> Path | None:
    path = folder / str(issuance_id) / name
    known = name in (SHEET, CODES) or re.fullmatch(r"codes\.[a-z]{2}\.xlsx", name)
    return path if known and path.is_file() else None


def purge(folder: Path, hours: float, now: float | None = None) -> int:
    """Delete the files of issuances older than hours; return how many went."""
    if not folder.is_dir():
        return 0
    limit = (now or time.time()) - hours * 3600
    removed = 0
    for directory in folder.iterdir():
        if directory.is_dir() and _made_at(directory) < limit:
            shutil.rmtree(directory, ignore_errors=True)
            removed += 1
    return removed


def _made_at(directory: Path) -> float:
    """When an issuance's files were made: its codes' time, which nothing rewrites
    (a sheet rendered or retried later touches the folder, not the codes)."""
    times = [directory.stat().st_mtime]
    codes = directory / CODES
    if codes.exists():
        times.append(codes.stat().st_mtime)
    return min(times)

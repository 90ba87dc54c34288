"""The files a print shop needs after an issuance: the PDF sheet and the CSV.

PINs exist only in these files, so they are written completely before the
stamps are committed, moved into place only after, and deleted after
PRINT_FILE_HOURS: long enough to download them, not long enough to leak.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from webapp.services.issuance import IssuedStamp, write_codes_csv
from webapp.services.stamp_sheet import Label, Layout, SheetText, render

SHEET, CODES = "sheet.pdf", "codes.csv"


def prepare(
    folder: Path, issued: Sequence[IssuedStamp], text: SheetText, layout: Layout
) -> Path:
    """Write both files into a fresh hidden directory under folder."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".issuing-", dir=folder))
    try:
        labels = [Label(stamp.url, stamp.serial, stamp.pin) for stamp in issued]
        (staging / SHEET).write_bytes(render(labels, text, layout))
        write_codes_csv(staging / CODES, issued).replace(staging / CODES)
    except Exception:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def publish(staging: Path, folder: Path, issuance_id: int) -> Path:
    """Move the files where downloads find them, once the stamps are committed."""
    target = folder / str(issuance_id)
    staging.replace(target)
    return target


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def file_for(folder: Path, issuance_id: int, name: str, hours: float) -> Path | None:
    """The file if it is still kept, else None (and expired files go)."""
    purge(folder, hours)
    return _kept(folder, issuance_id, name)


def still_kept(folder: Path, issuance_ids: Iterable[int], hours: float) -> set[int]:
    """Which of these issuances still have their sheet (one purge for them all)."""
    purge(folder, hours)
    return {i for i in issuance_ids if _kept(folder, i, SHEET) is not None}


def _kept(folder: Path, issuance_id: int, name: str) -> Path | None:
    path = folder / str(issuance_id) / name
    return path if name in (SHEET, CODES) and path.is_file() else None


def purge(folder: Path, hours: float, now: float | None = None) -> int:
    """Delete the files of issuances older than hours; return how many went."""
    if not folder.is_dir():
        return 0
    limit = (now or time.time()) - hours * 3600
    removed = 0
    for directory in folder.iterdir():
        if directory.is_dir() and directory.stat().st_mtime < limit:
            shutil.rmtree(directory, ignore_errors=True)
            removed += 1
    return removed

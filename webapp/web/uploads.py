"""Photos people upload through the web: where they live and how refusals read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from webapp.extensions import settings
from webapp.services.common.photos import StoredPhoto, store


def upload_dir() -> Path:
    return settings().upload_dir


def store_upload(upload: FileStorage, kind: str) -> StoredPhoto:
    """Re-encode and keep one uploaded photo; raises PhotoRefused."""
    return store(upload.read(), upload_dir(), kind)


def chosen_files(uploads: Iterable[FileStorage | None]) -> list[FileStorage]:
    """The file inputs the visitor actually filled in."""
    return [f for f in uploads if f is not None and f.filename]


class RequestUploads:
    """The photos one request has stored so far."""

    def __init__(self) -> None:
        self.stored: list[StoredPhoto] = []

    def store(self, upload: FileStorage, kind: str) -> StoredPhoto:
        photo = store_upload(upload, kind)
        self.stored.append(photo)
        return photo


@contextmanager
def kept_only_if_saved() -> Iterator[RequestUploads]:
    """Photos stored inside the block are removed when the block fails.

    Whatever ends it early (a refused photo, a refused record, a failed commit,
    an unexpected error) leaves no file without its record; the block's last
    step should be the commit.
    """
    uploads = RequestUploads()
    try:
        yield uploads
    except BaseException:
        discard(photo.path for photo in uploads.stored)
        raise


def discard(paths: Iterable[str]) -> None:
    """Remove photos whose record was not saved, so nothing is left half-written."""
    for path in paths:
        (upload_dir() / path).unlink(missing_ok=True)


def refusal(code: str) -> tuple[str, int]:
    """The visitor's message and HTTP status for a refused photo."""
    if code == "too_large":
        return _("A photo is too large: send photos under 10 MB."), 413
    if code == "too_many_pixels":
        return _(
            "A photo has too many pixels: send it as the phone's camera saves it."
        ), 413
    return _("One of the files is not a photo (JPEG, PNG, WebP or HEIC)."), 400

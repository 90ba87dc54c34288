"""A photo is kept only with its record: whatever ends a request early removes it."""

import io

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage

from tests import factories
from tests.test_producer_portal import jpeg, post_product
from webapp.services.common.photos import PhotoRefused
from webapp.web.uploads import kept_only_if_saved, upload_dir


def upload(data: bytes, name="photo.jpg") -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=name)


@pytest.fixture(autouse=True)
def own_upload_folder(app, tmp_path, monkeypatch):
    """The shared test apps keep every test's uploads in one folder: this file
    counts files, so it needs one of its own."""
    factories.change_settings(monkeypatch, app, upload_dir=tmp_path / "uploads")


def files_in(kind: str) -> list:
    folder = upload_dir() / kind
    return sorted(folder.iterdir()) if folder.exists() else []


def test_photos_of_a_block_that_finishes_are_kept(app):
    with kept_only_if_saved() as uploads:
        photo = uploads.store(upload(jpeg()), "events")
    assert files_in("events") == [upload_dir() / photo.path]


@pytest.mark.parametrize("failure", [RuntimeError("database gone"), KeyboardInterrupt])
def test_photos_of_a_block_that_fails_are_removed(app, failure):
    with pytest.raises((RuntimeError, KeyboardInterrupt)):
        with kept_only_if_saved() as uploads:
            uploads.store(upload(jpeg()), "reports")
            uploads.store(upload(jpeg()), "reports")
            assert len(files_in("reports")) == 2
            raise failure
    assert files_in("reports") == []


def test_a_refused_second_photo_takes_the_first_with_it(app):
    with pytest.raises(PhotoRefused):
        with kept_only_if_saved() as uploads:
            uploads.store(upload(jpeg()), "reports")
            uploads.store(upload(b"%PDF-1.7 not a photo", "tem.pdf"), "reports")
    assert files_in("reports") == []


def test_a_product_refused_after_its_photo_was_stored_leaves_no_file(
    client, producer, app
):
    other = factories.product(factories.organisation())
    png = io.BytesIO()
    Image.new("RGB", (300, 300), (20, 90, 40)).save(png, "PNG")
    response = post_product(client, photo=png.getvalue(), gtin=other.gtin)
    assert response.status_code == 400 and "GTIN" in response.text
    assert files_in("products") == []

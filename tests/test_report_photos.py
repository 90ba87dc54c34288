"""Reports carry up to three photos, re-encoded without metadata, and join cases."""

import io

import pytest
from PIL import ExifTags, Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from tests import factories
from tests.conftest import SQLITE_ONLY
from webapp.extensions import db
from webapp.models import Case, Report, ReportPhoto
from webapp.services.common.photos import MAX_SIDE, PhotoRefused, reencode

BASE = {"place": "Chợ Phố Hiến, quầy số 12", "province": "33"}


def jpeg_with_gps(size=(2400, 1800)) -> bytes:
    """A camera-like JPEG: EXIF with the maker, orientation and a GPS position."""
    image = Image.new("RGB", size, (30, 120, 60))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = 6  # shot rotated: must come out upright
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (20.0, 39.0, 4.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 3.0, 12.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(data: bytes, name: str = "photo.jpg"):
    return (io.BytesIO(data), name)


def file_report(client, photos, **fields):
    # Encoded in memory: the test client would spool a large body to an
    # unclosed temporary file.
    files = MultiDict([("photos", FileStorage(data, name)) for data, name in photos])
    files.update({**BASE, **fields})
    boundary, body = encode_multipart(files)
    return client.post(
        "/report/",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def test_reencoding_strips_exif_gps_and_caps_the_size():
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    clean, width, height = reencode(original)
    with Image.open(io.BytesIO(clean)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()  # no EXIF at all, GPS included
        assert "exif" not in image.info and "icc_profile" not in image.info
    assert b"PhoneMaker" not in clean
    assert max(width, height) == MAX_SIDE
    assert height > width  # turned upright by its orientation tag


@pytest.mark.parametrize(
    "data", [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n broken", b"%PDF-1.7"]
)
def test_non_images_are_refused(data):
    with pytest.raises(PhotoRefused) as refused:
        reencode(data)
    assert refused.value.code == "not_an_image"


def test_report_with_photos_stores_clean_copies(client, app):
    response = file_report(
        client, [upload(jpeg_with_gps()), upload(jpeg_with_gps((800, 600)))]
    )
    assert response.status_code == 303
    report = db.session.scalars(select(Report)).one()
    assert len(report.photos) == 2
    folder = app.extensions["settings"].upload_dir
    for photo in report.photos:
        with Image.open(folder / photo.path) as stored:
            assert not stored.getexif()
            assert (stored.width, stored.height) == (photo.width, photo.height)
    status_page = client.get(response.headers["Location"])
    assert "Đã nhận 2 ảnh" in status_page.text


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_kept(client, app):
    folder = app.extensions["settings"].upload_dir
    before = set(folder.rglob("*.jpg"))
    response = file_report(
        client, [upload(jpeg_with_gps()), upload(b"MZ\x90\x00 program", "setup.exe")]
    )
    assert response.status_code == 400
    assert "Một tệp không phải là ảnh" in response.text
    assert db.session.scalars(select(Report)).all() == []
    assert db.session.scalars(select(ReportPhoto)).all() == []
    assert set(folder.rglob("*.jpg")) == before  # the good photo went too


def test_more_than_three_photos_are_refused(client, app):
    photos = [upload(jpeg_with_gps((200, 200))) for _ in range(4)]
    response = file_report(client, photos)
    assert response.status_code == 400
    assert "Chỉ gửi tối đa 3 ảnh" in response.text
    assert db.session.scalars(select(Report)).all() == []


@SQLITE_ONLY
def test_an_oversize_photo_is_refused_with_413(client, app):
    big = b"\xff\xd8\xff\xe0" + b"\0" * (10 * 1024 * 1024 + 1)
    response = file_report(client, [upload(big)])
    assert response.status_code == 413
    assert "Ảnh quá lớn" in response.text
    assert db.session.scalars(select(Report)).all() == []


@SQLITE_ONLY
def test_a_request_over_the_upload_limit_is_refused_with_413(client, app):
    huge = b"\0" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = file_report(client, [upload(huge)])
    assert response.status_code == 413
    assert db.session.scalars(select(Report)).all() == []


def test_reports_on_one_serial_join_one_case_and_follow_its_status(client, app):
    issued = factories.stamp(factories.batch(regions=("33",)))
    first = file_report(client, [], code=issued.url)
    second = file_report(client, [], code=issued.serial, province="01")
    assert first.status_code == second.status_code == 303
    case = db.session.scalars(select(Case)).one()
    assert len(case.reports) == 2
    assert case.province_codes == ["33"]  # a reporter's claim adds no province
    status_url = first.headers["Location"]
    assert "Đang chờ kiểm soát viên" in client.get(status_url).text
    inspector = factories.user("inspector", provinces=("33",))
    factories.sign_in(client, inspector)
    client.post(f"/inspector/cases/{case.id}/assign")
    assert (
        "Một kiểm soát viên quản lý thị trường đang xác minh"
        in client.get(status_url).text
    )
    client.post(
        f"/inspector/cases/{case.id}/status",
        data={"status": "confirmed_fake", "note": "Đã thu giữ tại chợ."},
    )
    client.post("/logout")
    resolved = client.get(status_url, headers={"Accept-Language": "en"}).text
    assert "Inspectors confirmed the product as counterfeit" in resolved


def test_reports_without_a_known_code_open_their_own_case(client, app):
    file_report(client, [], code="")
    file_report(client, [], code="")
    assert len(db.session.scalars(select(Case)).all()) == 2


def test_report_photos_are_shown_only_to_staff_who_may_see_the_case(client, app):
    issued = factories.stamp(factories.batch(regions=("33",)))
    file_report(client, [upload(jpeg_with_gps((300, 300)))], code=issued.url)
    path = db.session.scalars(select(ReportPhoto)).one().path
    url = f"/inspector/photos/{path}"
    assert client.get(url).status_code == 302  # the public is sent to sign in
    factories.sign_in(client, factories.user("inspector", provinces=("01",)))
    assert client.get(url).status_code == 404
    client.post("/logout")
    factories.sign_in(client, factories.user("inspector", provinces=("33",)))
    with client.get(url) as shown:
        assert shown.status_code == 200 and shown.mimetype == "image/jpeg"
    assert client.get("/inspector/photos/../../etc/passwd").status_code == 404

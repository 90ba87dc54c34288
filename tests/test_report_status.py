"""A shopper follows a report: its real path, thanks once, a look-up by reference."""

import re

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import Report
from webapp.services.casework.cases import assign, change_status

REPORT = {"code": "7K2P9Q4MXT3B6HC1", "place": "Chợ Phố Hiến", "province": "33"}


def file(client) -> Report:
    assert client.post("/report/", data=REPORT).status_code == 303
    return db.session.scalars(select(Report)).one()


def ticked(page: str) -> list[str]:
    """The labels of the steps ticked as done."""
    done = r'<li class="done"[^>]*><span aria-hidden="true">✔ </span>([^<]+)'
    return re.findall(done, page)


def test_thanks_only_right_after_sending(client, app):
    sent = client.post("/report/", data=REPORT, follow_redirects=True)
    assert "Cảm ơn bạn. Báo cáo đã được tiếp nhận." in sent.text
    assert sent.headers["Cache-Control"] == "no-store"  # no offline copy keeps it
    reference = db.session.scalars(select(Report)).one().reference
    later = client.get(f"/report/{reference}")
    assert reference in later.text and "Cảm ơn bạn" not in later.text


@pytest.mark.parametrize(
    ("taken", "closed", "steps", "sentence"),
    [
        (False, False, ["Tiếp nhận"], "Đang chờ kiểm soát viên"),
        (True, False, ["Tiếp nhận", "Xác minh"], "đang xác minh"),
        (False, True, ["Tiếp nhận", "Đã đóng"], "mà không xử lý thêm"),
        (True, True, ["Tiếp nhận", "Xác minh", "Đã đóng"], "mà không xử lý thêm"),
    ],
)
def test_status_shows_the_path_the_report_really_took(
    client, app, taken, closed, steps, sentence
):
    report = file(client)
    inspector = factories.user("inspector")
    if taken:
        assign(db.session, report.case, inspector)
    if closed:
        change_status(db.session, report.case, inspector, "dismissed", "Trùng lặp.")
    db.session.commit()
    page = client.get(f"/report/{report.reference}").text
    assert ticked(page) == steps
    assert ("Xác minh" in page) == (taken or not closed)
    assert sentence in page


def test_a_report_is_found_by_its_reference_however_typed(client, app):
    reference = file(client).reference
    assert 'action="/report/find"' in client.get("/report/").text
    typed = f" {reference.lower().replace('-', ' ')} "
    found = client.get("/report/find", query_string={"reference": typed})
    assert found.status_code == 303 and found.headers["Location"].endswith(reference)
    unknown = client.get("/report/find?reference=R-AAAAAAAA", follow_redirects=True)
    assert unknown.status_code == 404
    assert "Không có báo cáo nào mang mã này" in unknown.text
    assert 'name="reference" value="R-AAAAAAAA"' in unknown.text  # the form again
    garbled = client.get("/report/find?reference=<b>xyz</b>")
    assert garbled.status_code == 400 and "<b>xyz" not in garbled.text
    assert client.get("/report/find").status_code == 200

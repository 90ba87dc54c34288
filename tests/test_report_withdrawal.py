"""A reporter withdraws a report, its photos and contact with reference + secret."""

import re

from sqlalchemy import func, select

from tests.conftest import standalone_app
from tests.test_report_photos import file_report, jpeg_with_gps, upload
from webapp.extensions import db
from webapp.models import AuditEntry, Report, ReportPhoto
from webapp.web.uploads import upload_dir

REPORT = {
    "code": "7K2P9Q4MXT3B6HC1",
    "place": "Chợ Phố Hiến",
    "province": "33",
    "contact": "lan@example.vn",
}
SECRET = re.compile(r'class="withdraw-secret">([0-9A-Z]{5}-[0-9A-Z]{5})<')


def file(client, photos=()) -> tuple[str, str]:
    """File a report; return its reference and the secret shown once."""
    filed = file_report(client, photos, **REPORT)
    assert filed.status_code == 303
    sent = client.get(filed.headers["Location"])
    reference = db.session.scalars(select(Report)).one().reference
    secret = SECRET.search(sent.text).group(1)
    assert sent.text.count(secret) == 1  # in its place, not again as a banner
    return reference, secret


def test_the_secret_is_shown_once(client, app):
    reference, secret = file(client)
    later = client.get(f"/report/{reference}").text
    assert secret not in later and "Rút lại báo cáo" in later


def test_withdrawal_deletes_report_photos_and_contact(client, app):
    reference, secret = file(client, [upload(jpeg_with_gps((400, 300)))])
    path = db.session.scalars(select(ReportPhoto)).one().path
    assert (upload_dir() / path).exists()
    typed = secret.lower().replace("-", " ")  # however it was written down
    done = client.post(f"/report/{reference}/withdraw", data={"secret": typed})
    assert done.status_code == 303
    assert "Đã rút lại báo cáo" in client.get(done.headers["Location"]).text
    assert db.session.scalar(select(func.count()).select_from(Report)) == 0
    assert not (upload_dir() / path).exists()
    assert client.get(f"/report/{reference}").status_code == 404
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "report.withdrawn")
    ).first()
    assert entry.details == {"reference": reference}  # nothing the reporter wrote


def test_a_wrong_secret_is_refused_and_nothing_is_deleted(client, app):
    reference, secret = file(client)
    refused = client.post(
        f"/report/{reference}/withdraw", data={"secret": "AAAAA-BBBBB"}
    )
    assert refused.status_code == 400
    assert "Đây không phải mã bí mật của báo cáo này." in refused.text
    assert client.post(f"/report/{reference}/withdraw", data={}).status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Report)) == 1


def test_withdrawing_an_unknown_reference_is_404(client, app):
    response = client.post("/report/R-NOTREAL1/withdraw", data={"secret": "x"})
    assert response.status_code == 404


def test_the_withdraw_page_speaks_english_too(client, app):
    reference, _secret = file(client)
    page = client.get(
        f"/report/{reference}/withdraw", headers={"Accept-Language": "en"}
    )
    assert page.status_code == 200 and "Withdraw my report" in page.text


LIMITED = {
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_REPORT_LOOKUPS": "2/hour",
    "RATELIMIT_STORAGE_URI": "memory://",
}


def test_guessing_secrets_is_limited(tmp_path):
    with standalone_app(tmp_path, **LIMITED) as app:
        client = app.test_client()
        reference = file(client)[0]
        guesses = [
            client.post(f"/report/{reference}/withdraw", data={"secret": "AAAAA-BBBBB"})
            for _ in range(3)
        ]
        assert [g.status_code for g in guesses] == [400, 400, 429]
        assert "Bạn đã thử quá nhiều mã bí mật." in guesses[2].text


def test_looking_up_references_and_guessing_secrets_share_one_budget(tmp_path):
    with standalone_app(tmp_path, **LIMITED) as app:
        client = app.test_client()
        reference = file(client)[0]
        missed = client.get("/report/R-0000000X")
        guessed = client.post(
            f"/report/{reference}/withdraw", data={"secret": "AAAAA-BBBBB"}
        )
        again = client.post(
            f"/report/{reference}/withdraw", data={"secret": "CCCCC-DDDDD"}
        )
        assert [missed.status_code, guessed.status_code, again.status_code] == [
            404,
            400,
            429,
        ]

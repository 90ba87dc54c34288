"""Rate limits bound what one address can do; 429 in the visitor's language."""

import pytest

from tests.conftest import standalone_app


@pytest.fixture(params=["memory", "redis"])
def limited_app(request, tmp_path):
    """Limits counted in memory, and in Redis as several hosts would share them."""
    storage = {"RATELIMIT_STORAGE_URI": "memory://"}
    if request.param == "redis":
        storage = request.getfixturevalue("redis_limits")
    with standalone_app(
        tmp_path,
        RATELIMIT_ENABLED=True,
        RATELIMIT_SCANS="3/minute",
        RATELIMIT_REPORTS="2/hour",
        RATELIMIT_REPORTS_ADDRESS="4/hour",
        RATELIMIT_LOGINS="3/minute",
        RATELIMIT_REPORT_LOOKUPS="3/hour",
        **storage,
    ) as app:
        yield app


def scan(client, address):
    body = {
        "code": "/01/08931234567897/21/7K2P9Q4MXT3B6HC1",
        "device_id": "phone-1234-abcd",
    }
    return client.post(
        "/api/v1/scans",
        json=body,
        environ_base={"REMOTE_ADDR": address},
        headers={"Accept-Language": "en"},
    )


def test_fourth_scan_in_a_minute_from_one_address_is_refused(limited_app):
    client = limited_app.test_client()
    statuses = [scan(client, "127.0.0.5").status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]
    refused = scan(client, "127.0.0.5")
    assert refused.json["error"]["code"] == "too_many_requests"
    assert refused.json["error"]["message"].startswith("Too many requests")
    assert int(refused.headers["Retry-After"]) > 0
    assert scan(client, "127.0.0.6").status_code == 201  # another address is unaffected


def test_refusal_page_is_translated(limited_app):
    client = limited_app.test_client()
    for _ in range(3):
        client.post("/scan/record", data={"code": "/01/08931234567897/21/A"})
    page = client.post("/scan/record", data={"code": "/01/08931234567897/21/A"})
    assert page.status_code == 429 and "Bạn gửi quá nhiều yêu cầu" in page.text


REPORT = {"place": "Chợ Phố Hiến", "province": "33", "description": "Tem mờ"}


def report(client, device, address):
    client.set_cookie("device_id", device)
    return client.post("/report/", data=REPORT, environ_base={"REMOTE_ADDR": address})


def test_reports_are_limited_per_phone_and_the_text_is_kept(limited_app):
    client = limited_app.test_client()
    phone = "phone-aaaa-aaaa-0001"
    statuses = [report(client, phone, "100.64.0.1").status_code for _ in range(3)]
    assert statuses == [303, 303, 429]
    held = report(client, phone, "100.64.0.1")
    assert "Bạn đã gửi nhiều báo cáo" in held.text
    assert "Tem mờ" in held.text  # what they typed is still in the form
    assert int(held.headers["Retry-After"]) > 0
    # Another phone on the same mobile network is not blocked by this one.
    assert report(client, "phone-bbbb-bbbb-0002", "100.64.0.1").status_code == 303


def test_reports_are_limited_per_address_too(limited_app):
    client = limited_app.test_client()
    phones = [f"phone-cccc-cccc-{n:04d}" for n in range(5)]
    statuses = [report(client, phone, "100.64.0.9").status_code for phone in phones]
    assert statuses == [303, 303, 303, 303, 429]
    assert report(client, phones[4], "100.64.0.10").status_code == 303


def test_password_guessing_is_slowed_down(limited_app):
    client = limited_app.test_client()
    guess = {"email": "admin@example.vn", "password": "guess-number-1"}
    statuses = [
        client.post("/login", data=guess, environ_base={"REMOTE_ADDR": "10.9.9.9"})
        for _ in range(4)
    ]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]


def look_up(client, reference, address):
    response = client.get(f"/report/{reference}", environ_base={"REMOTE_ADDR": address})
    return response.status_code, response.text


def test_guessing_report_references_is_limited_but_finding_ones_own_is_not(
    limited_app,
):
    client = limited_app.test_client()
    sent = report(client, "phone-cccc-cccc-0003", "100.64.0.9").headers["Location"]
    reference = sent.rsplit("/", 1)[1]
    assert {look_up(client, reference, "100.64.0.9")[0] for _ in range(5)} == {200}
    guesses = [look_up(client, f"R-AAAAAAA{n}", "100.64.0.7")[0] for n in range(4)]
    assert guesses == [404, 404, 404, 429]
    status, page = look_up(client, reference, "100.64.0.7")
    assert status == 429 and "Bạn đã thử quá nhiều mã báo cáo" in page
    assert 'action="/report/find"' in page  # the form is still there
    assert look_up(client, "R-AAAAAAAA", "100.64.0.8")[0] == 404

"""The story GET served from its kept copy: the same page, never a stale one."""

import time
import uuid

import pytest
import time_machine
from sqlalchemy import event

from tests import factories
from tests.conftest import IsolatedClient
from webapp import create_app
from webapp.extensions import db
from webapp.models import Batch, Organisation

JSON = {"Accept": "application/json"}


@pytest.fixture
def issued(app):
    return factories.stamp()


def path_of(issued) -> str:
    return issued.url.removeprefix(factories.BASE_URL)


def form_token(page: str) -> str:
    return page.split('name="csrf-token" content="')[1].split('"')[0]


def without_token(page: str) -> str:
    """The page with its form token (signed afresh each time) left out."""
    return page.replace(form_token(page), "") if "csrf-token" in page else page


class Statements:
    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._seen)

    def _seen(self, *args):
        self.count += 1


def test_kept_page_and_json_equal_the_fresh_ones(app, client, issued):
    for headers in ({}, JSON):
        with Statements(db.engine) as fresh_cost:
            fresh = client.get(path_of(issued), headers=headers)
        with Statements(db.engine) as kept_cost:
            kept = client.get(path_of(issued), headers=headers)
        assert fresh.status_code == kept.status_code == 200
        assert without_token(kept.text) == without_token(fresh.text)
        assert kept.headers["ETag"] == fresh.headers["ETag"]
        assert kept.headers["Link"] == fresh.headers["Link"]
        assert kept_cost.count == 1 < fresh_cost.count  # the serial's state only


def test_a_second_visitor_gets_their_own_form_token(app, client, issued):
    first = client.get(path_of(issued))
    other = app.test_client()
    second = other.get(path_of(issued))
    assert "form-token" not in second.text
    mine, theirs = form_token(first.text), form_token(second.text)
    assert mine and theirs and mine != theirs
    assert without_token(first.text) == without_token(second.text)
    assert first.headers["ETag"] != second.headers["ETag"]


def test_matching_etag_answers_304(app, client, issued):
    for headers in ({}, JSON):
        first = client.get(path_of(issued), headers=headers)
        again = client.get(
            path_of(issued), headers={**headers, "If-None-Match": first.headers["ETag"]}
        )
        assert again.status_code == 304 and again.get_data() == b""
    shared = client.get(path_of(issued), headers=JSON)
    assert shared.headers["Cache-Control"] == "public, no-cache"
    assert client.get(path_of(issued)).headers["Cache-Control"] == "private, no-cache"


def _rename_product(issued):
    _batch(issued).product.name_en = "Renamed longan"
    return "Renamed longan"


def _batch(issued) -> Batch:
    return db.session.get(Batch, factories.stamp_row(issued).batch_id)


def _rename_producer(issued):
    org = db.session.get(Organisation, _batch(issued).product.organisation_id)
    org.name = "Renamed cooperative"
    return "Renamed cooperative"


def _recall(issued):
    _batch(issued).status = "recalled"
    return "recalled"


def _add_event(issued):
    factories.event(_batch(issued), place_en="Night market stall")
    return "Night market stall"


def _withdraw_approval(issued):
    _batch(issued).product.approved_at = None
    return "awaiting_approval"


def _void_stamp(issued):
    factories.stamp_row(issued).status = "void"
    return "void"


@pytest.mark.parametrize(
    "write",
    [
        _rename_product,
        _rename_producer,
        _recall,
        _add_event,
        _withdraw_approval,
        _void_stamp,
    ],
)
def test_each_write_shows_at_once(app, client, issued, write):
    english = {**JSON, "Accept-Language": "en"}
    before = client.get(path_of(issued), headers=english)
    client.get(path_of(issued), headers=english)  # now kept
    shown = write(issued)
    db.session.commit()
    after = client.get(path_of(issued), headers=english)
    assert shown not in before.text
    assert shown in after.text
    assert after.headers["ETag"] != before.headers["ETag"]


@pytest.fixture
def redis_url():
    from redis import Redis

    url = "redis://127.0.0.1:6379/0"
    try:
        Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except Exception:  # noqa: BLE001
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    return url


def second_app(app, **config):
    other = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "STAMP_KEYS": app.config["STAMP_KEYS"],
            "PUBLIC_BASE_URL": app.config["PUBLIC_BASE_URL"],
            "SECRET_KEY": app.config["SECRET_KEY"],
            "PRIVACY_KEY": "test-privacy",
            "RATELIMIT_ENABLED": False,
            **config,
        }
    )
    other.test_client_class = IsolatedClient
    return other


def test_a_write_on_one_server_shows_on_another_sharing_redis(app, issued, redis_url):
    prefix = f"test-story-{uuid.uuid4().hex}:"
    shared = {"REDIS_URL": redis_url, "STORY_CACHE_PREFIX": prefix}
    reader, writer = second_app(app, **shared), second_app(app, **shared)
    english = {**JSON, "Accept-Language": "en"}
    with reader.app_context():
        client = reader.test_client()
        before = client.get(path_of(issued), headers=english)
        kept = client.get(path_of(issued), headers=english)
        assert kept.get_data() == before.get_data()
    with writer.app_context():
        row = db.session.get(Batch, factories.stamp_row(issued).batch_id)
        row.status = "recalled"
        db.session.commit()
        db.session.remove()
    with reader.app_context():
        after = reader.test_client().get(path_of(issued), headers=english)
        assert "recalled" in after.text and "recalled" not in before.text
        db.session.remove()
    for each in (reader, writer):
        with each.app_context():
            db.engine.dispose()
    from redis import Redis

    shared_redis = Redis.from_url(redis_url)
    for key in shared_redis.scan_iter(f"{prefix}*"):
        shared_redis.delete(key)


def test_redis_down_serves_the_story_afresh(app, issued):
    down = second_app(app, REDIS_URL="redis://127.0.0.1:1/0")
    with down.app_context():
        client = down.test_client()
        for _ in range(2):
            response = client.get(path_of(issued), headers=JSON)
            assert response.status_code == 200
            assert response.json["serial"] == issued.serial
        db.engine.dispose()


def test_public_answers_do_not_vary_on_cookie(client):
    client.set_cookie("lang", "en")
    keys = client.get("/stamp-keys.json")
    assert keys.status_code == 200
    assert "Cookie" not in keys.headers.get("Vary", "")
    assert "Set-Cookie" not in keys.headers


def test_scan_result_pages_are_not_kept(app, client, issued):
    client.get(path_of(issued))
    personal = client.get(path_of(issued) + "&scan=1")
    assert personal.status_code == 200
    assert "ETag" not in personal.headers


def test_a_signed_in_inspector_is_never_served_a_kept_page(app, client, issued):
    client.get(path_of(issued))  # kept for visitors
    factories.sign_in(client, factories.user("inspector"))
    page = client.get(path_of(issued))
    assert page.status_code == 200 and "ETag" not in page.headers
    assert "private, no-store" in page.headers["Cache-Control"]


def test_made_up_query_parameters_fill_no_cache(app, client, issued):
    client.get(path_of(issued))
    kept = len(app.extensions["story_cache"].items)
    for n in range(5):
        page = client.get(path_of(issued) + f"&x={n}")
        assert page.status_code == 200 and "ETag" not in page.headers
    assert len(app.extensions["story_cache"].items) == kept
    assert "ETag" in client.get(path_of(issued) + "&lang=en").headers


def test_a_page_revalidated_late_is_sent_again_with_a_fresh_token(app, client, issued):
    first = client.get(path_of(issued))
    tag = {"If-None-Match": first.headers["ETag"]}
    assert client.get(path_of(issued), headers=tag).status_code == 304
    lifetime = app.config.get("WTF_CSRF_TIME_LIMIT", 3600)
    with time_machine.travel(time.time() + lifetime, tick=True):
        late = client.get(path_of(issued), headers=tag)
    # A connection opened an hour ahead would outlive the pool's next
    # invalidation (it compares connection times with the clock).
    db.engine.dispose()
    assert late.status_code == 200  # its token would have expired on the phone
    assert form_token(late.text) != form_token(first.text)


def test_only_the_stamps_own_signature_is_kept(app, client, issued):
    path = path_of(issued)
    assert "s=" in path
    genuine = client.get(path)
    assert genuine.status_code == 200 and "ETag" in genuine.headers
    kept = len(app.extensions["story_cache"].items)
    signature = path.split("s=")[1].split("&")[0]
    key_id, _, value = signature.partition(".")
    for n in range(5):
        # Well formed, the right key id, a made-up signature: the page is shown
        # (the phone says the signature fails) but no copy is kept of it.
        # Characters inside the signature (the last one has bits the decoder
        # ignores): any change there is another signature.
        made_up = value[:10] + ("AB", "CD", "EF", "GH", "IJ")[n] + value[12:]
        if made_up == value:
            continue
        forged = path.replace(signature, f"{key_id}.{made_up}")
        page = client.get(forged)
        assert page.status_code == 200 and "ETag" not in page.headers
    assert len(app.extensions["story_cache"].items) == kept
    assert "ETag" in client.get(path).headers  # the genuine one is still kept

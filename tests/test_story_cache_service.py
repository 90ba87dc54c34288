"""Kept stories and their version counters, in this process and in a real Redis."""

from __future__ import annotations

import logging
import time
import uuid

import pytest
import redis
from flask import Flask

from tests import factories
from tests.throwaway import free_port
from webapp.extensions import db
from webapp.models import BatchRegion
from webapp.services.catalog import story_cache
from webapp.services.catalog.story_cache import MemoryStore, RedisStore, counter_names
from webapp.web.story_pages import init_story_cache

SHARED_REDIS = "redis://127.0.0.1:6379/0"


def test_counter_names_name_the_producer_product_and_lot():
    assert counter_names(3, 7, 11) == ["org:3", "product:7", "batch:11"]
    assert counter_names(3, 7, None) == ["org:3", "product:7"]


def test_a_story_key_is_short_fixed_and_changes_with_any_part():
    key = story_cache.story_key(["v1", "json", "vi", "/01/x", 0, 0, 0])
    assert len(key) == 32 and int(key, 16) >= 0
    assert key == story_cache.story_key(["v1", "json", "vi", "/01/x", 0, 0, 0])
    assert key != story_cache.story_key(["v1", "json", "vi", "/01/x", 0, 0, 1])
    assert key != story_cache.story_key(["v1", "html", "vi", "/01/x", 0, 0, 0])
    # The parts are kept apart: moving text from one to the next changes it.
    assert story_cache.story_key(["ab", "c"]) != story_cache.story_key(["a", "bc"])


def _stale_after_bumps(store) -> None:
    """A story's key holds its versions: a bump of one it is made from changes
    the key; a bump of another story's leaves it."""
    names = counter_names(1, 2, 3)
    before = story_cache.story_key(["page", *store.versions(names)])
    store.bump(["product:99"])
    assert story_cache.story_key(["page", *store.versions(names)]) == before
    store.bump(["product:2"])
    assert story_cache.story_key(["page", *store.versions(names)]) != before


# In this process.


def test_memory_counters_start_at_zero_and_count_each_bump():
    store = MemoryStore()
    assert store.versions(["org:1", "product:2"]) == [0, 0]
    store.bump(["org:1", "product:2"])
    store.bump(["org:1"])
    assert store.versions(["org:1", "product:2", "batch:3"]) == [2, 1, 0]


def test_memory_bumps_make_a_kept_story_unreachable():
    _stale_after_bumps(MemoryStore())


def test_memory_keeps_and_fetches_a_story():
    store = MemoryStore()
    assert store.get("k") is None
    store.put("k", b"<html>story</html>")
    assert store.get("k") == b"<html>story</html>"
    store.put("k", b"newer")
    assert store.get("k") == b"newer"
    assert len(store.items) == 1


def test_memory_forgets_a_story_after_its_time():
    store = MemoryStore(seconds=0)
    store.put("k", b"story")
    time.sleep(0.01)
    assert store.get("k") is None
    assert "k" not in store.items  # removed, not only hidden
    assert MemoryStore(seconds=300).get("k") is None


def test_memory_drops_the_least_recently_used_story_when_full():
    store = MemoryStore(size=2)
    store.put("a", b"A")
    store.put("b", b"B")
    assert store.get("a") == b"A"  # a is now the most recent
    store.put("c", b"C")
    assert store.get("b") is None
    assert (store.get("a"), store.get("c")) == (b"A", b"C")
    assert len(store.items) == 2


# In Redis, shared by every app server.


@pytest.fixture
def prefix():
    """A prefix of this test's own in the shared Redis, its keys deleted after."""
    name = f"test-story-{uuid.uuid4().hex}:"
    yield name
    client = redis.Redis.from_url(SHARED_REDIS)
    for key in client.scan_iter(f"{name}*"):
        client.delete(key)
    client.close()


def _redis_store(prefix: str, seconds: int = 300) -> RedisStore:
    return RedisStore(redis.Redis.from_url(SHARED_REDIS), prefix, seconds)


def test_redis_counters_are_shared_by_stores_of_one_prefix(prefix):
    here, there = _redis_store(prefix), _redis_store(prefix)
    assert here.versions(["org:1", "batch:3"]) == [0, 0]
    there.bump(["org:1", "batch:3"])
    there.bump(["batch:3"])
    assert here.versions(["org:1", "batch:3"]) == [1, 2]
    assert redis.Redis.from_url(SHARED_REDIS).get(f"{prefix}v:batch:3") == b"2"
    elsewhere = _redis_store(prefix + "other:")
    assert elsewhere.versions(["batch:3"]) == [0]


def test_redis_bumps_make_a_kept_story_unreachable(prefix):
    _stale_after_bumps(_redis_store(prefix))


def test_redis_keeps_a_story_for_its_time_only(prefix):
    store = _redis_store(prefix, seconds=120)
    assert store.get("k") is None
    store.put("k", b"<html>story</html>")
    assert _redis_store(prefix).get("k") == b"<html>story</html>"
    ttl = redis.Redis.from_url(SHARED_REDIS).ttl(f"{prefix}k")
    assert 0 < ttl <= 120


def test_a_redis_that_is_down_costs_the_cache_never_the_page(caplog):
    closed = redis.Redis.from_url(
        f"redis://127.0.0.1:{free_port()}/0", socket_connect_timeout=0.5
    )
    store = RedisStore(closed, "story:")
    with caplog.at_level(logging.WARNING, logger=story_cache.__name__):
        assert store.versions(["org:1"]) is None  # "make the story afresh"
        assert store.get("k") is None
        store.put("k", b"story")
        store.bump(["org:1"])
    assert [record.getMessage() for record in caplog.records] == [
        "story cache unavailable (Redis)",
        "story cache unavailable (Redis)",
        "story not kept (Redis)",
        "story versions not bumped (Redis)",
    ]


# Which store an app uses.


def _flask_app(**config) -> Flask:
    app = Flask(__name__)
    app.config.update(
        REDIS_URL=None, STORY_CACHE_SECONDS=None, STORY_CACHE_SIZE=64,
        STORY_CACHE_PREFIX="ocop:story:",
    )  # fmt: skip
    app.config.update(config)
    init_story_cache(app)
    return app


def test_without_redis_stories_are_kept_in_the_process_for_30_seconds():
    store = _flask_app().extensions["story_cache"]
    assert isinstance(store, MemoryStore)
    assert (store.size, store.seconds) == (64, 30)


def test_with_redis_stories_are_kept_there_for_300_seconds():
    store = _flask_app(REDIS_URL=SHARED_REDIS).extensions["story_cache"]
    assert isinstance(store, RedisStore)
    assert (store.prefix, store.seconds) == ("ocop:story:", 300)


def test_a_configured_time_applies_to_either_store():
    memory = _flask_app(STORY_CACHE_SECONDS=5).extensions["story_cache"]
    shared = _flask_app(REDIS_URL=SHARED_REDIS, STORY_CACHE_SECONDS=5)
    assert memory.seconds == shared.extensions["story_cache"].seconds == 5


# The writes that make a story stale bump its counters when they commit.


def _versions(app, *names: str) -> list[int]:
    return app.extensions["story_cache"].versions(list(names))


@pytest.fixture
def lot(app):
    return factories.batch()


def _changed(app, lot, write) -> dict[str, int]:
    """How much each of the lot's counters moved with one committed write."""
    names = counter_names(lot.product.organisation_id, lot.product_id, lot.id)
    before = _versions(app, *names)
    write(lot)
    db.session.commit()
    after = _versions(app, *names)
    return {
        name.split(":")[0]: new - old
        for name, new, old in zip(names, after, before, strict=True)
    }


def test_renaming_the_producer_bumps_its_counter_only(app, lot):
    def rename(lot):
        lot.product.organisation.name = "HTX Đổi tên"

    assert _changed(app, lot, rename) == {"org": 1, "product": 0, "batch": 0}


def test_changing_the_product_bumps_its_counter_once(app, lot):
    def edit(lot):
        lot.product.name_en = "Renamed"
        db.session.flush()
        lot.product.summary_en = "Changed twice in one transaction"

    assert _changed(app, lot, edit) == {"org": 0, "product": 1, "batch": 0}


@pytest.mark.parametrize(
    "write",
    [
        lambda lot: setattr(lot, "status", "recalled"),
        lambda lot: factories.event(lot, place_en="Night market", commit=False),
        lambda lot: db.session.add(BatchRegion(batch_id=lot.id, province_code="79")),
    ],
    ids=["lot-recalled", "journey-event-added", "region-added"],
)
def test_a_change_to_the_lot_or_its_journey_bumps_the_lots_counter(app, lot, write):
    assert _changed(app, lot, write) == {"org": 0, "product": 0, "batch": 1}


def test_a_change_to_a_stamp_alone_bumps_no_counter(app, lot):
    issued = factories.stamp(lot)

    def void(lot):
        factories.stamp_row(issued).status = "void"

    assert _changed(app, lot, void) == {"org": 0, "product": 0, "batch": 0}


def test_a_write_rolled_back_bumps_nothing(app, lot):
    names = counter_names(lot.product.organisation_id, lot.product_id, lot.id)
    before = _versions(app, *names)
    lot.status = "recalled"
    lot.product.name_en = "Never saved"
    db.session.flush()
    db.session.rollback()
    db.session.commit()  # nothing left to commit, nothing noted
    assert _versions(app, *names) == before

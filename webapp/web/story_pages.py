"""A serial's story served from the kept copy when nothing it shows has changed.

The story's GET records nothing, so it is the same for every visitor until the
producer, product or lot changes (their version counters, services/
story_cache) or the serial's own state does (read here on every request, one
statement). An HTML page carries the visitor's form token: it is kept with a
placeholder put back per request, and only for visitors not signed in (staff
see their name and role). JSON carries nothing of the visitor's.
"""

from __future__ import annotations

import time
from functools import cache

from flask import Flask, current_app, has_app_context, request, session
from sqlalchemy import bindparam, event, select
from sqlalchemy.orm import Session

from webapp.extensions import db, settings
from webapp.models import Batch, BatchRegion, JourneyEvent, Organisation, Product, Stamp
from webapp.services.catalog import story_cache
from webapp.services.common.clock import today_in_vietnam
from webapp.services.common.driver_statements import on_driver
from webapp.services.stamps import stamp_signatures
from webapp.services.standards.digital_link import DigitalLink
from webapp.web.auth import signed_in
from webapp.web.form_tokens import browser_secret, generate_csrf
from webapp.web.i18n import current_lang
from webapp.web.negotiation import wants_json
from webapp.web.static_assets import cache_version

# Escaping changes "<" and '"', so no text a page shows can be taken for it.
TOKEN_PLACEHOLDER = '<"form-token">'
# The only query parameters a kept story may carry (the language, the stamp's
# signature): any other (a visitor's own scan, a link type, a GS1 attribute, or
# one made up to fill the cache) is served afresh.
KEPT_PARAMETERS = frozenset({"lang", "s"})


def init_story_cache(app: Flask) -> None:
    seconds = app.config["STORY_CACHE_SECONDS"]
    store: story_cache.RedisStore | story_cache.MemoryStore
    if app.config["REDIS_URL"]:
        seconds = seconds or 300
        from redis import Redis

        client = Redis.from_url(
            app.config["REDIS_URL"], socket_timeout=0.5, socket_connect_timeout=0.5
        )
        store = story_cache.RedisStore(
            client, app.config["STORY_CACHE_PREFIX"], seconds
        )
    else:
        seconds = seconds or 30
        store = story_cache.MemoryStore(app.config["STORY_CACHE_SIZE"], seconds)
    app.extensions["story_cache"] = store


def _store():
    return current_app.extensions["story_cache"]


class Kept:
    """The key of one story request, and the kept answer if there is one."""

    def __init__(
        self,
        key: str,
        body: bytes | None,
        as_json: bool,
        link: DigitalLink | None = None,
        org_id: int | None = None,
    ):
        self.key, self.body, self.as_json = key, body, as_json
        self.link, self.org_id = link, org_id

    def may_keep(self) -> bool:
        """Only a stamp's own signature (`s`) is kept with it: made-up values
        would each fill a copy. Checked on a miss only (a hit was checked)."""
        value = request.args.get(stamp_signatures.QUERY_KEY)
        if value is None:
            return True
        if self.link is None or self.org_id is None:
            return False
        link = self.link
        keys = stamp_signatures.public_keys(settings().stamp_keys, [self.org_id])
        found = stamp_signatures.signer_of(
            value,
            link.gtin,
            link.lot,
            link.serial or "",
            stamp_signatures.by_key_id(keys),
        )
        return found is not None

    @property
    def etag(self) -> str:
        if self.as_json:
            return self.key
        # The page carries this visitor's form token (masked afresh on every
        # page, from one secret per browser): the tag goes by that secret, and
        # by the half of the token's lifetime we are in, so a copy the phone
        # revalidates (304) never holds a token about to expire.
        lifetime = current_app.config.get("WTF_CSRF_TIME_LIMIT", 3600)
        period = int(time.time() // (lifetime / 2)) if lifetime else 0
        return story_cache.story_key([self.key, browser_secret(), period])


def lookup(link: DigitalLink) -> Kept | None:
    """The key of this story request (None when it cannot be kept)."""
    if not current_app.config["STORY_CACHE"] or link.level != "item":
        return None
    if not set(request.args) <= KEPT_PARAMETERS or request.headers.get("HX-Request"):
        return None
    as_json = wants_json()
    if not as_json and (signed_in() or _has_flashes()):
        return None
    state = _serial_state(link)
    if state is None:
        return None
    names = story_cache.counter_names(
        state["org_id"], state["product_id"], state["batch_id"]
    )
    versions = _store().versions(names)
    if versions is None:  # the store is down: serve afresh
        return None
    key = story_cache.story_key(
        [
            cache_version(),
            "json" if as_json else "html",
            current_lang(),
            request.full_path,
            today_in_vietnam(),
            *state.values(),
            *versions,
        ]
    )
    return Kept(key, _store().get(key), as_json, link, state["org_id"])


def answer(kept: Kept, page: bytes):
    """The kept story (page, its kept body), or 304 when the client has it."""
    links, body = page.decode().split("\n", 1)
    if not kept.as_json:
        body = body.replace(TOKEN_PLACEHOLDER, generate_csrf())
    mimetype = "application/json" if kept.as_json else "text/html"
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Link"] = links
    return finish(response, kept)


def keep(response, kept: Kept):
    """Keep a freshly made story (200 only), then answer as from the cache."""
    if response.status_code != 200:
        return response
    if not kept.may_keep():
        return response
    body = response.get_data(as_text=True)
    if not kept.as_json:
        body = body.replace(generate_csrf(), TOKEN_PLACEHOLDER)
    # The Link header (one line) goes with the body: it is made from the
    # link and the configuration only.
    _store().put(kept.key, f"{response.headers['Link']}\n{body}".encode())
    return finish(response, kept)


def finish(response, kept: Kept):
    """Validators and caching rules: shared caches keep JSON, never HTML."""
    response.set_etag(kept.etag)
    max_age = current_app.config["STORY_MAX_AGE"]
    if kept.as_json and max_age:
        response.headers["Cache-Control"] = (
            f"public, max-age={max_age}, stale-while-revalidate={max_age * 5}"
        )
    elif kept.as_json:
        response.headers["Cache-Control"] = "public, no-cache"
    else:
        response.headers["Cache-Control"] = "private, no-cache"
    return response.make_conditional(request)


def _has_flashes() -> bool:
    return bool(session.get("_flashes"))


def _serial_state(link: DigitalLink):
    """What of the serial itself the story shows, in one statement."""
    params = {"serial": link.serial, "gtin": link.gtin}
    if link.lot:
        params["lot"] = link.lot
    # One statement on a connection of its own, outside any transaction, run
    # on the driver (a kept story needs nothing else from the database).
    with db.engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        statement = on_driver(_state_statement(bool(link.lot)), connection.dialect)
        return statement.first(connection, params)


@cache  # built once: building and hashing it cost more than running it
def _state_statement(by_lot: bool):
    statement = (
        select(
            Stamp.id.label("stamp_id"),
            Stamp.status,
            Stamp.confirmed_fake_at,
            Batch.id.label("batch_id"),
            Batch.status.label("batch_status"),
            Product.id.label("product_id"),
            Product.organisation_id.label("org_id"),
        )
        .join(Batch, Batch.id == Stamp.batch_id)
        .join(Product, Product.id == Batch.product_id)
        .where(Stamp.serial == bindparam("serial"), Product.gtin == bindparam("gtin"))
    )
    if by_lot:
        statement = statement.where(Batch.lot_code == bindparam("lot"))
    return statement.limit(1)


# Writes that change a story, wherever they are made: every ORM change of
# these rows bumps its owner's version once the transaction commits.
def _owners(instance) -> list[str]:
    if isinstance(instance, Organisation):
        return [f"org:{instance.id}"]
    if isinstance(instance, Product):
        return [f"product:{instance.id}"]
    if isinstance(instance, Batch):
        return [f"batch:{instance.id}"]
    if isinstance(instance, BatchRegion | JourneyEvent):
        return [f"batch:{instance.batch_id}"] if instance.batch_id else []
    return []


@event.listens_for(Session, "after_flush")
def _note_changes(session, _context) -> None:
    changed = session.info.setdefault("story_changes", set())
    for instance in (*session.new, *session.dirty, *session.deleted):
        changed.update(_owners(instance))


@event.listens_for(Session, "after_commit")
def _bump_versions(session) -> None:
    changed = session.info.pop("story_changes", None)
    if changed and has_app_context() and "story_cache" in current_app.extensions:
        _store().bump(sorted(changed))


@event.listens_for(Session, "after_rollback")
def _forget_changes(session) -> None:
    session.info.pop("story_changes", None)

"""Flask extensions, created unbound and attached in create_app()."""

import ipaddress
from functools import update_wrapper
from typing import TYPE_CHECKING, ClassVar

from flask import Flask, current_app, request
from flask_babel import Babel
from flask_cors import CORS
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, Table
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase

from webapp.services.common.settings import Settings
from webapp.web.form_tokens import FormTokens

# Named constraints keep Alembic migrations portable between SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    if TYPE_CHECKING:
        # Every model maps a table of its own (no inheritance), so its
        # __table__ is a Table, as Core's insert() and update() want.
        __table__: ClassVar[Table]


class Database(SQLAlchemy):
    """Flask-SQLAlchemy whose end-of-request clean-up never fails an answer.

    A read leaves its transaction open until the request ends; if the server
    dropped the connection meanwhile (a restart, a shutdown), the closing
    ROLLBACK fails after the answer was made, and the client would get no
    answer at all. The connection is dropped instead.
    """

    def _teardown_session(self, error: BaseException | None) -> None:
        try:
            self.session.remove()
        except DBAPIError:
            try:
                self.session.registry().invalidate()
            except DBAPIError:
                pass  # nothing left to close
            self.session.registry.clear()


db = Database(model_class=Base)

if TYPE_CHECKING:
    # A type checker cannot take a base class from an instance's attribute
    # (db.Model), so models subclass this name. To the checker it is the typed
    # declarative base; at run time it is db.Model, the same base with
    # Flask-SQLAlchemy's table naming and binds mixed in.
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
babel = Babel()
htmx = HTMX()
cors = CORS()
csrf = FormTokens()


def app_itself() -> Flask:
    """The app behind current_app, to keep beyond this context (a thread, a job)."""
    # Flask types current_app as the Flask it stands for, not as the proxy it is.
    return current_app._get_current_object()  # type: ignore[attr-defined]


def settings() -> Settings:
    """The app's settings for the domain, built once by create_app."""
    return current_app.extensions["settings"]


def client_address() -> str:
    """The caller's address: the socket peer, or what trusted proxies report."""
    return request.remote_addr or "unknown"


def address_key() -> str:
    """Rate-limit key of the caller's address; IPv6 by its /64.

    An IPv6 subscriber is given a whole /64 and may use any address in it:
    counting per address would let one phone multiply every limit.
    """
    address = client_address()
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:  # ::ffff:a.b.c.d is an IPv4 client
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


limiter = Limiter(key_func=address_key)


def device_key() -> str:
    """Rate-limit key for the browser's anonymous device cookie (else its address)."""
    return "device:" + (request.cookies.get("device_id") or address_key())


def rate_limited(
    setting: str,
    per_device: bool = False,
    on_breach=None,
    deduct_when=None,
    shared: bool = False,
):
    """Limit a view by the rate in config[setting], unless limits are switched off.

    Flask-Limiter keeps its on/off switch on the shared extension object, so
    the switch is read per app here: one app (a test, a simulation) cannot
    turn another's limits on or off. per_device counts by the anonymous
    device cookie instead of the address, so one household behind a shared
    address is not blocked by its neighbours. deduct_when(response) counts
    only some answers (such as misses), while every request is checked.
    shared counts every view limited by this setting in one budget (otherwise
    each view has its own).
    """
    scope = f"{setting}:device" if per_device else setting

    def rate() -> str:
        return current_app.config[setting]

    key_func = device_key if per_device else None
    if shared:
        guard = limiter.shared_limit(
            rate,
            key_func=key_func,
            scope=scope,
            on_breach=on_breach,
            deduct_when=deduct_when,
        )
    else:
        guard = limiter.limit(
            rate,
            key_func=key_func,
            scope=scope if per_device else None,
            on_breach=on_breach,
            deduct_when=deduct_when,
        )

    def decorate(view):
        if isinstance(view, SwitchedLimits):  # stacked: one more limit
            view.limited = guard(view.limited)  # Flask-Limiter adds it to its wrapper
            return view
        return SwitchedLimits(view, guard(view))

    return decorate


class SwitchedLimits:
    """A view whose Flask-Limiter wrapper runs only while limits are on.

    Switched off, Flask-Limiter would still resolve and filter the view's
    limits on every request before finding it exempt: it is skipped whole.
    """

    def __init__(self, view, limited) -> None:
        update_wrapper(self, view)
        self.view, self.limited = view, limited

    def __call__(self, *args, **kwargs):
        if current_app.config["RATE_LIMITS_ON"]:
            return self.limited(*args, **kwargs)
        return self.view(*args, **kwargs)

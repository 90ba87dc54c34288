"""Form tokens against cross-site requests, with no server session to write.

Each browser gets a random secret in a cookie of its own (HttpOnly, SameSite
Lax, Secure over HTTPS), set by the first answer that carries a token. A token
is the time it was made and an HMAC of that secret and time under a key
derived from SECRET_KEY, masked with fresh random bytes for every answer: no
two pages carry the same token bytes, so compressed pages beside reflected
text cannot leak it a byte at a time (BREACH). Another site can neither read
the cookie nor make a token that matches it.

Flask-WTF keeps its secret in the session, which signs and sends a session
cookie on the first page of every visitor: for a phone opening a stamp's story
that was more CPU than reading the story. The checks are Flask-WTF's
(CSRFProtect's exemptions, headers and referrer rule; its CSRFError): only
where the secret lives and how the token is made differ.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import re
import secrets
import struct
import time

from flask import Flask, current_app, g, request, session
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError, CSRFProtect, same_origin
from markupsafe import Markup, escape
from wtforms import ValidationError
from wtforms.csrf.core import CSRF

log = logging.getLogger(__name__)

COOKIE = "csrf"
SECRET_BYTES = 32
MAC_BYTES = 20
STAMP = struct.Struct(">I")  # when the token was made, in whole seconds
TOKEN_BYTES = STAMP.size + MAC_BYTES
SECRET_FORM = re.compile(r"[A-Za-z0-9_-]{43}")  # token_urlsafe(32)
TOKEN_FORM = re.compile(r"[A-Za-z0-9_-]{64}")  # urlsafe base64 of 48 bytes
FUTURE_SECONDS = 60  # clocks of several servers may differ a little


def _signing_key() -> bytes:
    app = current_app
    key = app.extensions.get("form_token_key")
    if key is None:
        secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
        if not secret:
            raise RuntimeError("A secret key is required to use CSRF.")
        if isinstance(secret, str):
            secret = secret.encode()
        key = hmac.new(secret, b"form-token", hashlib.sha256).digest()
        app.extensions["form_token_key"] = key
    return key


def _valid_secret(value: str | None) -> bool:
    return value is not None and SECRET_FORM.fullmatch(value) is not None


def browser_secret() -> str:
    """This browser's secret: from its cookie, or a new one set on the answer."""
    secret = g.get("form_secret")
    if secret is None:
        cookie = request.cookies.get(COOKIE)
        if cookie is not None and _valid_secret(cookie):
            secret = cookie
        else:
            secret = secrets.token_urlsafe(SECRET_BYTES)
            g.form_secret_is_new = True
        g.form_secret = secret
    return secret


def signed_in_as() -> str:
    """Who the session is signed in as ("<user id>.<session version>", or "").

    A token is good only for the account it was made for: a secret planted in
    someone's browser (a sibling subdomain can set cookies for the parent
    domain) gives a token made by its planter nothing once the victim is
    signed in, and signing in or out, or ending an account's sessions, retires
    the tokens made before.
    """
    return session.get("_user_id") or ""


def _mac(secret: str, holder: str, stamp: bytes) -> bytes:
    message = b"\x00".join((stamp, secret.encode(), holder.encode()))
    return hmac.new(_signing_key(), message, hashlib.sha256).digest()[:MAC_BYTES]


def token_for(secret: str, holder: str = "", now: float | None = None) -> str:
    """A masked token for this secret and account (needs the app, for its key)."""
    stamp = STAMP.pack(int(time.time() if now is None else now) & 0xFFFFFFFF)
    plain = stamp + _mac(secret, holder, stamp)
    pad = secrets.token_bytes(TOKEN_BYTES)
    masked = bytes(a ^ b for a, b in zip(pad, plain, strict=True))
    return base64.urlsafe_b64encode(pad + masked).decode()


def generate_csrf() -> str:
    """The token this answer's forms carry (one per answer, masked afresh)."""
    token = g.get("form_token")
    if token is None:
        token = g.form_token = token_for(browser_secret(), signed_in_as())
    return token


def validate_csrf(data: object, time_limit: int | None = None) -> None:
    """Raise ValidationError unless data is a token made for this browser and
    the account it is signed in as (none, for a visitor)."""
    if time_limit is None:
        time_limit = current_app.config.get("WTF_CSRF_TIME_LIMIT", 3600)
    if not isinstance(data, str) or not data:
        raise ValidationError("The CSRF token is missing.")
    secret = request.cookies.get(COOKIE)
    if secret is None or not _valid_secret(secret):
        raise ValidationError("The CSRF session token is missing.")
    if TOKEN_FORM.fullmatch(data) is None:
        raise ValidationError("The CSRF token is invalid.")
    try:
        raw = base64.urlsafe_b64decode(data)
    except (binascii.Error, ValueError) as error:
        raise ValidationError("The CSRF token is invalid.") from error
    pad, masked = raw[:TOKEN_BYTES], raw[TOKEN_BYTES:]
    plain = bytes(a ^ b for a, b in zip(pad, masked, strict=True))
    stamp, mac = plain[: STAMP.size], plain[STAMP.size :]
    if not hmac.compare_digest(mac, _mac(secret, signed_in_as(), stamp)):
        raise ValidationError("The CSRF tokens do not match.")
    age = int(time.time()) - STAMP.unpack(stamp)[0]
    if age < -FUTURE_SECONDS or (time_limit and age > time_limit):
        raise ValidationError("The CSRF token has expired.")


def csrf_meta_tag() -> Markup:
    name = current_app.config.get("WTF_CSRF_META_NAME", "csrf-token")
    return Markup(f'<meta name="{escape(name)}" content="{escape(generate_csrf())}">')


def _set_secret_cookie(response):
    if not g.get("form_token"):
        return response
    response.vary.add("Cookie")  # the token goes with the browser's cookie
    if response.cache_control.public:  # a shared cache must never hand it on
        response.cache_control.public = False
        response.cache_control.private = True
    if g.get("form_secret_is_new"):
        response.set_cookie(
            COOKIE,
            g.form_secret,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure or current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


class FormTokens(CSRFProtect):
    """CSRFProtect's checks, with the tokens above."""

    def init_app(self, app: Flask) -> None:
        app.extensions["csrf"] = self
        app.config.setdefault("WTF_CSRF_ENABLED", True)
        app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", True)
        app.config["WTF_CSRF_METHODS"] = set(
            app.config.get("WTF_CSRF_METHODS", ["POST", "PUT", "PATCH", "DELETE"])
        )
        app.config.setdefault("WTF_CSRF_FIELD_NAME", "csrf_token")
        app.config.setdefault("WTF_CSRF_HEADERS", ["X-CSRFToken", "X-CSRF-Token"])
        app.config.setdefault("WTF_CSRF_META_NAME", "csrf-token")
        app.config.setdefault("WTF_CSRF_TIME_LIMIT", 3600)
        app.config.setdefault("WTF_CSRF_SSL_STRICT", True)
        app.jinja_env.globals["csrf_token"] = generate_csrf
        app.jinja_env.globals["csrf_meta_tag"] = csrf_meta_tag
        app.after_request(_set_secret_cookie)

        @app.before_request
        def csrf_protect():
            if app.config["WTF_CSRF_ENABLED"] and app.config["WTF_CSRF_CHECK_DEFAULT"]:
                self.protect(apply_exemptions=True)

    def protect(self, apply_exemptions: bool = False) -> None:
        if apply_exemptions and (not request.endpoint or self._is_exempt()):
            return
        if request.method not in current_app.config["WTF_CSRF_METHODS"]:
            return
        # Browsers name the page a request comes from, over HTTP too: another
        # site's page is refused whatever cookie it managed to plant.
        from webapp.web.security import foreign_origin  # (it imports the extensions)

        if foreign_origin():
            raise CSRFError("The origin does not match the host.")
        try:
            validate_csrf(self._get_csrf_token())
        except ValidationError as error:
            log.info(error.args[0])
            raise CSRFError(error.args[0]) from None
        if request.is_secure and current_app.config["WTF_CSRF_SSL_STRICT"]:
            if not request.referrer:
                raise CSRFError("The referrer header is missing.")
            if not same_origin(request.referrer, f"https://{request.host}/"):
                raise CSRFError("The referrer does not match the host.")
        g.csrf_valid = True


class _FormCSRF(CSRF):
    """WTForms' hook for the tokens above (a form's `csrf_token` field)."""

    def setup_form(self, form):
        self.meta = form.meta
        return super().setup_form(form)

    def generate_csrf_token(self, csrf_token_field):
        return generate_csrf()

    def validate_csrf_token(self, form, field):
        if g.get("csrf_valid", False):  # checked already, before the view
            return
        try:
            validate_csrf(field.data, self.meta.csrf_time_limit)
        except ValidationError as error:
            log.info(error.args[0])
            raise


class Form(FlaskForm):
    """FlaskForm with the tokens above."""

    class Meta:
        csrf_class = _FormCSRF

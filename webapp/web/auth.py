"""Sessions for staff (Flask-Login) and the role checks every protected view makes."""

from __future__ import annotations

from functools import wraps
from hashlib import sha512

from flask import Flask, abort, current_app, redirect, request, url_for
from flask_login import LoginManager, current_user
from flask_login.config import COOKIE_NAME as REMEMBER_COOKIE

from webapp.extensions import client_address, db
from webapp.models import User
from webapp.models.codes import ScanRole
from webapp.web.converters import MAX_ID

login_manager = LoginManager()


def init_auth(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    login_manager.login_view = "auth.login"
    login_manager.login_message = None  # the sign-in page says what it is for
    # Flask-Login's own fingerprint reads X-Forwarded-For, which any client
    # can send: ours reads the address werkzeug's ProxyFix settled on.
    login_manager._session_identifier_generator = session_fingerprint
    app.jinja_env.globals.update(inspecting=inspecting, staff_scan_role=staff_scan_role)


def session_fingerprint() -> str:
    """What "strong" session protection compares: client address and browser."""
    agent = request.headers.get("User-Agent", "")
    return sha512(f"{client_address()}|{agent}".encode()).hexdigest()


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The account of a session id "<user id>.<session version>".

    An id without the account's current version (signed out, password
    changed, or a cookie made before versions) opens nothing.
    """
    user_id, _, version = session_id.partition(".")
    if not (user_id.isdigit() and version.isdigit() and int(user_id) <= MAX_ID):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def role_required(*roles: str):
    """Let in staff with one of roles; others are sent to sign in, or refused."""

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("auth.login", next=request.full_path))
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorate


def signed_in() -> bool:
    """current_user.is_authenticated, without loading anything for a request
    with neither the session's nor the remember-me cookie (the public's)."""
    config, cookies = current_app.config, request.cookies
    if config["SESSION_COOKIE_NAME"] not in cookies and (
        config.get("REMEMBER_COOKIE_NAME", REMEMBER_COOKIE) not in cookies
    ):
        return False
    return current_user.is_authenticated


def staff_role() -> str | None:
    """The signed-in staff member's role, or None for the public."""
    return current_user.role if signed_in() else None


# Which scan roles each signed-in role may claim; the public scans as shoppers.
SCAN_ROLES: dict[str | None, tuple[str, ...]] = {
    None: (ScanRole.SHOPPER.value,),
    "inspector": (ScanRole.SHOPPER.value, ScanRole.INSPECTOR.value),
    "admin": (ScanRole.SHOPPER.value, ScanRole.INSPECTOR.value),
    "producer": (ScanRole.SHOPPER.value, ScanRole.PRODUCER.value),
}


def allowed_scan_roles() -> tuple[str, ...]:
    return SCAN_ROLES[staff_role()]


def may_scan_as(role: str) -> bool:
    """Anyone scans as a shopper (no sign-in looked up); other roles are staff's."""
    return role == ScanRole.SHOPPER.value or role in allowed_scan_roles()


def staff_scan_role() -> str | None:
    """The role signed-in staff's scans are recorded in; None for the public."""
    return allowed_scan_roles()[-1] if staff_role() else None


def inspecting() -> bool:
    """True for staff whose scans open the inspector's dossier."""
    return staff_role() in ("inspector", "admin")

"""Sessions for staff (Flask-Login) and the role checks every protected view makes."""

from __future__ import annotations

from functools import wraps

from flask import Flask, abort, redirect, request, url_for
from flask_login import LoginManager, current_user

from webapp.extensions import db
from webapp.models import User

login_manager = LoginManager()


def init_auth(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    app.jinja_env.globals.update(inspecting=inspecting, staff_scan_role=staff_scan_role)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


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


def staff_role() -> str | None:
    """The signed-in staff member's role, or None for the public."""
    return current_user.role if current_user.is_authenticated else None


# Which scan roles each signed-in role may claim; the public scans as shoppers.
SCAN_ROLES = {
    None: ("shopper",),
    "inspector": ("shopper", "inspector"),
    "admin": ("shopper", "inspector"),
    "producer": ("shopper", "producer"),
}


def allowed_scan_roles() -> tuple[str, ...]:
    return SCAN_ROLES[staff_role()]


def staff_scan_role() -> str | None:
    """The role signed-in staff's scans are recorded in; None for the public."""
    return allowed_scan_roles()[-1] if staff_role() else None


def inspecting() -> bool:
    """True for staff whose scans open the inspector's dossier."""
    return staff_role() in ("inspector", "admin")

"""The administrator's list of staff accounts and their password reset links."""

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from webapp.extensions import db
from webapp.models import User, utcnow
from webapp.services.staff import password_resets
from webapp.services.staff.accounts import every_account
from webapp.web.auth import role_required
from webapp.web.links import absolute_url_for

bp = Blueprint("staff", __name__, url_prefix="/admin/staff")


@bp.get("/")
@role_required("admin")
def accounts() -> ResponseReturnValue:
    """Every staff account, with whether it is closed after wrong passwords."""
    return render_template("admin/staff.html", users=_users(), now=utcnow())


@bp.post("/<int:user_id>/reset-link")
@role_required("admin")
def reset_link(user_id: int) -> ResponseReturnValue:
    """Make a single-use link to set a new password; it is shown only now."""
    user = db.get_or_404(User, user_id)
    token = password_resets.issue(db.session(), user, current_user)
    db.session.commit()
    link = absolute_url_for("auth.reset", token=token)
    return render_template(
        "admin/staff.html",
        users=_users(),
        now=utcnow(),
        issued=user,
        link=link,
        hours=int(password_resets.LIFETIME.total_seconds() // 3600),
    )


def _users() -> list[User]:
    return every_account(db.session())

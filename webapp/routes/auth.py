"""Staff sign in and out."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from webapp.extensions import db, rate_limited
from webapp.forms.auth import LoginForm
from webapp.links import safe_next
from webapp.services.accounts import authenticate

bp = Blueprint("auth", __name__)

HOME_BY_ROLE = {
    "inspector": "inspector.queue",
    "admin": "admin.dashboard",
    "producer": "producer.home",
}


@bp.get("/login")
def login():
    """The sign-in form."""
    form = LoginForm(data={"next": safe_next(request.args.get("next", ""))})
    return render_template("auth/login.html", form=form)


@bp.post("/login")
@rate_limited("RATELIMIT_LOGINS")
def sign_in():
    """Check the credentials and start a session."""
    form = LoginForm()
    valid = form.validate()
    user = None
    if valid:
        user = authenticate(db.session, form.email.data, form.password.data)
    if user is None:
        if valid:
            form.password.errors = [_("Wrong e-mail or password.")]
        return render_template("auth/login.html", form=form), 200
    db.session.commit()
    login_user(user)
    target = safe_next(form.next.data) or url_for(HOME_BY_ROLE[user.role])
    return redirect(target, code=303)


@bp.post("/logout")
def logout():
    """End the session."""
    logout_user()
    flash(_("You have signed out."))
    response = redirect(url_for("public.index"), code=303)
    # What the browser kept of pages shown while signed in (back/forward too).
    response.headers["Clear-Site-Data"] = '"cache"'
    return response

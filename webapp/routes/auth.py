"""Staff sign in and out, and change their password."""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from webapp.extensions import db, rate_limited
from webapp.forms.auth import LoginForm, NewPasswordForm, PasswordChangeForm
from webapp.services.staff import password_resets
from webapp.services.staff.accounts import (
    AccountLocked,
    authenticate,
    end_sessions,
    set_password,
    verify_password,
)
from webapp.services.staff.passwords import PasswordRefused
from webapp.web import vocab
from webapp.web.links import safe_next

bp = Blueprint("auth", __name__)

HOME_BY_ROLE = {
    "inspector": "inspector.queue",
    "admin": "admin.dashboard",
    "producer": "producer.home",
}


@bp.get("/login")
def login() -> ResponseReturnValue:
    """The sign-in form."""
    form = LoginForm(data={"next": safe_next(request.args.get("next", ""))})
    return render_template("auth/login.html", form=form)


@bp.post("/login")
@rate_limited("RATELIMIT_LOGINS")
def sign_in() -> ResponseReturnValue:
    """Check the credentials and start a session."""
    form = LoginForm()
    if not form.validate():
        return render_template("auth/login.html", form=form), 200
    try:
        user = authenticate(db.session(), form.email.data, form.password.data)
    except AccountLocked:
        user = (
            None  # answered like any failure: a lock must not tell who has an account
        )
    db.session.commit()  # a failure counts towards the lock, a success clears it
    if user is None:
        form.password.errors = [
            _(
                "Wrong e-mail or password. After several wrong tries an account "
                "closes for a while; an administrator can give you a link to set "
                "a new password."
            )
        ]
        return render_template("auth/login.html", form=form), 200
    login_user(user)
    target = safe_next(form.next.data) or url_for(HOME_BY_ROLE[user.role])
    return redirect(target, code=303)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """End the session, and every other session of the account with it."""
    if current_user.is_authenticated:
        end_sessions(current_user)
        db.session.commit()
    logout_user()
    flash(_("You have signed out."))
    response = redirect(url_for("public.index"), code=303)
    # What the browser kept of pages shown while signed in (back/forward too).
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@bp.get("/account/password")
@login_required
def password() -> ResponseReturnValue:
    """The form to change one's own password."""
    return render_template("auth/password.html", form=PasswordChangeForm())


@bp.post("/account/password")
@login_required
@rate_limited("RATELIMIT_LOGINS")
def change_password() -> ResponseReturnValue:
    """Set a new password; every other session of the account ends."""
    form = PasswordChangeForm()
    if form.validate() and not verify_password(current_user, form.current.data):
        form.current.errors = [_("That is not your current password.")]
    elif not form.errors:
        user = current_user._get_current_object()
        try:
            set_password(user, form.password.data)
        except PasswordRefused as refused:
            form.password.errors = [vocab.refusal(refused, vocab.PASSWORD_ERRORS)]
        else:
            db.session.commit()
            login_user(user)  # this browser stays signed in
            flash(_("Your password was changed. Other devices were signed out."))
            return redirect(url_for(HOME_BY_ROLE[user.role]), code=303)
    return render_template("auth/password.html", form=form), 400


@bp.get("/account/reset/<token>")
def reset(token: str) -> ResponseReturnValue:
    """The form behind an administrator's reset link."""
    if password_resets.find(db.session(), token) is None:
        abort(404)
    return render_template("auth/reset.html", form=NewPasswordForm(), token=token)


@bp.post("/account/reset/<token>")
@rate_limited("RATELIMIT_LOGINS")
def use_reset(token: str) -> ResponseReturnValue:
    """Set the new password; the link is spent and every session ends."""
    found = password_resets.find(db.session(), token)
    if found is None:
        abort(404)
    form = NewPasswordForm()
    if form.validate():
        try:
            password_resets.use(db.session(), found, form.password.data)
        except PasswordRefused as refused:
            form.password.errors = [vocab.refusal(refused, vocab.PASSWORD_ERRORS)]
        else:
            db.session.commit()
            logout_user()
            flash(_("Your new password is set: sign in with it."))
            return redirect(url_for("auth.login"), code=303)
    return render_template("auth/reset.html", form=form, token=token), 400

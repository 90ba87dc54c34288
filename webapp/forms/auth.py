"""Sign-in form."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from webapp.web.form_tokens import Form


class LoginForm(Form):
    email = EmailField(
        _l("E-mail"), [DataRequired(_l("Enter your e-mail address.")), Length(max=200)]
    )
    password = PasswordField(
        _l("Password"), [DataRequired(_l("Enter your password.")), Length(max=200)]
    )
    next = HiddenField()


class NewPasswordForm(Form):
    password = PasswordField(
        _l("New password"),
        [DataRequired(_l("Enter a new password.")), Length(max=200)],
    )
    confirm = PasswordField(
        _l("New password again"),
        [EqualTo("password", _l("The two passwords are not the same."))],
    )


class PasswordChangeForm(NewPasswordForm):
    current = PasswordField(
        _l("Current password"),
        [DataRequired(_l("Enter your current password.")), Length(max=200)],
    )

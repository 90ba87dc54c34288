"""Sign-in form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail"), [DataRequired(_l("Enter your e-mail address.")), Length(max=200)]
    )
    password = PasswordField(
        _l("Password"), [DataRequired(_l("Enter your password.")), Length(max=200)]
    )
    next = HiddenField()

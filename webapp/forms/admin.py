"""Forms of the province's administrator: approvals and training sessions."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from webapp.forms.fields import (
    CheckboxListField,
    ChoiceField,
    LocalDateField,
    not_in_future,
    province_choices,
)
from webapp.web.form_tokens import Form


class ApproveForm(Form):
    """Only the CSRF token: approving needs no other input."""


class TrainingForm(Form):
    held_on = LocalDateField(
        _l("Date"), [InputRequired(_l("Enter the date of the session.")), not_in_future]
    )
    title = StringField(
        _l("Subject"),
        [
            DataRequired(_l("Give the subject.")),
            Length(max=200, message=_l("At most %(max)d characters.")),
        ],
    )
    place = StringField(
        _l("Place"),
        [
            DataRequired(_l("Say where it was held.")),
            Length(max=200, message=_l("At most %(max)d characters.")),
        ],
    )
    province = ChoiceField(_l("Province"))
    attendees = CheckboxListField(_l("Producers who attended"))

    def fill_choices(self, organisations, lang: str) -> None:
        self.province.choices = province_choices(lang)
        self.attendees.choices = [
            SelectChoice(str(o.id), o.name) for o in organisations
        ]

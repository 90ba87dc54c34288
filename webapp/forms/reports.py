"""The report-a-fake form."""

import uuid

from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    MultipleFileField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields import SelectChoice
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from webapp.forms.fields import (
    CheckboxListField,
    LocalDateField,
    LocalIntegerField,
    not_in_future,
    province_choices,
)
from webapp.services.places import regions
from webapp.services.scans.scanning import IDEMPOTENCY_KEY
from webapp.web import vocab
from webapp.web.form_tokens import Form

MAX_PHOTOS = 3

PROBLEM_CHOICES = [SelectChoice(k, v) for k, v in vocab.REPORT_PROBLEMS.items()]


class ReportForm(Form):
    # A fresh key per form: sending the same report twice (a double tap, or the
    # phone's offline queue after a lost answer) files it once.
    idempotency_key = HiddenField(
        default=lambda: uuid.uuid4().hex,
        validators=[Optional(), Regexp(f"^{IDEMPOTENCY_KEY}$")],
    )
    code = StringField(_l("Code on the stamp (if any)"), [Optional(), Length(max=500)])
    province = SelectField(_l("Province or city"), validate_choice=False)
    ward = SelectField(_l("Ward or commune"), validate_choice=False)
    place = StringField(
        _l("Market or shop"),
        [
            DataRequired(_l("Tell us the market or shop.")),
            Length(max=200, message=_l("At most %(max)d characters.")),
        ],
    )
    bought_on = LocalDateField(_l("Date bought"), [Optional(), not_in_future])
    price_vnd = LocalIntegerField(
        _l("Price paid (đồng)"),
        [
            Optional(),
            NumberRange(min=0, max=1_000_000_000, message=_l("Enter a real price.")),
        ],
    )
    problems = CheckboxListField(_l("What looks wrong?"), choices=PROBLEM_CHOICES)
    description = TextAreaField(
        _l("Details"),
        [Optional(), Length(max=2000, message=_l("At most %(max)d characters."))],
    )
    photos = MultipleFileField(_l("Photos (up to 3)"))
    contact = StringField(
        _l("Phone or email, if you want an answer"),
        [Optional(), Length(max=200, message=_l("At most %(max)d characters."))],
    )

    def fill_region_choices(self, lang: str) -> None:
        """Province list, and the wards of the chosen province."""
        empty = [SelectChoice("", _l("— choose —"))]
        self.province.choices = province_choices(lang, _l("— choose —"))
        wards = regions.wards_of(self.province.data) if self.province.data else []
        self.ward.choices = empty + [SelectChoice(w.code, w.label(lang)) for w in wards]

    def validate_province(self, field) -> None:
        if field.data and not regions.is_province_code(field.data):
            raise ValidationError(_l("Choose a province from the list."))

    def validate_ward(self, field) -> None:
        if field.data and not regions.ward_in_province(field.data, self.province.data):
            raise ValidationError(_l("Choose a ward of the chosen province."))


class WithdrawForm(Form):
    """The secret shown once when the report was sent."""

    secret = StringField(
        _l("Withdrawal secret"),
        validators=[
            DataRequired(message=_l("Enter the secret you were given.")),
            Length(max=40),
        ],
        render_kw={"autocomplete": "off", "autocapitalize": "characters"},
    )

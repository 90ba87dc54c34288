"""Forms an inspector fills in the field: case status, inspection, PIN reset."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from webapp.forms.fields import ChoiceField, RadioChoiceField, province_choices
from webapp.services.casework.inspections import UNISSUED_RESULTS
from webapp.services.casework.reported_codes import ReportedCode
from webapp.web import vocab
from webapp.web.form_tokens import Form

CASE_STATUS_CHOICES = [SelectChoice(k, v) for k, v in vocab.CASE_STATUSES.items()]
RESULT_CHOICES = [SelectChoice(k, v) for k, v in vocab.INSPECTION_RESULTS.items()]


class CaseStatusForm(Form):
    status = ChoiceField(_l("New status"), choices=CASE_STATUS_CHOICES)
    note = TextAreaField(
        _l("Note (required to close the case)"),
        [Optional(), Length(max=2000, message=_l("At most %(max)d characters."))],
    )


class InspectionForm(Form):
    result = RadioChoiceField(
        _l("Result"),
        choices=RESULT_CHOICES,
        validators=[InputRequired(_l("Choose the result of the inspection."))],
    )
    place = StringField(
        _l("Place (market, shop, stall)"),
        [
            DataRequired(_l("Say where the inspection took place.")),
            Length(max=200, message=_l("At most %(max)d characters.")),
        ],
    )
    province = ChoiceField(
        _l("Province"), validators=[DataRequired(_l("Choose a province."))]
    )
    note = TextAreaField(
        _l("Note"),
        [Optional(), Length(max=2000, message=_l("At most %(max)d characters."))],
    )
    photo = FileField(_l("Photo (optional)"))

    def fill_province_choices(self, lang: str, covered: list[str] | None) -> None:
        """Only the provinces the inspector records in (None: all, for admins)."""
        choices = province_choices(lang, _l("Choose a province"))
        self.province.choices = [
            c for c in choices if not c.value or covered is None or c.value in covered
        ]


class CaseInspectionForm(InspectionForm):
    """An inspection of a code shoppers reported that was never issued."""

    PREFIX = "inspection"  # its fields' ids differ from the status form's beside it
    code = RadioChoiceField(
        _l("Code inspected"),
        validators=[InputRequired(_l("Choose the code you inspected."))],
    )

    def fill_choices(
        self, lang: str, codes: list[ReportedCode], covered: list[str] | None
    ) -> None:
        self.fill_province_choices(lang, covered)
        self.code.choices = [
            SelectChoice(c.reference, c.code_text) for c in codes if not c.issued
        ]
        self.result.choices = [c for c in RESULT_CHOICES if c.value in UNISSUED_RESULTS]


class PinResetForm(Form):
    reason = TextAreaField(
        _l("Why the PIN claim is reset"),
        [
            DataRequired(_l("Give the reason for the reset.")),
            Length(max=500, message=_l("At most %(max)d characters.")),
        ],
    )


class AssignForm(Form):
    """Only the CSRF token: taking a case needs no other input."""


class HandOverForm(Form):
    """Bring another province's inspectors into the case."""

    province = ChoiceField(
        _l("Province to bring in"),
        validators=[DataRequired(_l("Choose a province."))],
    )

    def fill_choices(self, lang: str, following: list[str]) -> None:
        choices = province_choices(lang, _l("Choose a province"))
        self.province.choices = [c for c in choices if c.value not in following]

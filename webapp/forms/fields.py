"""WTForms fields whose own error messages go through our catalogs.

WTForms ships no Vietnamese translation, so the messages it raises while
converting input are replaced here.
"""

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
)
from wtforms.fields import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from webapp.services.common.clock import today_in_vietnam
from webapp.services.places import regions
from webapp.web.formatting import province_name

MAX_WHOLE_NUMBER = 2**31 - 1


class LocalDateField(DateField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Enter a date, e.g. 2026-11-28.")) from None


class LocalIntegerField(IntegerField):
    data: Any  # as every WTForms field's here: WTForms is untyped for the checker

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0]:
            valuelist = ["".join(c for c in valuelist[0] if c not in " .,_")]
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Enter a whole number, e.g. 85000.")) from None
        # Columns hold 32-bit integers: a larger number is refused here, not
        # by the database.
        if self.data is not None and abs(self.data) > MAX_WHOLE_NUMBER:
            self.data = None
            raise ValueError(_l("Enter a smaller number."))


class CheckboxListField(SelectMultipleField):
    """Several choices as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        allowed = {choice.value for choice in self.choices}
        if any(value not in allowed for value in self.data or []):
            raise ValidationError(_l("Choose from the list."))


def not_in_future(form, field) -> None:
    if field.data and field.data > today_in_vietnam():
        raise ValidationError(_l("This date is in the future."))


class ChoiceField(SelectField):
    """A drop-down that refuses unlisted values in the visitor's language."""

    def pre_validate(self, form):
        if self.choices is not None and self.data not in {
            choice.value for choice in self.choices
        }:
            raise ValidationError(_l("Choose from the list."))


class RadioChoiceField(RadioField):
    def pre_validate(self, form):
        if self.data is None:
            return  # nothing chosen: the field's own InputRequired says so
        if self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(_l("Choose from the list."))


def province_choices(lang: str, blank: str | None = None) -> list[SelectChoice]:
    """The official provinces as select options, after an empty one if blank."""
    first = [SelectChoice("", blank)] if blank is not None else []
    return first + [
        SelectChoice(p.code, province_name(p.code, lang)) for p in regions.provinces()
    ]

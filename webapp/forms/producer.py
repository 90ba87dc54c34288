"""Forms of the producer portal: batches, stamps, journey events, status."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from webapp import vocab
from webapp.forms.fields import (
    CheckboxListField,
    ChoiceField,
    LocalDateField,
    LocalIntegerField,
)
from webapp.services import regions
from webapp.services.batches import EVENT_SHAPES
from webapp.services.issuance import MAX_STAMPS_PER_ISSUE
from webapp.services.stamp_sheet import LAYOUTS

TOO_LONG = _l("At most %(max)d characters.")
LAYOUT_CHOICES = [
    SelectChoice("small", _l("Small: 38 × 21 mm, 65 per sheet")),
    SelectChoice("medium", _l("Medium: 52 × 30 mm, 40 per sheet")),
    SelectChoice("large", _l("Large: 70 × 37 mm, 24 per sheet")),
]
assert {choice.value for choice in LAYOUT_CHOICES} == set(LAYOUTS)


class LocalDateTimeField(DateTimeLocalField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(
                _l("Enter a date and time, e.g. 2026-11-28 08:30.")
            ) from None


class BatchForm(FlaskForm):
    product = ChoiceField(_l("Product"), coerce=int)
    lot_code = StringField(
        _l("Lot code"),
        [
            DataRequired(_l("Give the lot code printed on the package.")),
            Length(max=20, message=TOO_LONG),
        ],
    )
    produced_on = LocalDateField(
        _l("Production date"), [InputRequired(_l("Enter the production date."))]
    )
    expires_on = LocalDateField(_l("Expiry date (if any)"), [Optional()])
    quantity = LocalIntegerField(
        _l("Quantity made (items)"),
        [
            InputRequired(_l("Enter how many items the batch holds.")),
            NumberRange(
                min=1,
                max=10_000_000,
                message=_l("Enter a number between 1 and 10,000,000."),
            ),
        ],
    )
    provinces = CheckboxListField(_l("Provinces where it may be sold"))

    def fill_choices(self, products, lang: str) -> None:
        self.product.choices = [
            SelectChoice(p.id, p.localized("name", lang).text) for p in products
        ]
        self.provinces.choices = [
            SelectChoice(p.code, p.label(lang)) for p in regions.provinces()
        ]


class IssueForm(FlaskForm):
    count = LocalIntegerField(
        _l("How many stamps"),
        [
            InputRequired(_l("Enter how many stamps to issue.")),
            NumberRange(
                min=1,
                max=MAX_STAMPS_PER_ISSUE,
                message=_l("Enter a number between 1 and 100,000."),
            ),
        ],
    )
    with_pin = BooleanField(_l("With a scratch-off PIN on each stamp"))
    layout = ChoiceField(_l("Label size"), choices=LAYOUT_CHOICES, default="small")


class EventForm(FlaskForm):
    biz_step = ChoiceField(_l("What happened"))
    event_time = LocalDateTimeField(
        _l("When (Vietnam time)"),
        [InputRequired(_l("Enter when it happened."))],
        format="%Y-%m-%dT%H:%M",
    )
    place_vi = StringField(
        _l("Place (in Vietnamese)"),
        [DataRequired(_l("Say where it happened.")), Length(max=200, message=TOO_LONG)],
    )
    place_en = StringField(
        _l("Place (in English, optional)"),
        [Optional(), Length(max=200, message=TOO_LONG)],
    )
    province = ChoiceField(_l("Province"), validators=[Optional()])
    note_vi = TextAreaField(
        _l("Note (in Vietnamese, optional)"),
        [Optional(), Length(max=2000, message=TOO_LONG)],
    )
    note_en = TextAreaField(
        _l("Note (in English, optional)"),
        [Optional(), Length(max=2000, message=TOO_LONG)],
    )

    def fill_choices(self, lang: str) -> None:
        self.biz_step.choices = [
            SelectChoice(step, vocab.label(vocab.BIZ_STEPS, step))
            for step in EVENT_SHAPES
        ]
        self.province.choices = [SelectChoice("", _l("Choose a province"))] + [
            SelectChoice(p.code, p.label(lang)) for p in regions.provinces()
        ]


class BatchStatusForm(FlaskForm):
    status = ChoiceField(
        _l("Change the batch"),
        choices=[
            SelectChoice(
                "recalled", _l("Recall: every scan warns not to eat or use it")
            ),
            SelectChoice("void", _l("Void: every scan says its stamps are cancelled")),
        ],
    )
    confirm = BooleanField(
        _l("I understand this cannot be undone"),
        [DataRequired(_l("Tick the box to confirm."))],
    )

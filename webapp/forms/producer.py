"""Forms of the producer portal: batches, stamps, journey events, status."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, DateTimeLocalField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from webapp.forms.fields import (
    CheckboxListField,
    ChoiceField,
    LocalDateField,
    LocalIntegerField,
    province_choices,
)
from webapp.services.catalog.batches import PRODUCER_STEPS
from webapp.services.places import regions
from webapp.services.stamps.issuance import MAX_STAMPS_PER_ISSUE
from webapp.services.stamps.stamp_sheet import LAYOUTS
from webapp.web import vocab
from webapp.web.form_tokens import Form

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


def ward_choices(lang: str, province: str | None, blank=None) -> list[SelectChoice]:
    """The official wards of province (none until one is chosen)."""
    first = [SelectChoice("", blank)] if blank is not None else []
    if not (province and regions.is_province_code(province)):
        return first
    return first + [
        SelectChoice(w.code, w.label(lang)) for w in regions.wards_of(province)
    ]


def _text(label, max_length: int, rows: bool = False):
    field = TextAreaField if rows else StringField
    return field(label, [Optional(), Length(max=max_length, message=TOO_LONG)])


class BatchEditForm(Form):
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

    def fill_choices(self, lang: str) -> None:
        if self.provinces is not None:
            self.provinces.choices = province_choices(lang)


class BatchForm(BatchEditForm):
    product = ChoiceField(_l("Product"), coerce=int)

    def fill_products(self, products, lang: str) -> None:
        self.fill_choices(lang)
        self.product.choices = [
            SelectChoice(p.id, p.localized("name", lang).text) for p in products
        ]


class IssueForm(Form):
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


class EventLocationForm(Form):
    """Where a stage took place: its location code is a ward or a GLN."""

    province = ChoiceField(_l("Province"), validators=[Optional()])
    ward = ChoiceField(_l("Ward or commune"), validators=[Optional()])
    gln = _text(_l("GLN of the place (13 digits, if it has one)"), 13)

    def fill_choices(self, lang: str, province: str | None) -> None:
        self.province.choices = province_choices(lang, _l("Choose a province"))
        self.ward.choices = ward_choices(lang, province, _l("— choose —"))


class EventForm(EventLocationForm):
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
    note_vi = TextAreaField(
        _l("Note (in Vietnamese, optional)"),
        [Optional(), Length(max=2000, message=TOO_LONG)],
    )
    photo = FileField(_l("Photo (optional)"))
    note_en = TextAreaField(
        _l("Note (in English, optional)"),
        [Optional(), Length(max=2000, message=TOO_LONG)],
    )

    def fill_choices(self, lang: str, province: str | None) -> None:
        super().fill_choices(lang, province)
        self.biz_step.choices = [
            SelectChoice(step, vocab.label(vocab.BIZ_STEPS, step))
            for step in PRODUCER_STEPS
        ]


class BatchStatusForm(Form):
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


def _stars(value) -> int | None:
    """Stars as a number; none chosen (not an OCOP product) stays None."""
    if value in (None, "", "None"):
        return None
    return int(value)


class ProductForm(Form):
    gtin = StringField(
        _l("GTIN (the number under the barcode)"),
        [
            DataRequired(_l("Enter the product's GTIN.")),
            Length(max=14, message=TOO_LONG),
        ],
    )
    name_vi = StringField(
        _l("Name (in Vietnamese)"),
        [
            DataRequired(_l("Give the product's name.")),
            Length(max=200, message=TOO_LONG),
        ],
    )
    name_en = _text(_l("Name (in English)"), 200)
    label_name = _text(_l("Short name for stamp labels (optional)"), 40)
    summary_vi = _text(_l("Summary (in Vietnamese)"), 400)
    summary_en = _text(_l("Summary (in English)"), 400)
    story_vi = _text(_l("Story (in Vietnamese)"), 5000, rows=True)
    story_en = _text(_l("Story (in English)"), 5000, rows=True)
    ingredients_vi = _text(_l("Ingredients (in Vietnamese)"), 2000, rows=True)
    ingredients_en = _text(_l("Ingredients (in English)"), 2000, rows=True)
    storage_vi = _text(_l("Storage (in Vietnamese)"), 2000, rows=True)
    storage_en = _text(_l("Storage (in English)"), 2000, rows=True)
    kinds = CheckboxListField(
        # No "required" validator: it would mark every box required; the
        # service refuses a product without a kind.
        _l("What the product is (tick every one that applies)"),
        choices=[SelectChoice(k, label) for k, label in vocab.PRODUCT_KINDS.items()],
    )
    sector = ChoiceField(
        _l("Sector"),
        default="other",
        choices=[SelectChoice(k, label) for k, label in vocab.SECTORS.items()],
    )
    category = ChoiceField(_l("Product group (the OCOP product sets)"))
    # Required only for the kind they belong to: the service checks them.
    ocop_stars = ChoiceField(
        _l("OCOP stars"),
        coerce=_stars,
        choices=[SelectChoice(None, "—")]
        + [SelectChoice(n, f"{n} ★") for n in (3, 4, 5)],
    )
    ocop_certificate_no = _text(_l("OCOP certificate number"), 80)
    ocop_issuer = _text(_l("Certified by"), 200)
    ocop_certified_on = LocalDateField(
        _l("Certified on (valid 36 months)"), [Optional()]
    )
    key_decision_no = _text(
        _l("Decision listing it as a key product of the province (number)"), 80
    )
    declaration_no = _text(_l("Declaration of conformity or registration number"), 80)
    trademark = _text(_l("Trademark"), 120)
    standards = _text(_l("Standards applied (one per line)"), 1000, rows=True)
    net_content = _text(_l("Net content (e.g. 500 g)"), 40)
    shelf_life_days = LocalIntegerField(_l("Shelf life (days)"), [Optional()])
    duplicate_threshold = LocalIntegerField(
        _l("Phones one item may be scanned by before it is flagged (empty: default)"),
        [Optional()],
    )
    image = FileField(_l("Picture"))

    def fill_choices(self) -> None:
        self.category.choices = [
            SelectChoice(code, f"{int(code)}. {label}")
            for code, label in vocab.OCOP_CATEGORIES.items()
        ]


class ProfileForm(Form):
    name = StringField(
        _l("Name"),
        [
            DataRequired(_l("Give the organisation's name.")),
            Length(max=200, message=TOO_LONG),
        ],
    )
    address_line = StringField(
        _l("Address (house number, street, hamlet)"),
        [DataRequired(_l("Give the address.")), Length(max=200, message=TOO_LONG)],
    )
    province = ChoiceField(_l("Province or city"))
    ward = ChoiceField(_l("Ward or commune"))
    gln = _text(_l("GLN (location number from GS1, if any)"), 13)
    phone = _text(_l("Phone"), 20)
    email = _text(_l("E-mail"), 120)
    website = _text(_l("Website"), 200)
    sector = ChoiceField(
        _l("Main sector"),
        default="other",
        choices=[SelectChoice(k, label) for k, label in vocab.SECTORS.items()],
    )

    def fill_choices(self, lang: str, province: str | None) -> None:
        self.province.choices = province_choices(lang)
        self.ward.choices = ward_choices(lang, province)

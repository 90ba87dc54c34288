"""The producer portal: one's products and profile, and the alerts and reports on
them (read-only). Batches and stamps are in producer_batches, journeys in
producer_journey: the same blueprint."""

from typing import Any

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
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from werkzeug.wrappers import Response

from webapp.extensions import db
from webapp.forms.producer import (
    ProductForm,
    ProfileForm,
)
from webapp.models import (
    Organisation,
    Product,
    utcnow,
)
from webapp.services.casework import cases as case_service
from webapp.services.catalog import approvals, completeness
from webapp.services.catalog import products as product_service
from webapp.services.catalog.products import ProductError, ProductInput, ProfileInput
from webapp.services.common.clock import today_in_vietnam
from webapp.services.common.errors import Refusal
from webapp.services.common.photos import PhotoRefused
from webapp.services.programme import charts, progress
from webapp.services.staff import access
from webapp.services.standards import portal_outbox
from webapp.web import vocab
from webapp.web.auth import role_required
from webapp.web.fragments import render
from webapp.web.i18n import current_lang
from webapp.web.links import UPLOADED, safe_next
from webapp.web.uploads import chosen_files, kept_only_if_saved, refusal

bp = Blueprint("producer", __name__, url_prefix="/producer")


@bp.get("/")
@role_required("producer")
def home() -> ResponseReturnValue:
    """The organisation's products and their batches."""
    own = current_user.organisation_id
    products = product_service.of_organisation(db.session(), own, with_batches=True)
    now = utcnow()
    complete = {p.id for p in products if completeness.is_complete(p, now)}
    today = today_in_vietnam()
    weeks = progress.weekly(db.session(), today, organisation_id=own)
    since = progress.window_start(today)
    return render_template(
        "producer/home.html",
        products=products,
        complete=complete,
        weeks=weeks,
        provinces=progress.by_province(db.session(), since, own),
        scans_chart=Markup(
            charts.per_week(
                weeks,
                "scans",
                _("Scans of your codes per week"),
            )
        ),
    )


@bp.route("/products/new", methods=["GET", "POST"])
@role_required("producer")
def new_product() -> ResponseReturnValue:
    """Add a product; the province approves it before its story goes public."""
    return _product_form(None)


@bp.route("/products/<int:product_id>", methods=["GET", "POST"])
@role_required("producer")
def edit_product(product_id: int) -> ResponseReturnValue:
    """Edit a product's record and story."""
    return _product_form(access.own_product(db.session(), current_user, product_id))


def _product_form(product: Product | None) -> tuple[str, int] | Response:
    form = _filled_product_form(product)
    if request.method == "GET":
        return _product_page(form, product)
    if not form.validate():
        return _product_page(form, product, 400)
    try:
        saved = _save_product(form, product)
    except PhotoRefused as refused:
        message, status = refusal(refused.code)
        form.image.errors = [message]
        return _product_page(form, product, status)
    except ProductError as error:
        db.session.rollback()
        field_error(form, error, vocab.PRODUCT_ERRORS)
        return _product_page(form, product, 400)
    flash(_saved(saved, _("Product saved.")))
    return redirect(url_for("producer.home") + f"#product-{saved.id}", code=303)


def _save_product(form: ProductForm, product: Product | None) -> Product:
    """Store the image sent (if any) and save; the image goes if saving fails."""
    with kept_only_if_saved() as uploads:
        files = chosen_files([request.files.get("image")])
        stored = uploads.store(files[0], "products") if files else None
        saved = product_service.save_product(
            db.session(),
            current_user.organisation,
            _product_input(form),
            product,
            UPLOADED + stored.path.removeprefix("products/") if stored else None,
            by=current_user,
        )
        db.session.commit()
    return saved


def _filled_product_form(product: Product | None) -> ProductForm:
    """The product as its producer last saved it (GET), or as posted."""
    form = ProductForm(obj=_Draft(product)) if product else ProductForm()
    form.fill_choices()
    if request.method == "GET":
        if product:
            form.standards.data = "\n".join(_Draft(product).standards or [])
        else:
            form.sector.data = current_user.organisation.sector
    return form


def _product_page(
    form: ProductForm, product: Product | None, status: int = 200
) -> tuple[str, int]:
    page = render_template("producer/product_form.html", form=form, product=product)
    return page, status


@bp.route("/profile", methods=["GET", "POST"])
@role_required("producer")
def profile() -> ResponseReturnValue:
    """The organisation's public profile: name, address, GLN, contacts."""
    organisation = current_user.organisation
    form = _profile_form(organisation)
    if request.method == "GET":
        return render_template("producer/profile.html", form=form)
    if not form.validate():
        return render_template("producer/profile.html", form=form), 400
    try:
        product_service.save_profile(
            db.session(), organisation, _profile_input(form), by=current_user
        )
        db.session.commit()
    except ProductError as error:
        db.session.rollback()
        field_error(form, error, vocab.PRODUCT_ERRORS)
        return render_template("producer/profile.html", form=form), 400
    flash(_saved(organisation, _("Profile saved.")))
    return redirect(url_for("producer.home"), code=303)


def _profile_form(organisation: Organisation) -> ProfileForm:
    """The profile as last saved (GET), or as posted; its wards follow its province."""
    if request.method == "GET":
        draft = approvals.draft(organisation)
        data = {"province": draft["province_code"], "ward": draft["ward_code"]}
        form = ProfileForm(obj=_Draft(organisation), data=data)
    else:
        form = ProfileForm()
    form.fill_choices(current_lang(), form.province.data or organisation.province_code)
    return form


def _saved(record: Product | Organisation, done: str) -> str:
    """What saving said: done, or that the changes wait for the province."""
    if record.pending_changes:
        return _("Saved. The changes go public once the province approves them.")
    return done


@bp.post("/portal-items/<int:item_id>/retry")
@role_required("producer")
def retry_portal_item(item_id: int) -> ResponseReturnValue:
    """Send a refused record again once its data is fixed."""
    item = access.own_portal_item(db.session(), current_user, item_id)
    portal_outbox.retry(item, utcnow())
    db.session.commit()
    flash(_("It will be sent again within minutes."))
    target = safe_next(request.form.get("back")) or url_for("producer.home")
    return redirect(target, code=303)


@bp.get("/cases")
@role_required("producer")
def cases() -> ResponseReturnValue:
    """Cases about this producer's products, with the batches hit several times."""
    status = request.args.get("status", "open")
    found = case_service.queue(db.session(), current_user, None, status)
    return render(
        "producer/cases.html",
        "producer/_case_list.html",
        cases=found,
        clusters=case_service.clusters(db.session(), current_user),
        status=status,
    )


@bp.get("/cases/<int:case_id>")
@role_required("producer")
def case(case_id: int) -> ResponseReturnValue:
    """One case about this producer's product; reporters' contacts stay hidden."""
    found = case_service.visible_case(db.session(), current_user, case_id)
    if found is None:
        abort(404)
    return render_template(
        "producer/case.html",
        case=found,
        history=case_service.history(db.session(), found),
    )


class _Draft:
    """A product or organisation as its producer last saved it, for its form."""

    def __init__(self, record: Product | Organisation) -> None:
        self._record, self._draft = record, approvals.draft(record)

    def __getattr__(self, name: str) -> Any:
        if name in self._draft:
            return self._draft[name]
        return getattr(self._record, name)


def field_error(
    form: FlaskForm, error: Refusal, messages: dict = vocab.BATCH_ERRORS
) -> None:
    field = getattr(form, error.field or "", None) or next(iter(form))
    field.errors = [*field.errors, vocab.label(messages, error.code)]


def _product_input(form: ProductForm) -> ProductInput:
    texts = {
        name: getattr(form, name).data
        for name in (
            "name_en", "summary_vi", "summary_en", "story_vi", "story_en",
            "ingredients_vi", "ingredients_en", "storage_vi", "storage_en",
            "ocop_issuer", "trademark", "net_content", "label_name",
            "ocop_certificate_no", "key_decision_no", "declaration_no",
        )
    }  # fmt: skip
    kinds = set(form.kinds.data or [])
    return ProductInput(
        gtin=form.gtin.data,
        name_vi=form.name_vi.data,
        category=form.category.data,
        sector=form.sector.data,
        is_ocop="ocop" in kinds,
        is_key="key" in kinds,
        is_essential="essential" in kinds,
        ocop_stars=form.ocop_stars.data,
        ocop_certified_on=form.ocop_certified_on.data,
        standards=_lines(form.standards.data),
        shelf_life_days=form.shelf_life_days.data,
        duplicate_threshold=form.duplicate_threshold.data,
        **texts,
    )


def _lines(typed: str | list | None) -> list[str]:
    """One standard a line; a post without the field keeps the stored list."""
    return typed if isinstance(typed, list) else (typed or "").splitlines()


def _profile_input(form: ProfileForm) -> ProfileInput:
    return ProfileInput(
        name=form.name.data,
        address_line=form.address_line.data,
        ward_code=form.ward.data,
        province_code=form.province.data,
        gln=form.gln.data,
        phone=form.phone.data,
        email=form.email.data,
        website=form.website.data,
        sector=form.sector.data,
    )

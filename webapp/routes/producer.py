"""The producer portal: batches, stamps and journey events of one's own products,
and the alerts and reports on them (read-only)."""

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from webapp import exports, portal_link, vocab
from webapp.auth import role_required
from webapp.extensions import db
from webapp.forms.producer import (
    BatchForm,
    BatchStatusForm,
    EventForm,
    IssueForm,
    ProductForm,
    ProfileForm,
)
from webapp.fragments import render, wants_fragment
from webapp.i18n import current_lang, translate_to
from webapp.links import UPLOADED, product_image_file, safe_next
from webapp.models import (
    Batch,
    IssuanceRecord,
    PortalItem,
    Product,
    utcnow,
)
from webapp.services import batches as batch_service
from webapp.services import cases as case_service
from webapp.services import charts, completeness, portal_outbox, print_jobs, programme
from webapp.services import products as product_service
from webapp.services.batches import BatchError, BatchInput, EventInput
from webapp.services.clock import VIETNAM, today_in_vietnam
from webapp.services.issuance import issue_stamps
from webapp.services.photos import PhotoRefused
from webapp.services.products import ProductError, ProductInput, ProfileInput
from webapp.services.stamp_sheet import LAYOUTS, SheetText
from webapp.uploads import chosen_files, discard, refusal, store_upload

bp = Blueprint("producer", __name__, url_prefix="/producer")

LIST_LIMIT = 100


@bp.get("/")
@role_required("producer")
def home():
    """The organisation's products and their batches."""
    products = db.session.scalars(
        select(Product)
        .where(Product.organisation_id == current_user.organisation_id)
        .options(selectinload(Product.batches).selectinload(Batch.events))
        .order_by(Product.id)
    ).all()
    now = utcnow()
    complete = {p.id for p in products if completeness.is_complete(p, now)}
    own = current_user.organisation_id
    today = today_in_vietnam()
    weeks = programme.weekly(db.session, today, organisation_id=own)
    since = programme.window_start(today)
    return render_template(
        "producer/home.html",
        products=products,
        complete=complete,
        weeks=weeks,
        provinces=programme.by_province(db.session, since, own),
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
def new_product():
    """Add a product; the province approves it before its story goes public."""
    return _product_form(None)


@bp.route("/products/<int:product_id>", methods=["GET", "POST"])
@role_required("producer")
def edit_product(product_id: int):
    """Edit a product's record and story."""
    return _product_form(_own_product(product_id))


def _product_form(product: Product | None):
    form = ProductForm(obj=product) if product else ProductForm()
    form.fill_choices()
    if request.method == "GET":
        if product:
            form.standards.data = "\n".join(product.standards or [])
        return render_template("producer/product_form.html", form=form, product=product)
    if not form.validate():
        return render_template(
            "producer/product_form.html", form=form, product=product
        ), 400
    stored = None
    try:
        files = chosen_files([request.files.get("image")])
        stored = store_upload(files[0], "products") if files else None
        saved = product_service.save_product(
            db.session, current_user.organisation, _product_input(form), product
        )
        if stored is not None:
            saved.image_path = UPLOADED + stored.path.removeprefix("products/")
        db.session.flush()
        case_service.audit(
            db.session,
            current_user,
            "product.save",
            "product",
            saved.id,
            gtin=saved.gtin,
        )
        db.session.commit()
    except PhotoRefused as refused:
        message, status = refusal(refused.code)
        form.image.errors = [message]
        return render_template(
            "producer/product_form.html", form=form, product=product
        ), status
    except ProductError as error:
        db.session.rollback()
        discard([stored.path] if stored else [])
        _field_error(form, error, vocab.PRODUCT_ERRORS)
        return render_template(
            "producer/product_form.html", form=form, product=product
        ), 400
    flash(_("Product saved."))
    return redirect(url_for("producer.home") + f"#product-{saved.id}", code=303)


@bp.route("/profile", methods=["GET", "POST"])
@role_required("producer")
def profile():
    """The organisation's public profile: name, address, GLN, contacts."""
    organisation = current_user.organisation
    form = (
        ProfileForm(
            obj=organisation,
            data={
                "province": organisation.province_code,
                "ward": organisation.ward_code,
            },
        )
        if request.method == "GET"
        else ProfileForm()
    )
    form.fill_choices(current_lang(), form.province.data or organisation.province_code)
    if request.method == "GET":
        return render_template("producer/profile.html", form=form)
    if not form.validate():
        return render_template("producer/profile.html", form=form), 400
    try:
        product_service.save_profile(organisation, _profile_input(form))
        case_service.audit(
            db.session,
            current_user,
            "organisation.save",
            "organisation",
            organisation.id,
        )
        db.session.commit()
    except ProductError as error:
        db.session.rollback()
        _field_error(form, error, vocab.PRODUCT_ERRORS)
        return render_template("producer/profile.html", form=form), 400
    flash(_("Profile saved."))
    return redirect(url_for("producer.home"), code=303)


@bp.route("/batches/new", methods=["GET", "POST"])
@role_required("producer")
def new_batch():
    """Register a production lot and where it may be sold."""
    form = BatchForm()
    form.fill_choices(_own_products(), current_lang())
    if request.method == "GET":
        return render_template("producer/batch_new.html", form=form)
    if not form.validate():
        return render_template("producer/batch_new.html", form=form), 400
    product = _own_product(form.product.data)
    data = BatchInput(
        lot_code=form.lot_code.data,
        produced_on=form.produced_on.data,
        expires_on=form.expires_on.data,
        quantity=form.quantity.data,
        province_codes=form.provinces.data or [],
    )
    try:
        batch = batch_service.create_batch(db.session, product, data)
        db.session.commit()
    except BatchError as error:
        db.session.rollback()
        _field_error(form, error)
        return render_template("producer/batch_new.html", form=form), 400
    flash(_("Batch %(lot)s created.", lot=batch.lot_code))
    return redirect(url_for("producer.batch", batch_id=batch.id), code=303)


@bp.get("/batches/<int:batch_id>")
@role_required("producer")
def batch(batch_id: int):
    """A batch: its stamps and their issuance log, its journey, its status."""
    return render_template(
        "producer/batch.html", **_batch_context(_own_batch(batch_id))
    )


@bp.post("/batches/<int:batch_id>/stamps")
@role_required("producer")
def issue(batch_id: int):
    """Issue stamps and prepare their print files (PDF sheet and CSV)."""
    found = _own_batch(batch_id)
    form = IssueForm()
    if not form.validate():
        return _batch_again(found, issue_form=form)
    problem = batch_service.can_issue(db.session, found, form.count.data)
    if problem:
        form.count.errors = [vocab.label(vocab.BATCH_ERRORS, problem)]
        return _batch_again(found, issue_form=form)
    config = current_app.config
    folder = Path(config["PRINT_DIR"])
    issued = issue_stamps(
        db.session,
        found,
        form.count.data,
        config["STAMP_KEYS"],
        config["PUBLIC_BASE_URL"],
        form.with_pin.data,
        issued_by=current_user,
    )
    record_id = issued[0].issuance_id
    staging = print_jobs.prepare(
        folder, issued, _sheet_text(found), LAYOUTS[form.layout.data]
    )
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        print_jobs.discard(staging)
        raise
    print_jobs.publish(staging, folder, record_id)
    flash(
        _(
            "%(count)s stamps issued. Download the sheet and the CSV now: they are "
            "kept for %(hours)d hours.",
            count=len(issued),
            hours=int(config["PRINT_FILE_HOURS"]),
        )
    )
    return redirect(url_for("producer.batch", batch_id=found.id) + "#stamps", code=303)


@bp.get(
    "/issuances/<int:issuance_id>/<any('sheet.pdf', 'codes.csv', 'codes.xlsx'):name>"
)
@role_required("producer")
def print_file(issuance_id: int, name: str):
    """Download an issuance's print file while it is kept."""
    record = db.session.get(IssuanceRecord, issuance_id)
    if (
        record is None
        or record.batch.product.organisation_id != current_user.organisation_id
    ):
        abort(404)
    config = current_app.config
    kept = print_jobs.CODES if name == "codes.xlsx" else name  # made from the CSV
    path = print_jobs.file_for(
        Path(config["PRINT_DIR"]), issuance_id, kept, config["PRINT_FILE_HOURS"]
    )
    if path is None:
        return render_template(
            "errors/http.html",
            status=410,
            message=_(
                "These print files are no longer kept. Issue new stamps for more."
            ),
        ), 410
    download = f"{record.batch.lot_code}-{issuance_id}-{name}"
    if name == "codes.xlsx":
        return exports.download(exports.codes(path), download)
    response = send_file(path, as_attachment=True, download_name=download)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/batches/<int:batch_id>/events")
@role_required("producer")
def add_event(batch_id: int):
    """Record a step of the batch's journey; the story shows it at once.

    With htmx only the journey section is swapped (refusals come back with 200
    so htmx shows them); without JavaScript the whole page reloads.
    """
    found = _own_batch(batch_id)
    form = EventForm()
    form.fill_choices(current_lang())
    if not form.validate():
        return _journey_again(found, form)
    stored = None
    try:
        files = chosen_files([request.files.get("photo")])
        stored = store_upload(files[0], "events") if files else None
        data = EventInput(
            biz_step=form.biz_step.data,
            event_time=form.event_time.data.replace(tzinfo=VIETNAM),
            place_vi=form.place_vi.data,
            place_en=form.place_en.data,
            province_code=form.province.data or None,
            ward_code=None,
            note_vi=form.note_vi.data,
            note_en=form.note_en.data,
            photo_path=stored.path if stored else None,
        )
        event = batch_service.add_event(db.session, found, data, utcnow())
        db.session.flush()
        portal_outbox.follow_event(db.session, event)
        db.session.commit()
    except PhotoRefused as refused:
        form.photo.errors = [refusal(refused.code)[0]]
        return _journey_again(found, form)
    except BatchError as error:
        db.session.rollback()
        discard([stored.path] if stored else [])
        _field_error(form, error)
        return _journey_again(found, form)
    if wants_fragment():
        fresh = EventForm()
        fresh.fill_choices(current_lang())
        return render_template(
            "producer/_journey.html", batch=found, event_form=fresh, added=True
        )
    flash(_("Journey event added."))
    return redirect(url_for("producer.batch", batch_id=found.id) + "#journey", code=303)


def _journey_again(found: Batch, form: EventForm):
    if wants_fragment():
        return render_template("producer/_journey.html", batch=found, event_form=form)
    return _batch_again(found, event_form=form)


@bp.post("/batches/<int:batch_id>/status")
@role_required("producer")
def change_status(batch_id: int):
    """Recall or void the batch."""
    found = _own_batch(batch_id)
    form = BatchStatusForm()
    if not form.validate():
        return _batch_again(found, status_form=form)
    try:
        batch_service.set_status(found, form.status.data)
        case_service.audit(
            db.session,
            current_user,
            "batch.status",
            "batch",
            found.id,
            after=found.status,
        )
        db.session.commit()
    except BatchError as error:
        db.session.rollback()
        form.status.errors = [vocab.label(vocab.BATCH_ERRORS, error.code)]
        return _batch_again(found, status_form=form)
    flash(
        _(
            "The batch is now: %(status)s.",
            status=vocab.label(vocab.BATCH_STATUSES, found.status),
        )
    )
    return redirect(url_for("producer.batch", batch_id=found.id), code=303)


@bp.post("/batches/<int:batch_id>/portal")
@role_required("producer")
def send_to_portal(batch_id: int):
    """Queue the batch (product, production order, chain, stages) for the portal."""
    found = _own_batch(batch_id)
    portal_outbox.enqueue_batch(db.session, found)
    db.session.commit()
    flash(_("Queued for the national portal. Each record's state shows below."))
    return redirect(url_for("producer.batch", batch_id=found.id) + "#portal", code=303)


@bp.post("/portal-items/<int:item_id>/retry")
@role_required("producer")
def retry_portal_item(item_id: int):
    """Send a refused record again once its data is fixed."""
    item = db.session.get(PortalItem, item_id)
    if item is None or item.organisation_id != current_user.organisation_id:
        abort(404)
    portal_outbox.retry(item, utcnow())
    db.session.commit()
    flash(_("It will be sent again within minutes."))
    target = safe_next(request.form.get("back")) or url_for("producer.home")
    return redirect(target, code=303)


@bp.get("/cases")
@role_required("producer")
def cases():
    """Cases about this producer's products, with the batches hit several times."""
    status = request.args.get("status", "open")
    found = db.session.scalars(
        case_service.queue(current_user, None, status).limit(LIST_LIMIT)
    ).all()
    return render(
        "producer/cases.html",
        "producer/_case_list.html",
        cases=found,
        clusters=case_service.clusters(db.session, current_user),
        status=status,
    )


@bp.get("/cases/<int:case_id>")
@role_required("producer")
def case(case_id: int):
    """One case about this producer's product; reporters' contacts stay hidden."""
    found = case_service.visible_case(db.session, current_user, case_id)
    if found is None:
        abort(404)
    return render_template(
        "producer/case.html",
        case=found,
        history=case_service.history(db.session, found),
    )


def _own_products() -> list[Product]:
    return list(
        db.session.scalars(
            select(Product)
            .where(Product.organisation_id == current_user.organisation_id)
            .order_by(Product.id)
        )
    )


def _own_product(product_id: int) -> Product:
    product = db.session.get(Product, product_id)
    if product is None or product.organisation_id != current_user.organisation_id:
        abort(404)
    return product


def _own_batch(batch_id: int) -> Batch:
    found = db.session.get(Batch, batch_id)
    if found is None or found.product.organisation_id != current_user.organisation_id:
        abort(404)
    return found


def _batch_context(found: Batch, **forms) -> dict:
    lang = current_lang()
    event_form = forms.get("event_form") or EventForm()
    event_form.fill_choices(lang)
    records = db.session.scalars(
        select(IssuanceRecord)
        .where(IssuanceRecord.batch_id == found.id)
        .order_by(IssuanceRecord.id.desc())
    ).all()
    config = current_app.config
    folder = Path(config["PRINT_DIR"])
    hours = config["PRINT_FILE_HOURS"]
    return {
        "batch": found,
        "issued": batch_service.stamps_issued(db.session, found),
        "records": records,
        "downloadable": print_jobs.still_kept(folder, (r.id for r in records), hours),
        "issue_form": forms.get("issue_form") or IssueForm(),
        "event_form": event_form,
        "status_form": forms.get("status_form") or BatchStatusForm(),
        "portal_items": _portal_items(found),
        "findings": completeness.review(
            db.session, found.product, found, utcnow(), product_image_file
        ),
        "portal_configured": portal_link.configured(),
    }


def _portal_items(found: Batch) -> list[PortalItem]:
    """The outbox items this batch depends on or produced, in sending order."""
    event_ids = [event.id for event in found.events]
    return list(
        db.session.scalars(
            select(PortalItem)
            .where(
                PortalItem.organisation_id == found.product.organisation_id,
                or_(
                    PortalItem.kind == "organisation",
                    (PortalItem.kind == "product")
                    & (PortalItem.object_id == found.product_id),
                    PortalItem.kind.in_(("production_order", "chain"))
                    & (PortalItem.object_id == found.id),
                    (PortalItem.kind == "stage") & PortalItem.object_id.in_(event_ids),
                ),
            )
            .order_by(PortalItem.id)
        )
    )


def _batch_again(found: Batch, **forms):
    """The batch page with a form's errors, where the producer filled it in."""
    return render_template("producer/batch.html", **_batch_context(found, **forms)), 400


def _field_error(form, error, messages: dict = vocab.BATCH_ERRORS) -> None:
    field = getattr(form, error.field or "", None) or next(iter(form))
    field.errors = [*field.errors, vocab.label(messages, error.code)]


def _product_input(form: ProductForm) -> ProductInput:
    texts = {
        name: getattr(form, name).data
        for name in (
            "name_en", "summary_vi", "summary_en", "story_vi", "story_en",
            "ingredients_vi", "ingredients_en", "storage_vi", "storage_en",
            "ocop_issuer", "trademark", "net_content",
        )
    }  # fmt: skip
    return ProductInput(
        gtin=form.gtin.data,
        name_vi=form.name_vi.data,
        category=form.category.data,
        ocop_stars=form.ocop_stars.data,
        ocop_certificate_no=form.ocop_certificate_no.data,
        ocop_certified_on=form.ocop_certified_on.data,
        standards=(form.standards.data or "").splitlines(),
        shelf_life_days=form.shelf_life_days.data,
        duplicate_threshold=form.duplicate_threshold.data,
        **texts,
    )


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
    )


def _sheet_text(found: Batch) -> SheetText:
    """The words on the labels, in Vietnamese: the stamps go on goods sold here."""
    product = found.product
    lot_line = translate_to("vi", "Lot %(lot)s", lot=found.lot_code)
    if found.expires_on:
        lot_line += " · " + translate_to(
            "vi", "Best before %(date)s", date=found.expires_on.strftime("%d/%m/%Y")
        )
    return SheetText(
        product=product.name_vi,
        stars=product.ocop_stars,
        lot_line=lot_line,
        scan_hint=translate_to("vi", "Scan to check"),
        pin_hint=translate_to("vi", "Scratch for the PIN"),
    )

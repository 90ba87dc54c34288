"""The producer portal, continued: batches, their stamps and label previews."""

from typing import Any

from flask import (
    current_app,
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
from werkzeug.datastructures import MultiDict

from webapp.extensions import db, settings
from webapp.forms.producer import (
    LAYOUT_CHOICES,
    BatchEditForm,
    BatchForm,
    BatchStatusForm,
    EventForm,
    IssueForm,
)
from webapp.jobs import print_files
from webapp.models import Batch, utcnow
from webapp.routes.producer import bp, field_error
from webapp.routes.producer_labels import sheet_text
from webapp.services.catalog import batches as batch_service
from webapp.services.catalog import completeness
from webapp.services.catalog import products as product_service
from webapp.services.catalog.batches import BATCH_FIELDS, BatchError, BatchInput
from webapp.services.staff import access
from webapp.services.stamps import issuance_log, label_preview, print_jobs
from webapp.services.stamps.label_layout import LabelTooSmall, plan
from webapp.services.stamps.stamp_sheet import LAYOUTS
from webapp.services.standards import portal_outbox
from webapp.web import portal_link, vocab
from webapp.web.auth import role_required
from webapp.web.fragments import render
from webapp.web.i18n import current_lang
from webapp.web.links import product_image_file


@bp.route("/batches/new", methods=["GET", "POST"])
@role_required("producer")
def new_batch() -> ResponseReturnValue:
    """Register a production lot and where it may be sold."""
    form = BatchForm()
    own = product_service.of_organisation(db.session(), current_user.organisation_id)
    form.fill_products(own, current_lang())
    if request.method == "GET":
        return render_template("producer/batch_new.html", form=form)
    if not form.validate():
        return render_template("producer/batch_new.html", form=form), 400
    product = access.own_product(db.session(), current_user, form.product.data)
    try:
        batch = batch_service.create_batch(db.session(), product, _batch_input(form))
        db.session.commit()
    except BatchError as error:
        db.session.rollback()
        field_error(form, error)
        return render_template("producer/batch_new.html", form=form), 400
    flash(_("Batch %(lot)s created.", lot=batch.lot_code))
    return redirect(url_for("producer.batch", batch_id=batch.id), code=303)


@bp.get("/batches/<int:batch_id>")
@role_required("producer")
def batch(batch_id: int) -> ResponseReturnValue:
    """A batch: its stamps and their issuance log, its journey, its status."""
    found = access.own_batch(db.session(), current_user, batch_id)
    return render_template("producer/batch.html", **_batch_context(found))


@bp.route("/batches/<int:batch_id>/edit", methods=["GET", "POST"])
@role_required("producer")
def edit_batch(batch_id: int) -> ResponseReturnValue:
    """Correct a batch: everything until stamps are issued, then what stays true."""
    found = access.own_batch(db.session(), current_user, batch_id)
    issued = batch_service.stamps_issued(db.session(), found)
    locks = batch_service.locked(found, issued)
    form = BatchEditForm(obj=found, data={"provinces": found.province_codes})
    for name in locks:
        del form[name]  # shown as facts, with the reason, and kept as they are
    form.fill_choices(current_lang())
    context = {"batch": found, "form": form, "issued": issued, "locks": locks}
    if request.method == "GET":
        return render_template("producer/batch_edit.html", **context)
    if len(locks) == len(BATCH_FIELDS) or not form.validate():
        return render_template("producer/batch_edit.html", **context), 400
    if not _apply_edit(found, form, issued, locks):
        return render_template("producer/batch_edit.html", **context), 400
    flash(_("Batch %(lot)s saved.", lot=found.lot_code))
    return redirect(url_for("producer.batch", batch_id=found.id), code=303)


def _apply_edit(found: Batch, form: BatchEditForm, issued: int, locks: dict) -> bool:
    """Save the edit and audit it; False (with the field's error) when refused."""
    if issued and form.provinces is not None:
        # Provinces already authorised are shown ticked and disabled: they stay.
        form.provinces.data = sorted({*form.provinces.data, *found.province_codes})
    kept = {name: _current(found, name) for name in locks}
    try:
        batch_service.update_batch(
            db.session(), found, _batch_input(form, **kept), issued, by=current_user
        )
        db.session.commit()
    except BatchError as error:
        db.session.rollback()
        field_error(form, error)
        return False
    return True


def _current(found: Batch, name: str) -> Any:
    return found.province_codes if name == "provinces" else getattr(found, name)


@bp.post("/batches/<int:batch_id>/stamps")
@role_required("producer")
def issue(batch_id: int) -> ResponseReturnValue:
    """Issue stamps and prepare their print files (PDF sheet and CSV)."""
    found = access.own_batch(db.session(), current_user, batch_id)
    form = IssueForm()
    if not form.validate():
        return batch_again(found, issue_form=form)
    if _issue_problem(found, form):
        return batch_again(found, issue_form=form)
    run = print_jobs.issue_for_print(
        db.session(),
        found,
        form.count.data,
        settings(),
        form.layout.data,
        form.with_pin.data,
        issued_by=current_user,
    )
    started = print_files.start(run.job.id, run.count)
    flash(_issued_message(started, run.count, int(settings().print_file_hours)))
    return redirect(url_for("producer.batch", batch_id=found.id) + "#stamps", code=303)


def _issued_message(started: str, count: int, hours: int) -> str:
    if started == "ready":
        return _(
            "%(count)s stamps issued. Download the sheet and the CSV now: they "
            "are kept for %(hours)d hours.",
            count=count,
            hours=hours,
        )
    if started == "failed":
        return _(
            "%(count)s stamps issued, but their print files could not be "
            "prepared: try again below.",
            count=count,
        )
    return _(
        "%(count)s stamps issued. Their print files are being prepared below; "
        "once ready they are kept for %(hours)d hours.",
        count=count,
        hours=hours,
    )


def _issue_problem(found: Batch, form: IssueForm) -> bool:
    """Put why these stamps cannot be issued on the form; True if there is a reason."""
    problem = batch_service.can_issue(db.session(), found, form.count.data)
    if problem:
        form.count.errors = [vocab.label(vocab.BATCH_ERRORS, problem)]
        return True
    try:
        plan(sheet_text(found), LAYOUTS[form.layout.data], form.with_pin.data)
    except LabelTooSmall:
        form.layout.errors = [vocab.label(vocab.BATCH_ERRORS, "label_too_long")]
        return True
    return False


@bp.get("/batches/<int:batch_id>/labels")
@role_required("producer")
def label_previews(batch_id: int) -> ResponseReturnValue:
    """One label of each size as it will print; htmx swaps it when PIN is ticked."""
    found = access.own_batch(db.session(), current_user, batch_id)
    with_pin = request.args.get("with_pin") == "y"
    return render(
        "producer/batch.html",
        "producer/_label_preview.html",
        **_batch_context(found, with_pin=with_pin),
    )


@bp.post("/batches/<int:batch_id>/status")
@role_required("producer")
def change_status(batch_id: int) -> ResponseReturnValue:
    """Recall or void the batch."""
    found = access.own_batch(db.session(), current_user, batch_id)
    form = BatchStatusForm()
    if not form.validate():
        return batch_again(found, status_form=form)
    try:
        batch_service.change_status(
            db.session(), found, form.status.data, by=current_user
        )
        db.session.commit()
    except BatchError as error:
        db.session.rollback()
        form.status.errors = [vocab.label(vocab.BATCH_ERRORS, error.code)]
        return batch_again(found, status_form=form)
    flash(
        _(
            "The batch is now: %(status)s.",
            status=vocab.label(vocab.BATCH_STATUSES, found.status),
        )
    )
    return redirect(url_for("producer.batch", batch_id=found.id), code=303)


@bp.post("/batches/<int:batch_id>/portal")
@role_required("producer")
def send_to_portal(batch_id: int) -> ResponseReturnValue:
    """Queue the batch (product, production order, chain, stages) for the portal."""
    found = access.own_batch(db.session(), current_user, batch_id)
    portal_outbox.enqueue_batch(db.session(), found)
    db.session.commit()
    flash(_("Queued for the national portal. Each record's state shows below."))
    return redirect(url_for("producer.batch", batch_id=found.id) + "#portal", code=303)


def event_form(found: Batch, formdata: MultiDict[str, str] | None = None) -> EventForm:
    """The form to add a step: preset to the likely next step, in one's province."""
    preset = {
        "biz_step": batch_service.suggested_step(found),
        "province": current_user.organisation.province_code,
    }
    form = EventForm(formdata=formdata, data=preset)
    form.fill_choices(current_lang(), form.province.data)
    return form


def findings_of(found: Batch) -> list:
    """What the batch and its product lack, or what looks implausible."""
    return completeness.review(
        db.session(), found.product, found, utcnow(), product_image_file
    )


def _batch_context(found: Batch, with_pin: bool = False, **forms: FlaskForm) -> dict:
    records = issuance_log.records_of(db.session(), found)
    config = current_app.config
    folder = settings().print_dir
    hours = settings().print_file_hours
    issue_form = forms.get("issue_form") or IssueForm(formdata=None)
    with_pin = with_pin or bool(issue_form.with_pin.data)
    return {
        "batch": found,
        "issued": batch_service.stamps_issued(db.session(), found),
        "records": records,
        "downloadable": print_jobs.still_kept(folder, (r.id for r in records), hours),
        "print_jobs": print_files.of_records(r.id for r in records),
        "stalled_after": config["PRINT_JOB_STALLED_SECONDS"],
        "issue_form": issue_form,
        "event_form": forms.get("event_form") or event_form(found),
        "status_form": forms.get("status_form") or BatchStatusForm(formdata=None),
        "portal_items": portal_outbox.items_of_batch(db.session(), found),
        "findings": findings_of(found),
        "portal_configured": portal_link.configured(),
        "label_fits": label_preview.fits(sheet_text(found), with_pin),
        "with_pin": with_pin,
        "layouts": LAYOUTS,
        "layout_names": {choice.value: choice.label for choice in LAYOUT_CHOICES},
    }


def batch_again(found: Batch, **forms: FlaskForm) -> tuple[str, int]:
    """The batch page with a form's errors, where the producer filled it in."""
    return render_template("producer/batch.html", **_batch_context(found, **forms)), 400


def _batch_input(form: BatchEditForm, **kept: Any) -> BatchInput:
    """The form's values; kept overrides fields the form no longer offers."""
    values = {
        name: kept[name] if name in kept else getattr(form, name).data
        for name in BATCH_FIELDS
    }
    return BatchInput(**values)

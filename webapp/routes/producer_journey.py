"""The producer portal, continued: a batch's journey events and their places."""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.forms.producer import EventForm, EventLocationForm
from webapp.models import Batch, utcnow
from webapp.routes.producer import bp, field_error
from webapp.routes.producer_batches import batch_again, event_form, findings_of
from webapp.services.catalog import batches as batch_service
from webapp.services.catalog.batches import BatchError, EventInput
from webapp.services.common.clock import VIETNAM
from webapp.services.common.photos import PhotoRefused, StoredPhoto
from webapp.services.staff import access
from webapp.services.standards import portal_outbox
from webapp.web.auth import role_required
from webapp.web.fragments import wants_fragment
from webapp.web.i18n import current_lang
from webapp.web.uploads import chosen_files, kept_only_if_saved, refusal


@bp.post("/batches/<int:batch_id>/events")
@role_required("producer")
def add_event(batch_id: int) -> ResponseReturnValue:
    """Record a step of the batch's journey; the story shows it at once.

    With htmx the journey section is swapped, and the completeness panel with
    it (out of band); refusals come back with 200 so htmx shows them. Without
    JavaScript the whole page reloads.
    """
    found = access.own_batch(db.session(), current_user, batch_id)
    form = event_form(found, formdata=request.form)
    if not form.validate():
        return _journey_again(found, form)
    try:
        with kept_only_if_saved() as uploads:
            files = chosen_files([request.files.get("photo")])
            stored = uploads.store(files[0], "events") if files else None
            event = batch_service.add_event(
                db.session(), found, _event_input(form, stored), utcnow()
            )
            db.session.flush()
            portal_outbox.follow_event(db.session(), event)
            db.session.commit()
    except PhotoRefused as refused:
        form.photo.errors = [refusal(refused.code)[0]]
        return _journey_again(found, form)
    except BatchError as error:
        db.session.rollback()
        field_error(form, error)
        return _journey_again(found, form)
    if wants_fragment():
        return _journey_fragment(found, event_form(found), added=True)
    flash(_("Journey event added."))
    return redirect(url_for("producer.batch", batch_id=found.id) + "#journey", code=303)


@bp.route(
    "/batches/<int:batch_id>/events/<int:event_id>/location", methods=["GET", "POST"]
)
@role_required("producer")
def locate_event(batch_id: int, event_id: int) -> ResponseReturnValue:
    """Give a stage recorded without one its location code (ward or GLN)."""
    found, event = access.own_stage(db.session(), current_user, batch_id, event_id)
    form = EventLocationForm(data={"province": event.province_code})
    form.fill_choices(current_lang(), form.province.data)
    page = "producer/event_location.html"
    if request.method == "GET" or not form.validate():
        status = 200 if request.method == "GET" else 400
        return render_template(page, batch=found, event=event, form=form), status
    try:
        batch_service.locate_event(
            db.session(),
            event,
            form.province.data,
            form.ward.data,
            form.gln.data,
            by=current_user,
        )
        db.session.commit()
    except BatchError as error:
        db.session.rollback()
        field_error(form, error)
        return render_template(page, batch=found, event=event, form=form), 400
    flash(_("Location code added to the stage at %(place)s.", place=event.place_vi))
    return redirect(url_for("producer.batch", batch_id=found.id) + "#journey", code=303)


def _event_input(form: EventForm, stored: StoredPhoto | None) -> EventInput:
    return EventInput(
        biz_step=form.biz_step.data,
        event_time=form.event_time.data.replace(tzinfo=VIETNAM),
        place_vi=form.place_vi.data,
        place_en=form.place_en.data,
        province_code=form.province.data or None,
        ward_code=form.ward.data or None,
        gln=form.gln.data,
        note_vi=form.note_vi.data,
        note_en=form.note_en.data,
        photo_path=stored.path if stored else None,
    )


def _journey_again(found: Batch, form: EventForm) -> str | tuple[str, int]:
    if wants_fragment():
        return _journey_fragment(found, form)
    return batch_again(found, event_form=form)


def _journey_fragment(found: Batch, form: EventForm, added: bool = False) -> str:
    """The journey; after a new step, the completeness panel too (out of band)."""
    return render_template(
        "producer/_journey_update.html",
        batch=found,
        event_form=form,
        added=added,
        findings=findings_of(found) if added else None,
    )

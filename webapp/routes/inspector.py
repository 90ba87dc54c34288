"""The market inspector's workspace: triage queue, cases, dossier, inspections."""

from dataclasses import astuple

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.forms.fields import province_choices
from webapp.forms.inspector import (
    AssignForm,
    CaseInspectionForm,
    CaseStatusForm,
    HandOverForm,
    InspectionForm,
    PinResetForm,
)
from webapp.models import Case, Stamp
from webapp.services.casework import cases as case_service
from webapp.services.casework.cases import CaseError
from webapp.services.casework.contacts import open_case_contacts
from webapp.services.casework.inspections import (
    InspectionError,
    preset_province,
    record_case_inspection,
    record_inspection,
    reset_pin_claim,
)
from webapp.services.casework.reported_codes import by_report, reported_codes
from webapp.services.catalog.resolution import Resolution
from webapp.services.staff import access
from webapp.services.standards.code_entry import interpret
from webapp.web import vocab
from webapp.web.auth import role_required
from webapp.web.dossier_view import dossier_context, link_of, stamp_for_dossier
from webapp.web.fragments import render, wants_fragment
from webapp.web.i18n import current_lang
from webapp.web.inspection_view import blank_case_form, finding, save_inspection
from webapp.web.links import own_hosts, resolve_link
from webapp.web.scan_context import privacy_key
from webapp.web.uploads import upload_dir

bp = Blueprint("inspector", __name__, url_prefix="/inspector")

STAFF = ("inspector", "admin")
OFFLINE_DOSSIERS = 50  # what a phone keeps for a day in the market


@bp.get("/")
@role_required(*STAFF)
def queue() -> ResponseReturnValue:
    """Alerts and reports in one list, most severe and most recent first."""
    province = request.args.get("province") or None
    status = request.args.get("status", "open")
    if province and not access.covers(current_user, province):
        province = None  # only the provinces this inspector covers
    found = case_service.queue(db.session(), current_user, province, status)
    offline = [
        url_for("inspector.dossier", code=case.stamp.serial)
        for case in found
        if case.stamp is not None and case.is_open
    ][:OFFLINE_DOSSIERS]
    return render(
        "inspector/queue.html",
        "inspector/_queue_results.html",
        offline_dossiers=offline,
        cases=found,
        clusters=case_service.clusters(db.session(), current_user, province),
        province=province,
        status=status,
        province_options=_province_options(),
        status_options=list(vocab.CASE_STATUSES.items()),
    )


@bp.get("/cases/<int:case_id>")
@role_required(*STAFF)
def case(case_id: int) -> ResponseReturnValue:
    """One case: its alerts, reports, photos and history, and what to do next."""
    found = access.readable_case(db.session(), current_user, case_id)
    return render_template("inspector/case.html", **_case_context(found))


@bp.post("/cases/<int:case_id>/status")
@role_required(*STAFF)
def change_status(case_id: int) -> ResponseReturnValue:
    """Move the case to another state; the note says why."""
    found = access.readable_case(db.session(), current_user, case_id)
    form = CaseStatusForm()
    # Refusals come back with 200 too: htmx 2 swaps only successful answers.
    if form.validate():
        try:
            changed = case_service.change_status(
                db.session(),
                found,
                current_user,
                form.status.data,
                form.note.data or "",
            )
            db.session.commit()
            flash(_("Case updated.") if changed else _("Nothing changed."))
        except CaseError as error:
            db.session.rollback()
            field = getattr(form, error.field or "", None) or form.note
            field.errors = [vocab.refusal(error, vocab.CASE_ERRORS)]
    context = _case_context(found, status_form=form)
    return render("inspector/case.html", "inspector/_case_manage.html", **context)


@bp.post("/cases/<int:case_id>/assign")
@role_required(*STAFF)
def assign(case_id: int) -> ResponseReturnValue:
    """Take the case: the reporter sees that an inspector is on it."""
    found = access.readable_case(db.session(), current_user, case_id)
    taken = AssignForm().validate() and case_service.assign(
        db.session(), found, current_user
    )
    if taken:
        db.session.commit()
        flash(_("You are now handling this case."))
    return render(
        "inspector/case.html", "inspector/_case_manage.html", **_case_context(found)
    )


@bp.post("/cases/<int:case_id>/provinces")
@role_required(*STAFF)
def hand_over(case_id: int) -> ResponseReturnValue:
    """Bring in the inspectors of another province, e.g. where the item was sold."""
    found = access.readable_case(db.session(), current_user, case_id)
    form = HandOverForm()
    form.fill_choices(current_lang(), found.province_codes)
    accountable = access.can_see_contacts(current_user, found)
    if form.validate() and case_service.hand_over(
        db.session(), found, current_user, form.province.data, accountable
    ):
        db.session.commit()
        flash(_("The inspectors of that province now follow this case."))
    context = _case_context(found, hand_over_form=form)
    return render("inspector/case.html", "inspector/_case_manage.html", **context)


@bp.post("/cases/<int:case_id>/inspections")
@role_required(*STAFF)
def inspect_case(case_id: int) -> ResponseReturnValue:
    """Record an inspection of a reported code that was never issued."""
    found = access.readable_case(db.session(), current_user, case_id)
    codes = reported_codes(db.session(), found)
    form = CaseInspectionForm(prefix=CaseInspectionForm.PREFIX)
    form.fill_choices(current_lang(), codes, access.recording_provinces(current_user))
    if not form.validate():
        return _case_again(found, form, 400)
    code = next(c for c in codes if c.reference == form.code.data)
    status = save_inspection(
        form,
        lambda photo_path: record_case_inspection(
            db.session(), found, code, current_user, finding(form, photo_path)
        ),
    )
    if status is not None:
        return _case_again(found, form, status)
    flash(_("Inspection recorded."))
    return redirect(url_for("inspector.case", case_id=found.id) + "#history", 303)


@bp.get("/dossier")
@role_required(*STAFF)
def dossier() -> ResponseReturnValue:
    """Everything about one code for the inspector holding the item."""
    code = request.args.get("code", "").strip()
    if not code:
        return render_template("inspector/dossier_entry.html"), 200
    entry = interpret(db.session(), code, own_hosts())
    stamp, resolution, problem = stamp_for_dossier(entry)
    if stamp is None or resolution is None:
        page = render_template(
            "inspector/dossier_entry.html", code=code, problem=problem
        )
        unknown = entry.link is not None or entry.problem == "unknown_code"
        return page, 404 if unknown else 400
    return _render_dossier(stamp, resolution)


@bp.post("/stamps/<int:stamp_id>/inspections")
@role_required(*STAFF)
def inspect(stamp_id: int) -> ResponseReturnValue:
    """Record an inspection of this item; a seizure marks the code counterfeit."""
    stamp = access.readable_stamp(db.session(), current_user, stamp_id)
    form = InspectionForm()
    form.fill_province_choices(current_lang(), access.recording_provinces(current_user))
    if not form.validate():
        return _dossier_again(stamp, form, None)
    status = save_inspection(
        form,
        lambda photo_path: record_inspection(
            db.session(), stamp, current_user, *astuple(finding(form, photo_path))
        ),
    )
    if status is not None:
        return _dossier_again(stamp, form, None, status)
    flash(_("Inspection recorded."))
    return redirect(_dossier_url(stamp) + "#inspections", code=303)


@bp.post("/stamps/<int:stamp_id>/pin-reset")
@role_required(*STAFF)
def pin_reset(stamp_id: int) -> ResponseReturnValue:
    """Undo a PIN claim made by the wrong phone, with the reason on record."""
    stamp = access.readable_stamp(db.session(), current_user, stamp_id)
    access.check_pin_reset(db.session(), current_user, stamp)
    form = PinResetForm()
    if not form.validate():
        return _dossier_again(stamp, None, form)
    try:
        reset_pin_claim(db.session(), stamp, current_user, form.reason.data)
    except InspectionError as error:
        db.session.rollback()
        form.reason.errors = [vocab.refusal(error, vocab.INSPECTION_ERRORS)]
        return _dossier_again(stamp, None, form)
    db.session.commit()
    flash(_("The PIN claim was reset."))
    return redirect(_dossier_url(stamp), code=303)


@bp.get("/photos/<path:path>")
@role_required("inspector", "admin", "producer")
def photo(path: str) -> ResponseReturnValue:
    """A stored photo, for staff allowed to see the record it belongs to."""
    access.check_photo(db.session(), current_user, path)
    response = send_from_directory(upload_dir(), path, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "private, no-store"  # a reporter's photo
    return response


def _case_context(
    found: Case,
    status_form: CaseStatusForm | None = None,
    inspection_form: CaseInspectionForm | None = None,
    hand_over_form: HandOverForm | None = None,
) -> dict:
    codes = reported_codes(db.session(), found)
    show_contact = access.can_see_contacts(current_user, found)
    if hand_over_form is None:
        hand_over_form = HandOverForm(formdata=None)
        hand_over_form.fill_choices(current_lang(), found.province_codes)
    return {
        "case": found,
        "show_contact": show_contact,
        "contacts": _contacts(found) if show_contact else {},
        "history": case_service.history(db.session(), found),
        "status_form": status_form
        or CaseStatusForm(formdata=None, data={"status": found.status}),
        "assign_form": AssignForm(),
        "hand_over_form": hand_over_form,
        "codes": codes,
        "reported": by_report(codes),
        "inspection_form": inspection_form
        or blank_case_form(found, codes, current_user),
    }


def _contacts(found: Case) -> dict[int, str | None]:
    """Reporters' contacts for a whole case page; each one opened is audited."""
    if wants_fragment():
        return {}  # the swapped fragments show no contact
    shown = open_case_contacts(db.session(), found, current_user, privacy_key())
    db.session.commit()  # the audit entries of the contacts on this page
    return shown


def _case_again(found: Case, form: CaseInspectionForm, status: int) -> tuple[str, int]:
    """The case page with the inspection form's errors where it was filled in."""
    page = render_template(
        "inspector/case.html", **_case_context(found, inspection_form=form)
    )
    return page, status


def _dossier_url(stamp: Stamp) -> str:
    return url_for("inspector.dossier", code=stamp.serial)


def _dossier_again(
    stamp: Stamp,
    inspection_form: InspectionForm | None,
    pin_form: PinResetForm | None,
    status: int = 400,
) -> tuple[str, int]:
    """The dossier with a form's errors shown where the inspector filled it in."""
    resolution = resolve_link(link_of(stamp))
    return _render_dossier(stamp, resolution, inspection_form, pin_form), status


def _render_dossier(
    stamp: Stamp,
    resolution: Resolution,
    inspection_form: InspectionForm | None = None,
    pin_form: PinResetForm | None = None,
) -> str:
    context = dossier_context(stamp, resolution, current_user)
    if inspection_form is None:
        case = context["cases"][0] if context["cases"] else None
        inspection_form = InspectionForm(
            formdata=None, data={"province": preset_province(current_user, case)}
        )
        inspection_form.fill_province_choices(
            current_lang(), access.recording_provinces(current_user)
        )
    readable = {
        i.id
        for i in context["inspections"]
        if access.can_read_inspection(db.session(), current_user, i)
    }
    return render_template(
        "inspector/dossier.html",
        **context,
        readable_inspections=readable,
        may_reset_pin=access.can_reset_pin(db.session(), current_user, stamp),
        inspection_form=inspection_form,
        pin_form=pin_form or PinResetForm(),
    )


def _province_options() -> list:
    lang = current_lang()
    if current_user.role == "admin":
        return province_choices(lang, _("All provinces"))
    covered = set(current_user.province_codes)
    choices = province_choices(lang, _("All my provinces"))
    return [c for c in choices if not c.value or c.value in covered]

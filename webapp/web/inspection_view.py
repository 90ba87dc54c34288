"""Web glue of the inspection forms: a case's blank form, saving one with its photo."""

from __future__ import annotations

from collections.abc import Callable

from flask import request

from webapp.extensions import db
from webapp.forms.inspector import CaseInspectionForm, InspectionForm
from webapp.models import Case, User, utcnow
from webapp.services.casework.inspections import (
    Finding,
    InspectionError,
    preset_province,
)
from webapp.services.casework.reported_codes import ReportedCode
from webapp.services.common.photos import PhotoRefused
from webapp.services.staff import access
from webapp.web import vocab
from webapp.web.i18n import current_lang
from webapp.web.uploads import chosen_files, kept_only_if_saved, refusal


def blank_case_form(
    case: Case, codes: list[ReportedCode], user: User
) -> CaseInspectionForm:
    """The case's inspection form, on the inspector's province and its only code."""
    form = CaseInspectionForm(
        formdata=None,
        prefix=CaseInspectionForm.PREFIX,
        data={"province": preset_province(user, case)},
    )
    form.fill_choices(current_lang(), codes, access.recording_provinces(user))
    if len(form.code.choices) == 1:
        form.code.data = form.code.choices[0].value
    return form


def finding(form: InspectionForm, photo_path: str | None) -> Finding:
    """What the form says was found, now."""
    return Finding(
        form.result.data,
        form.place.data,
        form.province.data or None,
        form.note.data or "",
        utcnow(),
        photo_path,
    )


def save_inspection(form: InspectionForm, save: Callable[[str | None], object]):
    """Keep the photo, save(photo_path) and commit; else the status to answer with.

    A refusal leaves nothing behind: no row, no photo file.
    """
    try:
        with kept_only_if_saved() as uploads:
            files = chosen_files([request.files.get(form.photo.name)])
            photo = uploads.store(files[0], "inspections") if files else None
            save(photo.path if photo else None)
            db.session.commit()
    except PhotoRefused as refused:
        message, status = refusal(refused.code)
        form.photo.errors = [message]
        return status
    except InspectionError as error:
        db.session.rollback()
        field = getattr(form, error.field or "", None) or form.place
        field.errors = [*field.errors, vocab.refusal(error, vocab.INSPECTION_ERRORS)]
        return 400
    except Exception:
        db.session.rollback()
        raise
    return None

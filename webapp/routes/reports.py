"""Consumers report suspected fakes and follow their report by reference."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from webapp.extensions import db
from webapp.forms.reports import ReportForm
from webapp.i18n import current_lang
from webapp.models import Report
from webapp.services import regions
from webapp.services.reports import ReportInput, file_report

bp = Blueprint("reports", __name__, url_prefix="/report")


@bp.get("/")
def new():
    """The report form, with the code prefilled when coming from a scan."""
    form = ReportForm(data={"code": request.args.get("code", "")})
    form.fill_region_choices(current_lang())
    return render_template("reports/new.html", form=form)


@bp.post("/")
def create():
    """File the report and show its reference (Post/Redirect/Get)."""
    form = ReportForm()
    form.fill_region_choices(current_lang())
    if not form.validate():
        return render_template("reports/new.html", form=form), 400
    report = file_report(db.session, _report_input(form))
    db.session.commit()
    return redirect(url_for("reports.show", reference=report.reference), code=303)


@bp.get("/<reference>")
def show(reference: str):
    """Where a report stands, for whoever holds its reference."""
    report = db.session.scalar(
        select(Report).where(Report.reference == reference.strip().upper())
    )
    if report is None:
        return render_template("reports/unknown.html", reference=reference), 404
    return render_template("reports/show.html", report=report)


@bp.get("/wards")
def wards():
    """The ward options of one province, swapped into the form by htmx."""
    province = request.args.get("province", "")
    options = regions.wards_of(province) if regions.is_province_code(province) else []
    return render_template(
        "reports/_ward_options.html", wards=options, empty=_("— choose —")
    )


def _report_input(form: ReportForm) -> ReportInput:
    return ReportInput(
        code_text=form.code.data.strip() or None,
        province_code=form.province.data or None,
        ward_code=form.ward.data or None,
        place=form.place.data.strip(),
        bought_on=form.bought_on.data,
        price_vnd=form.price_vnd.data,
        problems=form.problems.data or [],
        description=(form.description.data or "").strip() or None,
        contact=(form.contact.data or "").strip() or None,
        lang=current_lang(),
    )

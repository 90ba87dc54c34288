"""The province's administrator: programme dashboard, approvals, training."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from webapp.extensions import db
from webapp.forms.admin import ApproveForm, TrainingForm
from webapp.models import Organisation, utcnow
from webapp.services.catalog import approvals as approval_rules
from webapp.services.common.clock import today_in_vietnam
from webapp.services.programme import charts, coverage, progress
from webapp.services.programme import training as training_service
from webapp.web import exports, vocab
from webapp.web.auth import role_required
from webapp.web.i18n import current_lang

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
@role_required("admin")
def dashboard() -> ResponseReturnValue:
    """Progress toward the programme's targets, from the data as it is."""
    now = utcnow()
    products, rows = progress.products_with_complete_data(db.session(), now)
    trained = progress.producers_trained(db.session())
    today = today_in_vietnam()
    weeks = progress.weekly(db.session(), today)
    since = progress.window_start(today)
    return render_template(
        "admin/dashboard.html",
        products=products,
        trained=trained,
        kinds=coverage.by_kind(rows),
        sectors=coverage.by_sector(rows),
        training=coverage.training_by_sector(db.session()),
        incomplete=[product for product, done in rows if not done],
        weeks=weeks,
        provinces=progress.by_province(db.session(), since),
        **_charts(products, trained, weeks),
    )


def _charts(
    products: progress.Share, trained: progress.Share, weeks: list[progress.Week]
) -> dict[str, Markup]:
    """The dashboard's charts: progress toward each target, and weekly counts."""
    return {
        "product_chart": Markup(
            charts.progress(
                products.ratio,
                {_("2025: 50 %"): 0.5, _("2030: 100 %"): 1.0},
                _("Products with complete traceability data"),
            )
        ),
        "training_chart": Markup(
            charts.progress(
                trained.ratio,
                {_("2025: 50 %"): 0.5},
                _("Producers trained in traceability"),
            )
        ),
        "scans_chart": Markup(
            charts.per_week(weeks, "scans", _("Shopper scans per week"))
        ),
        "alerts_chart": Markup(
            charts.per_week(weeks, "alerts", _("New alerts per week"))
        ),
    }


EXPORT_NAMES = ", ".join(map(repr, exports.DASHBOARD))


@bp.get(f"/export/<any({EXPORT_NAMES}):name>.xlsx")
@role_required("admin")
def export(name: str) -> ResponseReturnValue:
    """A dashboard table as an Excel workbook, for the province's reports."""
    return exports.download(exports.DASHBOARD[name](), f"ocop-trace-{name}.xlsx")


@bp.get("/approvals")
@role_required("admin")
def approvals() -> ResponseReturnValue:
    """Organisations and products waiting to go public."""
    organisations, products = approval_rules.waiting(db.session())
    return render_template(
        "admin/approvals.html",
        organisations=organisations,
        products=products,
        form=ApproveForm(),
    )


@bp.post("/<any('organisations', 'products'):kind>/<int:record_id>/approve")
@role_required("admin")
def approve(kind: str, record_id: int) -> ResponseReturnValue:
    """Publish an organisation or a product; recorded in the audit log."""
    record = approval_rules.record_to_approve(db.session(), kind[:-1], record_id)
    if not ApproveForm().validate():
        return redirect(url_for("admin.approvals"), code=303)
    try:
        published = approval_rules.publish(db.session(), record, current_user)
    except approval_rules.ApprovalError as error:
        flash(vocab.refusal(error, vocab.APPROVAL_ERRORS))
        return redirect(url_for("admin.approvals"), code=303)
    if published:
        db.session.commit()
        name = record.name if isinstance(record, Organisation) else record.name_vi
        flash(_("Approved: %(name)s.", name=name))
    return redirect(url_for("admin.approvals"), code=303)


@bp.route("/training", methods=["GET", "POST"])
@role_required("admin")
def training() -> ResponseReturnValue:
    """Training sessions and who attended: they count toward the 2025 target."""
    form = TrainingForm(data={"province": "33"})
    form.fill_choices(training_service.organisations(db.session()), current_lang())
    status = 200
    if form.is_submitted():
        if form.validate():
            training_service.record_session(
                db.session(), _training_input(form), current_user
            )
            db.session.commit()
            flash(_("Training session recorded."))
            return redirect(url_for("admin.training"), code=303)
        status = 400
    sessions = training_service.sessions(db.session())
    return render_template("admin/training.html", form=form, sessions=sessions), status


def _training_input(form: TrainingForm) -> training_service.TrainingInput:
    return training_service.TrainingInput(
        held_on=form.held_on.data,
        title=form.title.data,
        place=form.place.data,
        province_code=form.province.data,
        organisation_ids=[int(value) for value in form.attendees.data or []],
    )

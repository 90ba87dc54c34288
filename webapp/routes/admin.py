"""The province's administrator: programme dashboard, approvals, training."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from webapp import exports, vocab
from webapp.auth import role_required
from webapp.extensions import db
from webapp.forms.admin import ApproveForm, TrainingForm
from webapp.i18n import current_lang
from webapp.models import (
    Organisation,
    Product,
    TrainingAttendance,
    TrainingSession,
    utcnow,
)
from webapp.services import approvals as approval_rules
from webapp.services import charts, coverage, programme
from webapp.services.cases import audit
from webapp.services.clock import today_in_vietnam

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
@role_required("admin")
def dashboard():
    """Progress toward the programme's targets, from the data as it is."""
    now = utcnow()
    products, rows = programme.products_with_complete_data(db.session(), now)
    trained = programme.producers_trained(db.session())
    today = today_in_vietnam()
    weeks = programme.weekly(db.session(), today)
    since = programme.window_start(today)
    training = coverage.training_by_sector(db.session())
    return render_template(
        "admin/dashboard.html",
        products=products,
        trained=trained,
        kinds=coverage.by_kind(rows),
        sectors=coverage.by_sector(rows),
        training=training,
        incomplete=[product for product, done in rows if not done],
        weeks=weeks,
        provinces=programme.by_province(db.session(), since),
        product_chart=Markup(
            charts.progress(
                products.ratio,
                {_("2025: 50 %"): 0.5, _("2030: 100 %"): 1.0},
                _("Products with complete traceability data"),
            )
        ),
        training_chart=Markup(
            charts.progress(
                trained.ratio,
                {_("2025: 50 %"): 0.5},
                _("Producers trained in traceability"),
            )
        ),
        scans_chart=Markup(
            charts.per_week(
                weeks,
                "scans",
                _("Shopper scans per week"),
            )
        ),
        alerts_chart=Markup(
            charts.per_week(
                weeks,
                "alerts",
                _("New alerts per week"),
            )
        ),
    )


EXPORT_NAMES = ", ".join(map(repr, exports.DASHBOARD))


@bp.get(f"/export/<any({EXPORT_NAMES}):name>.xlsx")
@role_required("admin")
def export(name: str):
    """A dashboard table as an Excel workbook, for the province's reports."""
    return exports.download(exports.DASHBOARD[name](), f"ocop-trace-{name}.xlsx")


@bp.get("/approvals")
@role_required("admin")
def approvals():
    """Organisations and products waiting to go public."""
    organisations = db.session.scalars(
        select(Organisation)
        .where(
            Organisation.approved_at.is_(None)
            | Organisation.pending_changes.is_not(None)
        )
        .order_by(Organisation.id)
    ).all()
    products = db.session.scalars(
        select(Product)
        .where(Product.approved_at.is_(None) | Product.pending_changes.is_not(None))
        .options(selectinload(Product.organisation))
        .order_by(Product.id)
    ).all()
    return render_template(
        "admin/approvals.html",
        organisations=organisations,
        products=products,
        form=ApproveForm(),
    )


@bp.post("/<any('organisations', 'products'):kind>/<int:record_id>/approve")
@role_required("admin")
def approve(kind: str, record_id: int):
    """Publish an organisation or a product; recorded in the audit log."""
    record: Organisation | Product | None
    if kind == "organisations":
        record = db.session.get(Organisation, record_id)
    else:
        record = db.session.get(Product, record_id)
    if record is None:
        abort(404)
    if not ApproveForm().validate():
        return redirect(url_for("admin.approvals"), code=303)
    changes = sorted(record.pending_changes or {})
    try:
        published = approval_rules.approve(db.session(), record)
    except approval_rules.ApprovalError as error:
        flash(vocab.refusal(error, vocab.APPROVAL_ERRORS))
        return redirect(url_for("admin.approvals"), code=303)
    if published:
        audit(
            db.session(),
            current_user,
            f"{kind[:-1]}.approve",
            kind[:-1],
            record.id,
            changes=changes,
        )
        db.session.commit()
        flash(
            _(
                "Approved: %(name)s.",
                name=record.name
                if isinstance(record, Organisation)
                else record.name_vi,
            )
        )
    return redirect(url_for("admin.approvals"), code=303)


@bp.route("/training", methods=["GET", "POST"])
@role_required("admin")
def training():
    """Training sessions and who attended: they count toward the 2025 target."""
    organisations = db.session.scalars(
        select(Organisation).order_by(Organisation.name)
    ).all()
    form = TrainingForm(data={"province": "33"})
    form.fill_choices(organisations, current_lang())
    status = 200
    if form.is_submitted():
        if form.validate():
            session = TrainingSession(
                held_on=form.held_on.data,
                title=form.title.data.strip(),
                place=form.place.data.strip(),
                province_code=form.province.data,
                attendees=[
                    TrainingAttendance(organisation_id=int(value))
                    for value in sorted(set(form.attendees.data or []))
                ],
            )
            db.session.add(session)
            db.session.commit()
            flash(_("Training session recorded."))
            return redirect(url_for("admin.training"), code=303)
        status = 400
    sessions = db.session.scalars(
        select(TrainingSession)
        .options(
            selectinload(TrainingSession.attendees).selectinload(
                TrainingAttendance.organisation
            )
        )
        .order_by(TrainingSession.held_on.desc())
    ).all()
    return render_template("admin/training.html", form=form, sessions=sessions), status

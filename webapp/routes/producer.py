"""What producers see of alerts and reports about their own products (read-only)."""

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from webapp.auth import role_required
from webapp.extensions import db
from webapp.fragments import render
from webapp.models import Case
from webapp.services import cases as case_service

bp = Blueprint("producer", __name__, url_prefix="/producer")

LIST_LIMIT = 100


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
    found = db.session.get(Case, case_id)
    if found is None or not case_service.can_see(db.session, current_user, found):
        abort(404)
    return render_template(
        "producer/case.html",
        case=found,
        history=case_service.history(db.session, found),
    )

"""Consumers report suspected fakes and follow their report by reference."""

from collections.abc import Callable

from flask import (
    Blueprint,
    Response,
    flash,
    get_flashed_messages,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_limiter import RequestLimit
from werkzeug.wrappers import Response as BaseResponse

from webapp.extensions import address_key, db, rate_limited
from webapp.forms.reports import MAX_PHOTOS, ReportForm, WithdrawForm
from webapp.models import Report
from webapp.services.casework import reports as report_service
from webapp.services.casework.report_erasure import forget, issue_secret, secret_matches
from webapp.services.casework.reports import (
    ReportAlreadyFiled,
    ReportInput,
    file_report,
    normalize_reference,
    progress_of,
)
from webapp.services.common.photos import PhotoRefused
from webapp.services.places import regions
from webapp.services.scans.idempotency import scoped_key
from webapp.web.form_tokens import generate_csrf
from webapp.web.i18n import current_lang
from webapp.web.scan_context import DEVICE_COOKIE, privacy_key
from webapp.web.uploads import chosen_files, discard, kept_only_if_saved, refusal

bp = Blueprint("reports", __name__, url_prefix="/report")
SENT = "report-sent"  # the flash category of the one-time thank-you
SECRET = "report_secret"  # session key of the withdrawal secret, until shown once
View = Callable[..., ResponseReturnValue]


@bp.get("/")
def new() -> ResponseReturnValue:
    """The report form, with the code prefilled when coming from a scan."""
    form = ReportForm(data={"code": request.args.get("code", "")})
    form.fill_region_choices(current_lang())
    return render_template("reports/new.html", form=form)


def _kept_for_later(_limit: RequestLimit) -> Response:
    """Too many reports: show the form again with what was typed, not a bare error."""
    form = ReportForm()
    form.fill_region_choices(current_lang())
    message = _(
        "You have sent several reports in a short time. Your text is kept below: "
        "send it again a little later."
    )
    page = render_template("reports/new.html", form=form, held_back=message)
    return make_response(page, 429)


@bp.post("/")
@rate_limited("RATELIMIT_REPORTS_ADDRESS", on_breach=_kept_for_later)
@rate_limited("RATELIMIT_REPORTS", per_device=True, on_breach=_kept_for_later)
def create() -> ResponseReturnValue:
    """File the report with its photos and show its reference (Post/Redirect/Get)."""
    form = ReportForm()
    form.fill_region_choices(current_lang())
    if not form.validate():
        return render_template("reports/new.html", form=form), 400
    uploads = chosen_files(request.files.getlist("photos"))
    if len(uploads) > MAX_PHOTOS:
        return _photo_error(form, _("Send at most 3 photos."), 400)
    try:
        with kept_only_if_saved() as kept:
            key = privacy_key()
            report = file_report(
                db.session(),
                _report_input(form),
                lambda: [kept.store(upload, "reports") for upload in uploads],
                key,
            )
            secret = issue_secret(report, key)
            db.session.commit()
    except PhotoRefused as refused:
        return _photo_error(form, *refusal(refused.code))
    except ReportAlreadyFiled as resend:
        return _resent(resend.report)
    return _sent(report, secret)


def _resent(report: Report) -> BaseResponse:
    """A resend of a filed report: its sender (who alone holds the form's key)
    may have lost the first answer, so a fresh secret replaces the first one.
    """
    secret = issue_secret(report, privacy_key())
    db.session.commit()
    return _sent(report, secret)


def _sent(report: Report, secret: str | None = None) -> BaseResponse:
    """Its status page, thanking once: later visits show only the status."""
    flash(_("Thank you. Your report has been received."), SENT)
    if secret:  # not a flash message: it is shown in its own place, not as a banner
        session[SECRET] = [report.reference, secret]
    return redirect(url_for("reports.show", reference=report.reference), code=303)


@bp.get("/find")
def find() -> ResponseReturnValue:
    """Look up a report by the reference its sender kept."""
    typed = request.args.get("reference", "")
    reference = normalize_reference(typed)
    if reference is None:
        return _find_page(typed, 400 if typed.strip() else 200)
    return redirect(url_for("reports.show", reference=reference), code=303)


def _too_many_lookups(_limit: RequestLimit) -> Response:
    message = _("Too many references tried from here. Please wait and try again.")
    return make_response(_find_page("", 429, message))


def _missed(response: Response) -> bool:
    return response.status_code == 404


def _lookups_limited(
    deduct_when: Callable[[Response], bool],
    on_breach: Callable[[RequestLimit], Response],
) -> Callable[[View], View]:
    """One budget of misses per address and per phone for everything that
    takes a reference: looking one up and guessing its withdrawal secret."""

    def decorate(view: View) -> View:
        for setting, per_device in (
            ("RATELIMIT_REPORT_LOOKUPS_DEVICE", True),
            ("RATELIMIT_REPORT_LOOKUPS", False),
        ):
            view = rate_limited(
                setting,
                per_device=per_device,
                deduct_when=deduct_when,
                on_breach=on_breach,
                shared=True,
            )(view)
        return view

    return decorate


@bp.get("/<reference>")
@_lookups_limited(_missed, _too_many_lookups)
def show(reference: str) -> ResponseReturnValue:
    """Where a report stands, for whoever holds its reference."""
    report = report_service.by_reference(db.session(), reference)
    if report is None:
        return _find_page(reference, 404)
    sent = bool(get_flashed_messages(category_filter=[SENT]))
    kept = session.pop(SECRET, None)
    secret = kept[1] if kept and kept[0] == report.reference else None
    page = render_template(
        "reports/show.html",
        report=report,
        progress=progress_of(report),
        sent=sent,
        secret=secret,
    )
    response = make_response(page)
    response.headers["X-Robots-Tag"] = "noindex"
    if sent:  # the thank-you and the secret are for this visit only
        response.headers["Cache-Control"] = "no-store"
    return response


def _wrong_guess(response: Response) -> bool:
    return response.status_code in (400, 404)


def _wrong_secrets(_limit: RequestLimit) -> Response:
    message = _("Too many secrets tried from here. Please wait and try again.")
    return make_response(
        render_template(
            "reports/withdraw.html",
            form=WithdrawForm(),
            reference=None,
            message=message,
        ),
        429,
    )


@bp.route("/<reference>/withdraw", methods=["GET", "POST"])
@_lookups_limited(_wrong_guess, _wrong_secrets)
def withdraw(reference: str) -> ResponseReturnValue:
    """Delete a report and its contact for whoever holds its reference and secret."""
    report = report_service.by_reference(db.session(), reference)
    if report is None:
        return _find_page(reference, 404)
    form = WithdrawForm()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return _withdraw_page(form, report, status)
    if not secret_matches(report, form.secret.data, privacy_key()):
        form.secret.errors = [_("This is not the secret of this report.")]
        return _withdraw_page(form, report, 400)
    paths = forget(db.session(), report, "report.withdrawn")
    db.session.commit()
    discard(paths)
    return redirect(url_for("reports.withdrawn"), code=303)


@bp.get("/withdrawn")
def withdrawn() -> ResponseReturnValue:
    """Confirmation that the report and everything sent with it are gone."""
    return render_template("reports/withdrawn.html")


def _withdraw_page(form: WithdrawForm, report: Report, status: int) -> tuple[str, int]:
    page = render_template(
        "reports/withdraw.html", form=form, reference=report.reference
    )
    return page, status


@bp.get("/wards")
def wards() -> ResponseReturnValue:
    """The ward options of one province, swapped into the form by htmx."""
    province = request.args.get("province", "")
    options = regions.wards_of(province) if regions.is_province_code(province) else []
    return render_template(
        "reports/_ward_options.html", wards=options, empty=_("— choose —")
    )


@bp.get("/token")
def token() -> ResponseReturnValue:
    """A fresh CSRF token for the phone's queue of reports written offline."""
    response = jsonify(csrf_token=generate_csrf())
    response.headers["Cache-Control"] = "no-store"
    return response


def _find_page(typed: str, status: int, message: str | None = None) -> tuple[str, int]:
    """The look-up form, saying what went wrong if anything (status 200: nothing)."""
    page = render_template(
        "reports/unknown.html",
        reference=typed.strip()[:40],
        status=status,
        message=message,
    )
    return page, status


def _scoped_key(key: str | None) -> str | None:
    """The form's key bound to the phone (or address) that sent it."""
    if not key:
        return None
    sender = request.cookies.get(DEVICE_COOKIE) or address_key()
    return scoped_key(key, "report", sender)


def _report_input(form: ReportForm) -> ReportInput:
    return ReportInput(
        code_text=(form.code.data or "").strip() or None,
        province_code=form.province.data or None,
        ward_code=form.ward.data or None,
        place=form.place.data.strip(),
        bought_on=form.bought_on.data,
        price_vnd=form.price_vnd.data,
        problems=form.problems.data or [],
        description=(form.description.data or "").strip() or None,
        contact=(form.contact.data or "").strip() or None,
        lang=current_lang(),
        idempotency_key=_scoped_key(form.idempotency_key.data),
    )


def _photo_error(form: ReportForm, message: str, status: int) -> tuple[str, int]:
    form.photos.errors = [message]
    return render_template("reports/new.html", form=form), status

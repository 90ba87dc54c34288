"""Pages for everyone: home, code entry, settings and the language switch."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from webapp.extensions import db
from webapp.services.catalog.published import public_products
from webapp.services.standards.code_entry import interpret
from webapp.web import fragments, vocab
from webapp.web.i18n import remember_language
from webapp.web.links import own_base_url, own_hosts, safe_next
from webapp.web.uploads import upload_dir

bp = Blueprint("public", __name__)
PRODUCTS_PER_PAGE = 24
CHOICE_MAX_AGE = 365 * 24 * 3600  # a choice is kept a year, like the language


@bp.get("/")
def index() -> ResponseReturnValue:
    """Home: check a code; the products whose stories are public, a page at a time."""
    products = db.paginate(public_products(), per_page=PRODUCTS_PER_PAGE)
    return fragments.render(
        "public/index.html", "public/_product_items.html", products=products
    )


@bp.get("/check")
def check() -> ResponseReturnValue:
    """Send a typed or pasted code to its story, or explain what is wrong with it."""
    code = request.args.get("code", "")
    entry = interpret(db.session(), code, own_hosts())
    if entry.link is not None:
        return redirect(own_base_url() + entry.link.path, code=303)
    problem = vocab.entry_problem(entry.problem)
    status = 404 if entry.problem == "unknown_code" else 400
    kind = vocab.code_fact(entry.problem)
    if kind:  # the same warning as the code's own link gets
        return render_template(
            "errors/code.html", kind=kind, detail=problem, code=code
        ), status
    page = render_template(
        "public/check.html",
        code=code,
        problem=problem,
        foreign_host=entry.foreign_host,
        own_path=entry.foreign_link.path if entry.foreign_link else None,
    )
    return page, status


@bp.get("/settings")
def settings() -> ResponseReturnValue:
    """The visitor's choices: for now, whether a check may use their location."""
    cookie = request.cookies.get(current_app.config["LOCATION_COOKIE"])
    choice = cookie if cookie in vocab.LOCATION_CHOICES else "ask"
    return _settings_page(choice)


@bp.post("/settings")
def save_settings() -> ResponseReturnValue:
    """Remember the location choice where the story page reads it (a cookie)."""
    choice = request.form.get("location", "")
    if choice not in vocab.LOCATION_CHOICES:
        return _settings_page("ask", invalid=True), 400
    target = safe_next(request.form.get("next", "")) or url_for("public.settings")
    response = redirect(target, code=303)
    _remember_location(response, choice)
    flash(_("Your choice is saved."))
    return response


def _settings_page(choice: str, invalid: bool = False) -> str:
    return render_template(
        "public/settings.html",
        choice=choice,
        choices=vocab.LOCATION_CHOICES,
        invalid=invalid,
    )


def _remember_location(response: Response, choice: str) -> None:
    name = current_app.config["LOCATION_COOKIE"]
    if choice == "ask":
        response.delete_cookie(name)
        return
    # Not HttpOnly: story.js reads it, and writes it when asked on a story.
    response.set_cookie(
        name, choice, max_age=CHOICE_MAX_AGE, samesite="Lax", secure=request.is_secure
    )


@bp.get("/guide/traceability")
def guide() -> ResponseReturnValue:
    """For producers: what data, which standards and which steps traceability takes."""
    return render_template("guide/traceability.html")


@bp.get("/media/<any('products', 'events'):kind>/<name>")
def media(kind: str, name: str) -> ResponseReturnValue:
    """A picture a producer uploaded for a product or a journey step (public)."""
    response = send_from_directory(upload_dir() / kind, name, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "public, max-age=604800, immutable"
    return response


@bp.post("/language")
def set_language() -> ResponseReturnValue:
    """Remember the visitor's language and go back to where they were."""
    lang = request.form.get("lang", "")
    target = safe_next(request.form.get("next", "")) or url_for("public.index")
    response = redirect(target, code=303)
    if lang in current_app.config["LANGUAGES"]:
        remember_language(response, lang)
    return response

"""Pages for everyone: home, code entry and the language switch."""

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)

from webapp import fragments, vocab
from webapp.extensions import db
from webapp.i18n import remember_language
from webapp.links import own_base_url, own_hosts, safe_next
from webapp.services.catalog import public_products
from webapp.services.code_entry import interpret
from webapp.uploads import upload_dir

bp = Blueprint("public", __name__)
PRODUCTS_PER_PAGE = 24


@bp.get("/")
def index():
    """Home: check a code; the products whose stories are public, a page at a time."""
    products = db.paginate(public_products(), per_page=PRODUCTS_PER_PAGE)
    return fragments.render(
        "public/index.html", "public/_product_items.html", products=products
    )


@bp.get("/check")
def check():
    """Send a typed or pasted code to its story, or explain what is wrong with it."""
    code = request.args.get("code", "")
    entry = interpret(db.session, code, own_hosts())
    if entry.link is not None:
        return redirect(own_base_url() + entry.link.path, code=303)
    status = 404 if entry.problem == "unknown_code" else 400
    page = render_template(
        "public/check.html",
        code=code,
        problem=vocab.entry_problem(entry.problem),
        foreign_host=entry.foreign_host,
        own_path=entry.foreign_link.path if entry.foreign_link else None,
    )
    return page, status


@bp.get("/guide/traceability")
def guide():
    """For producers: what data, which standards and which steps traceability takes."""
    return render_template("guide/traceability.html")


@bp.get("/media/<any('products', 'events'):kind>/<name>")
def media(kind: str, name: str):
    """A picture a producer uploaded for a product or a journey step (public)."""
    response = send_from_directory(upload_dir() / kind, name, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "public, max-age=604800, immutable"
    return response


@bp.post("/language")
def set_language():
    """Remember the visitor's language and go back to where they were."""
    lang = request.form.get("lang", "")
    target = safe_next(request.form.get("next", "")) or url_for("public.index")
    response = redirect(target, code=303)
    if lang in current_app.config["LANGUAGES"]:
        remember_language(response, lang)
    return response

"""The GS1 Digital Link resolver: what a phone camera opens from a stamp."""

from typing import TypeVar
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    jsonify,
    redirect,
    render_template,
    request,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_cors.core import ALL_METHODS
from werkzeug.wrappers import Response as BaseResponse

from webapp.services.catalog.resolution import Resolution
from webapp.services.common.errors import DigitalLinkError
from webapp.services.standards import linkset
from webapp.services.standards.digital_link import DigitalLink
from webapp.services.standards.linkset import Link
from webapp.web import story_pages, verdicts, vocab
from webapp.web.i18n import current_lang
from webapp.web.links import (
    canonical_url,
    own_base_url,
    requested_link,
    resolve_link,
    targets,
)
from webapp.web.negotiation import json_error, wants_json
from webapp.web.presenters import story_data
from webapp.web.scan_context import page_verdict

bp = Blueprint("resolver", __name__)
AnyResponse = TypeVar("AnyResponse", bound=BaseResponse)

PAGE_TEMPLATES = {
    "item": "story/item.html",
    "batch": "story/batch.html",
    "product": "story/product.html",
}


# Not merged into "/01/…": an empty GTIN is a malformed link (400), as GS1 says.
@bp.get("/01//<path:rest>", merge_slashes=False)
@bp.get("/01/<path:rest>", merge_slashes=False)
def resolve(rest: str) -> ResponseReturnValue:
    """Answer a Digital Link: story page, JSON, linkset or a typed redirect."""
    try:
        link = requested_link()
    except DigitalLinkError as error:
        return _malformed(error)
    canonical = canonical_url(link)
    if canonical:
        return redirect(canonical, code=301)
    keepable = request.method == "GET" and not _wants_linkset()
    kept = story_pages.lookup(link) if keepable else None
    if kept is not None and kept.body is not None:
        return story_pages.answer(kept, kept.body)  # with the links kept with it
    resolution = resolve_link(link)
    if not resolution.found:
        up = _walk_up(link)
        if up is not None:
            return redirect(_passing_query(up, keep_link_type=True), code=307)
        return _not_issued(resolution)
    links = targets(link)
    typed = _by_link_type(link, links, resolution)
    if typed is not None:
        return typed
    response = _with_links(_story(link, resolution), link, links)
    return story_pages.keep(response, kept) if kept is not None else response


def _by_link_type(
    link: DigitalLink, links: list[Link], resolution: Resolution
) -> BaseResponse | None:
    """The answer for a linkType other than the story page, else None."""
    link_type = linkset.link_type_name(request.args.get("linkType", ""))
    if link_type in ("all", "linkset") or _wants_linkset():
        return _linkset_response(link, links, resolution)
    if link_type and link_type not in ("gs1:pip", "gs1:defaultLink"):
        target = linkset.find(links, link_type)
        if target is None:  # GS1 resolvers answer 404 for a link type not offered
            return _with_links(_link_type_unavailable(), link, links)
        return _with_links(redirect(_passing_query(target.href), code=307), link, links)
    return None


def _story(link: DigitalLink, resolution: Resolution) -> Response:
    """The story page (or its data as JSON) of a code that was issued."""
    data = story_data(resolution, current_lang(), own_base_url())
    if wants_json():
        return jsonify(data)
    verdict = page_verdict(resolution) if link.level == "item" else None
    page = render_template(
        PAGE_TEMPLATES[link.level],
        story=data,
        verdict=verdict,
        known=verdicts.preview(resolution),
        notices=verdicts.notice_views(resolution.notices),
    )
    return Response(page)


RESOLVER_METHODS = ("GET", "HEAD", "OPTIONS")


@bp.after_request
def _options_declare_methods_and_linkset(response: Response) -> Response:
    """OPTIONS on a Digital Link names its methods and, when known, its links.

    GS1's resolver test suite asks with `Access-Control-Request-Method:
    GET,HEAD,OPTIONS`, a list flask-cors (rightly, for a preflight) does not
    answer; a single method it answers itself, so the header is not doubled.
    """
    if request.method != "OPTIONS" or request.endpoint != "resolver.resolve":
        return response
    asked = request.headers.get("Access-Control-Request-Method", "").strip().upper()
    if asked not in ALL_METHODS:
        response.headers["Access-Control-Allow-Methods"] = ", ".join(RESOLVER_METHODS)
    try:
        link = requested_link()
    except DigitalLinkError:
        return response
    if resolve_link(link).found:
        _with_links(response, link, targets(link))
    return response


@bp.get("/.well-known/gs1resolver")
def description() -> ResponseReturnValue:
    """The resolver description file of GS1-Conformant Resolver 1.2."""
    root = own_base_url()
    return jsonify(
        name="OCOP Trace",
        resolverRoot=root,
        supportedPrimaryKeys=["01"],
        supportedLinkType=[{"namespace": linkset.GS1_VOC, "prefix": "gs1:"}],
        linkTypeDefaultCanBeLinkset=True,
        supportedContextValuesEnumerated=[],
        supportedLanguages=["vi", "en"],
    )


def _wants_linkset() -> bool:
    best = request.accept_mimetypes.best_match(
        ["text/html", linkset.LINKSET_MEDIA_TYPE], default="text/html"
    )
    return best == linkset.LINKSET_MEDIA_TYPE


def _linkset_response(
    link: DigitalLink, links: list[Link], resolution: Resolution
) -> Response:
    assert resolution.product is not None  # a code found names its product
    name = resolution.product.localized("name", current_lang()).text
    wider = []  # walk up the tree: the lot's and the product's own links
    if link.serial and link.lot:
        lot = DigitalLink(link.gtin, lot=link.lot)
        wider.append((lot.uri(own_base_url()), targets(lot)))
    if link.lot or link.serial:
        product = DigitalLink(link.gtin)
        wider.append((product.uri(own_base_url()), targets(product)))
    body = linkset.linkset(link.uri(own_base_url()), links, name, wider)
    response = jsonify(body)
    response.mimetype = linkset.LINKSET_MEDIA_TYPE
    response = _with_links(response, link, links)
    response.headers["Link"] += (
        f", <{linkset.LINKSET_CONTEXT}>; "
        'rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"'
    )
    return response


def _walk_up(link: DigitalLink) -> str | None:
    """The product's link when an unknown lot or variant of a known GTIN is asked.

    GS1 resolvers walk up the tree to the nearest level they know. Never for
    an item: an unknown serial is the sign of a made-up stamp and must say so.
    """
    if link.serial or link.level == "product" and not (link.variant or link.extension):
        return None
    product = DigitalLink(link.gtin)
    if not resolve_link(product).found:
        return None
    return product.uri(own_base_url())


def _passing_query(href: str, keep_link_type: bool = False) -> str:
    """href with the request's other query parameters passed on."""
    passed = [
        (k, v)
        for k, v in request.args.items(multi=True)
        if keep_link_type or k != "linkType"
    ]
    if not passed:
        return href
    return href + ("&" if "?" in href else "?") + urlencode(passed, safe=":/")


def _link_type_unavailable() -> Response:
    message = _("This code has no link of the type asked for.")
    if wants_json():
        return json_error(404, "link_type_unavailable", message)
    page = render_template("errors/http.html", status=404, message=message)
    return Response(page, status=404)


def _with_links(
    response: AnyResponse, link: DigitalLink, links: list[Link]
) -> AnyResponse:
    linkset_href = (
        link.uri(own_base_url()) + ("&" if link.expiry else "?") + "linkType=all"
    )
    response.headers["Link"] = linkset.link_header(links, linkset_href)
    return response


def _malformed(error: DigitalLinkError) -> Response | tuple[str, int]:
    message = vocab.label(vocab.LINK_ERRORS, error.code)
    if wants_json():
        return json_error(400, error.code, message, part=error.part, value=error.value)
    return render_template("errors/code.html", kind="malformed", detail=message), 400


def _not_issued(resolution: Resolution) -> Response | tuple[str, int]:
    reason = resolution.reasons[0]
    if wants_json():
        return json_error(404, reason, vocab.label(vocab.REASONS, reason))
    page = render_template(
        "errors/code.html", kind=reason, detail=vocab.label(vocab.REASONS, reason)
    )
    return page, 404

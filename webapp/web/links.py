"""Reading a Digital Link from the request and listing where it resolves."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode, urlsplit

from flask import current_app, request, url_for
from flask_babel import gettext as _

from webapp.extensions import db, settings
from webapp.services.catalog.resolution import Resolution, resolve
from webapp.services.common.clock import today_in_vietnam
from webapp.services.standards import digital_link
from webapp.services.standards.digital_link import DigitalLink, format_expiry
from webapp.services.standards.linkset import Link
from webapp.web.uploads import upload_dir


def raw_request_path() -> str:
    """The path as sent, still percent-encoded, so %2F inside a value survives."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    return urlsplit(raw).path if raw else request.path


def requested_link() -> DigitalLink:
    """Parse the Digital Link in the request's path (any prefix before /01/)."""
    path = raw_request_path()
    query = request.query_string.decode("latin-1")
    return digital_link.parse(f"{path}?{query}" if query else path)


def canonical_url(link: DigitalLink) -> str | None:
    """Where to redirect a request for a non-canonical form of link, if anywhere.

    GTIN-13 written without its leading zero, expiry in the path, needless
    percent-encoding or a trailing slash all point to one canonical URL.
    """
    if raw_request_path() == link.path:
        return None
    query = [(k, v) for k, v in request.args.items(multi=True) if k != "17"]
    if link.expiry:
        query.insert(0, ("17", format_expiry(link.expiry)))
    return own_base_url() + link.path + (f"?{urlencode(query)}" if query else "")


def resolve_link(link: DigitalLink) -> Resolution:
    return resolve(
        db.session(), link, settings().stamp_keys, today_in_vietnam()
    )


def own_hosts() -> set[str]:
    """Hosts whose Digital Links are ours: this one and the one printed on stamps."""
    printed = urlsplit(settings().base_url).netloc.lower()
    return {request.host.lower(), printed}


def public_origin() -> str:
    """scheme://host of the configured public URL, never the request's Host.

    A Host header is the client's to forge; links and redirects built from it
    would point where the client says. On a laptop (debug) the request's own
    origin is used, so `flask run` on any port links to itself.
    """
    if current_app.debug:
        return request.host_url.rstrip("/")
    parts = urlsplit(settings().base_url)
    return f"{parts.scheme}://{parts.netloc}"


def own_base_url() -> str:
    """This resolver's root, e.g. https://host or https://host/prefix."""
    return public_origin() + request.script_root


def absolute_url_for(endpoint: str, **values) -> str:
    """url_for(endpoint, **values) made absolute on the public origin."""
    return public_origin() + url_for(endpoint, **values)


_PLACEHOLDER = "dl-path"


def external_url(endpoint: str, link: DigitalLink) -> str:
    """Absolute URL of endpoint's `/01/<path:rest>` route for link.

    link.path is already percent-encoded; passing it through url_for would
    encode its % signs a second time.
    """
    url = absolute_url_for(endpoint, rest=_PLACEHOLDER)
    return url.replace(_PLACEHOLDER, link.path.removeprefix("/01/"), 1)


def targets(link: DigitalLink) -> list[Link]:
    """Every link type this resolver offers for link, with absolute URLs."""
    languages = tuple(current_app.config["LANGUAGES"])
    page = external_url("resolver.resolve", link)
    found = [
        Link("gs1:pip", page, _("Product story"), "text/html", languages),
        Link("gs1:defaultLink", page, _("Product story"), "text/html", languages),
    ]
    if link.lot or link.serial:
        found.append(
            Link(
                "gs1:epcis",
                external_url("api.traceability", link),
                _("Journey events (EPCIS 2.0)"),
                "application/ld+json",
            )
        )
    found.append(
        Link(
            "gs1:verificationService",
            external_url("api.verify", link),
            _("Code status"),
            "application/json",
        )
    )
    return found


def safe_next(target: str | None) -> str | None:
    """target if it is a path on this site, else None (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
    ):
        return None
    return target


UPLOADED = "uploads/"  # image_path prefix of pictures producers uploaded


def product_image_url(image_path: str, external: bool = False) -> str:
    """Where a product picture is served: shipped from static, uploaded from media."""
    if image_path.startswith(UPLOADED):
        name = image_path.removeprefix(UPLOADED)
        return _url("public.media", external, kind="products", name=name)
    return _url("static", external, filename=image_path)


def product_image_file(image_path: str) -> Path:
    """The file behind a product picture, for comparing pictures."""
    if image_path.startswith(UPLOADED):
        return upload_dir() / "products" / image_path.removeprefix(UPLOADED)
    if current_app.static_folder is None:
        raise RuntimeError("this app has no static folder for product pictures")
    return Path(current_app.static_folder) / image_path


def event_photo_url(photo_path: str, external: bool = False) -> str:
    """A journey step's picture: stored as events/<name>.jpg under the uploads."""
    kind, _, name = photo_path.partition("/")
    return _url("public.media", external, kind=kind, name=name)


def _url(endpoint: str, external: bool, **values) -> str:
    return (
        absolute_url_for(endpoint, **values)
        if external
        else url_for(endpoint, **values)
    )

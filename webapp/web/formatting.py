"""Jinja filters and globals that format for the visitor's locale."""

from datetime import date, datetime
from urllib.parse import urlencode

from flask import Flask, request
from flask_babel import format_date, format_datetime, format_decimal

from webapp.services.places import regions
from webapp.services.stamps.serials import group
from webapp.web import vocab
from webapp.web.fragments import wants_fragment
from webapp.web.i18n import current_lang
from webapp.web.links import event_photo_url, product_image_url


def _as_date(value: str | date) -> date | datetime:
    """A day, or a moment (whose day depends on the site's zone)."""
    if isinstance(value, str):
        parse = datetime.fromisoformat if "T" in value else date.fromisoformat
        return parse(value)
    return value


def _as_datetime(value: str | datetime) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


# Every date and time the site shows, per locale: Vietnamese readers expect
# 16/08/2025 and 14:05; English keeps its familiar medium form.
DATE_PATTERNS = {
    "vi": {"date": "dd/MM/yyyy", "datetime": "dd/MM/yyyy HH:mm"},
    "en": {"date": "MMM d, yyyy", "datetime": "MMM d, yyyy, h:mm a"},
}


def _pattern(kind: str) -> str:
    return DATE_PATTERNS.get(current_lang(), DATE_PATTERNS["vi"])[kind]


def date_local(value: str | date | None) -> str:
    """A calendar day, e.g. '16/08/2025' or 'Aug 16, 2025'."""
    return format_date(_as_date(value), _pattern("date")) if value else ""


def datetime_local(value: str | datetime | None) -> str:
    """Date and time of day in the site's zone, e.g. '16/08/2025 14:05'."""
    if not value:
        return ""
    return format_datetime(_as_datetime(value), _pattern("datetime"))


def whole(value: int | float | None) -> str:
    """A measured quantity rounded to a whole number, grouped per locale."""
    return format_decimal(round(value)) if value is not None else ""


def number(value: int | float | None) -> str:
    return format_decimal(value) if value is not None else ""


def paragraphs(text: str | None) -> list[str]:
    """Split a story into its paragraphs (blank-line separated)."""
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def url_without_lang() -> str:
    """This page's URL minus ?lang=, so a saved choice is not overridden."""
    query = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    return request.path + (f"?{urlencode(query)}" if query else "")


def vocab_label(code: str | None, table: str) -> str:
    """{{ case.status | label("CASE_STATUSES") }}: a code in the visitor's language."""
    return vocab.label(getattr(vocab, table), code)


def province_name(code: str | None, lang: str | None = None) -> str:
    """How every page names a province: 'Hưng Yên', 'Hà Nội' (the code if unknown).

    The one rule: the name people use on its own, in sentences, lists, tables,
    menus and maps; the official 'Tỉnh …' / 'Thành phố …' only in a postal
    address (regions.address).
    """
    found = regions.province(code or "")
    return found.short_label(lang or current_lang()) if found else (code or "")


def ward_name(code: str | None) -> str:
    """A ward's or commune's full name in the visitor's language (else the code)."""
    found = regions.ward(code or "")
    return found.label(current_lang()) if found else (code or "")


def kind_labels(product) -> str:
    """A product's kinds, translated and joined ("Key product · Essential good")."""
    return " · ".join(vocab.label(vocab.PRODUCT_KINDS, k) for k in product.kinds)


def init_formatting(app: Flask) -> None:
    app.jinja_env.filters.update(
        date_local=date_local,
        datetime_local=datetime_local,
        whole=whole,
        number=number,
        paragraphs=paragraphs,
        serial_groups=group,
        label=vocab_label,
        province_name=province_name,
        ward_name=ward_name,
        finding=vocab.finding,
    )
    app.jinja_env.globals.update(
        url_without_lang=url_without_lang,
        wants_fragment=wants_fragment,
        product_image_url=product_image_url,
        event_photo_url=event_photo_url,
        kind_labels=kind_labels,
    )

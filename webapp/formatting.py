"""Jinja filters and globals that format for the visitor's locale."""

from datetime import date, datetime
from urllib.parse import urlencode

from flask import Flask, request
from flask_babel import format_date, format_decimal, format_time, to_user_timezone

from webapp.services.serials import group


def _as_date(value: str | date) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _as_datetime(value: str | datetime) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def date_local(value: str | date | None, format: str = "medium") -> str:
    return format_date(_as_date(value), format) if value else ""


def datetime_local(value: str | datetime | None) -> str:
    """Date and time of day, e.g. '12 thg 8, 2025, 05:45' in the site's zone."""
    if not value:
        return ""
    moment = _as_datetime(value)
    day = format_date(to_user_timezone(moment), "medium")
    return f"{day}, {format_time(moment, 'short')}"


def number(value: int | float | None) -> str:
    return format_decimal(value) if value is not None else ""


def paragraphs(text: str | None) -> list[str]:
    """Split a story into its paragraphs (blank-line separated)."""
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def url_without_lang() -> str:
    """This page's URL minus ?lang=, so a saved choice is not overridden."""
    query = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    return request.path + (f"?{urlencode(query)}" if query else "")


def init_formatting(app: Flask) -> None:
    app.jinja_env.filters.update(
        date_local=date_local,
        datetime_local=datetime_local,
        number=number,
        paragraphs=paragraphs,
        serial_groups=group,
    )
    app.jinja_env.globals.update(url_without_lang=url_without_lang)

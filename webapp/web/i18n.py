"""Language choice: ?lang=, then the saved cookie, then the browser, then Vietnamese."""

from flask import Flask, current_app, g, request
from flask_babel import Babel, force_locale, get_locale, gettext
from werkzeug.wrappers import Response


def select_locale() -> str:
    """Use an explicit ?lang=, else the saved choice, else the browser's."""
    supported = current_app.config["LANGUAGES"]
    for candidate in (
        request.args.get("lang"),
        request.cookies.get(current_app.config["LANGUAGE_COOKIE"]),
    ):
        if candidate is not None and candidate in supported:
            return candidate
    return request.accept_languages.best_match(supported) or supported[0]


def current_lang() -> str:
    return str(get_locale() or current_app.config["LANGUAGES"][0])


def other_lang() -> str:
    """The language the switch offers (we have exactly two)."""
    return "en" if current_lang() == "vi" else "vi"


def translate_to(lang: str, message: str, **variables) -> str:
    """A message in another language than the page's (for bilingual warnings)."""
    with force_locale(lang):
        return gettext(message, **variables)


def remember_language(response: Response, lang: str) -> None:
    """Save the visitor's language choice in its cookie."""
    config = current_app.config
    response.set_cookie(
        config["LANGUAGE_COOKIE"],
        lang,
        max_age=config["LANGUAGE_COOKIE_MAX_AGE"],
        samesite="Lax",
        secure=request.is_secure,
    )


def same_in_every_language() -> None:
    """This request's answer is the same whatever the language, cookies or
    Accept header: shared caches may keep one copy for everyone."""
    g.same_in_every_language = True


def init_i18n(app: Flask, babel: Babel) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(
        current_lang=current_lang, other_lang=other_lang, translate_to=translate_to
    )
    app.jinja_env.add_extension("jinja2.ext.i18n")

    @app.after_request
    def keep_language_from_query(response):
        # A ?lang= link is a choice too: keep it for the next form post or
        # redirect, whose URL no longer carries it. Never on shared-cacheable
        # answers (a cache would hand the cookie to everyone).
        lang = request.args.get("lang")
        saved = request.cookies.get(app.config["LANGUAGE_COOKIE"])
        if (
            lang is not None
            and lang in app.config["LANGUAGES"]
            and lang != saved
            and not response.cache_control.public
        ):
            remember_language(response, lang)
        return response

    @app.after_request
    def vary_on_language(response):
        # The same URL answers in either language and as HTML, JSON or a fragment;
        # static files are the same for everyone.
        if request.endpoint != "static" and not g.get("same_in_every_language"):
            response.vary.update(["Accept-Language", "Cookie", "Accept", "HX-Request"])
        return response

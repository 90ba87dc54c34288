"""The only module that reads htmx request headers."""

from flask import render_template

from webapp.extensions import htmx


def wants_fragment() -> bool:
    """True when htmx will swap part of the page.

    Boosted links and history-restore misses also send HX-Request, but they
    replace the whole body, so they must get the full page.
    """
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render(page: str, fragment: str, **context) -> str:
    """Render the full page, or only its fragment for a partial swap."""
    return render_template(fragment if wants_fragment() else page, **context)

"""How a refused password reads to the person choosing it."""

from flask_babel import gettext as _

from webapp.services.passwords import MAX_LENGTH, MIN_LENGTH, PasswordRefused


def refusal_message(refused: PasswordRefused) -> str:
    if refused.code == "too_short":
        return _("Use at least %(count)d characters.", count=MIN_LENGTH)
    if refused.code == "too_long":
        return _("Use at most %(count)d characters.", count=MAX_LENGTH)
    return _(
        "This password is too common or too easy to guess: "
        "try a few unrelated words together."
    )

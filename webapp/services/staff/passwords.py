"""The password policy: long enough and not guessable (zxcvbn's estimate).

zxcvbn (Dropbox's estimator, ported to Python) knows the common passwords of
public leaks, English words, names, keyboard patterns, dates and sequences, so
`0123456789` or `password123` are refused however long they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from zxcvbn import zxcvbn

from webapp.services.common.errors import Refusal

MIN_LENGTH = 10
MAX_LENGTH = 200  # argon2 takes any length; a bound keeps requests cheap
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses or more


class PasswordRefused(Refusal):
    """`code`: too_short, too_long (with the bound as `count`) or too_guessable."""


def check_password(password: str, user_inputs: Sequence[str] = ()) -> None:
    """Raise PasswordRefused unless the password meets the policy.

    user_inputs (the e-mail, the name) count as known to a guesser.
    """
    if len(password) < MIN_LENGTH:
        raise PasswordRefused("too_short", "password", count=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise PasswordRefused("too_long", "password", count=MAX_LENGTH)
    words = [part for text in user_inputs for part in _parts(text)]
    if zxcvbn(password, user_inputs=words)["score"] < MIN_SCORE:
        raise PasswordRefused("too_guessable", "password")


def _parts(text: str) -> list[str]:
    cleaned = "".join(c if c.isalnum() else " " for c in text.lower())
    return [text.lower(), *cleaned.split()]

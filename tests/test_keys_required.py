"""Outside debug and testing the app will not start on missing or published keys."""

from __future__ import annotations

import pytest

from webapp import create_app
from webapp.config import DEV_SECRET_KEY, DEV_STAMP_KEY, MissingKeyError

REAL = {
    "SECRET_KEY": "a-real-secret-key-0123456789",
    "STAMP_KEYS": ("a-real-stamp-key-0123456789",),
    "PRIVACY_KEY": "a-real-privacy-key-0123456789",
}


def _start(tmp_path, **keys):
    return create_app(
        {
            "TESTING": False,
            "DEBUG": False,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'keys.sqlite'}",
            **{**REAL, **keys},
        }
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SECRET_KEY", None),
        ("SECRET_KEY", DEV_SECRET_KEY),
        ("STAMP_KEYS", ()),
        ("STAMP_KEYS", ("a-real-stamp-key-0123456789", DEV_STAMP_KEY)),
        ("PRIVACY_KEY", None),
    ],
)
def test_refuses_to_start_without_a_real_key(tmp_path, name, value):
    with pytest.raises(MissingKeyError) as refused:
        _start(tmp_path, **{name: value})
    message = str(refused.value)
    assert name in message
    assert "secrets.token_urlsafe" in message  # says how to make one


def test_starts_with_real_keys(tmp_path):
    app = _start(tmp_path)
    assert app.config["STAMP_KEYS"] == REAL["STAMP_KEYS"]


def test_debug_runs_on_development_keys(tmp_path):
    app = _start(tmp_path, DEBUG=True, SECRET_KEY=None, STAMP_KEYS=(), PRIVACY_KEY=None)
    assert app.config["SECRET_KEY"] == DEV_SECRET_KEY
    assert app.config["STAMP_KEYS"] == (DEV_STAMP_KEY,)

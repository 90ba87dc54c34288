"""The domain's settings: read once from the configuration, and never changed."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest

from webapp import create_app
from webapp.config import Config, settings_with
from webapp.extensions import settings
from webapp.services.common.privacy import derive_key
from webapp.services.common.settings import Settings

CONFIG = {
    "STAMP_KEYS": ["newest", "older"],
    "PRIVACY_KEY": None,
    "SECRET_KEY": "a-secret",
    "DETECTION_RULES": {"default": {"duplicate_scans": 5}, "categories": {}},
    "PUBLIC_BASE_URL": "https://tem.example.vn",
    "UPLOAD_DIR": "/srv/uploads",
    "PRINT_DIR": "/srv/print",
    "PRINT_FILE_HOURS": "48",
    "SCAN_RETENTION_DAYS": "90",
    "REPORT_RETENTION_DAYS": 400,
    "SCAN_REPEAT_WINDOW_SECONDS": 120,
}


def test_every_setting_is_read_from_its_configuration_key():
    read = Settings.from_config(CONFIG)
    assert read.stamp_keys == ("newest", "older")
    assert read.base_url == "https://tem.example.vn"
    assert read.upload_dir == Path("/srv/uploads")
    assert read.print_dir == Path("/srv/print")
    assert read.print_file_hours == 48.0
    assert (read.scan_retention_days, read.report_retention_days) == (90, 400)
    assert read.scan_repeat_window == timedelta(minutes=2)
    assert read.detection_rules == {"default": {"duplicate_scans": 5}, "categories": {}}


def test_the_privacy_key_is_its_own_or_derived_from_the_secret():
    assert Settings.from_config(CONFIG).privacy_key == derive_key("a-secret")
    own = Settings.from_config({**CONFIG, "PRIVACY_KEY": "its-own"})
    assert own.privacy_key == "its-own"


def test_nothing_in_the_settings_can_be_changed():
    read = Settings.from_config(CONFIG)
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.base_url = "https://elsewhere.example"  # type: ignore[misc]
    with pytest.raises(TypeError):
        read.detection_rules["default"]["duplicate_scans"] = 500  # type: ignore[index]
    with pytest.raises(TypeError):
        read.detection_rules["default"] = {}  # type: ignore[index]


def test_the_configuration_is_copied_not_shared():
    rules = {"default": {"duplicate_scans": 5}, "list": [1, 2]}
    read = Settings.from_config({**CONFIG, "DETECTION_RULES": rules})
    rules["default"]["duplicate_scans"] = 50
    rules["list"].append(3)
    assert read.detection_rules["default"]["duplicate_scans"] == 5
    assert read.detection_rules["list"] == (1, 2)


def test_the_app_builds_its_settings_once_from_its_configuration(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/app.sqlite",
            "PUBLIC_BASE_URL": "https://tem.example.vn",
            "STAMP_KEYS": ("app-key",),
            "PRIVACY_KEY": "app-privacy",
        }
    )
    with app.app_context():
        first = settings()
        assert (first.stamp_keys, first.privacy_key) == (("app-key",), "app-privacy")
        assert first.base_url == "https://tem.example.vn"
        app.config["PUBLIC_BASE_URL"] = "https://changed.example.vn"
        assert settings() is first  # read once: a later change is not seen
    with app.test_request_context("/"):
        assert settings() is first


def test_no_key_shows_in_the_settings_printed():
    read = Settings.from_config({**CONFIG, "PRIVACY_KEY": "its-own"})
    shown = repr(read)
    assert "https://tem.example.vn" in shown
    assert "newest" not in shown and "older" not in shown and "its-own" not in shown


def test_no_setting_has_a_default_of_its_own():
    with pytest.raises(TypeError):
        Settings(("key",), "privacy", "https://tem.example.vn")  # type: ignore[call-arg]


def test_tools_get_the_configured_values_for_what_they_do_not_give():
    given = settings_with(STAMP_KEYS=("tool-key",), PRIVACY_KEY="tool-privacy")
    assert (given.stamp_keys, given.privacy_key) == (("tool-key",), "tool-privacy")
    assert given.print_dir == Path(Config.PRINT_DIR)
    assert given.base_url == Config.PUBLIC_BASE_URL
    assert given.detection_rules == Config.DETECTION_RULES


def test_settings_changed_by_replace_stay_frozen(tmp_path):
    rules = {"default": {"duplicate_scans": 5}}
    changed = dataclasses.replace(
        Settings.from_config(CONFIG),
        stamp_keys=["a", "b"],
        detection_rules=rules,
        print_dir=str(tmp_path),
    )
    rules["default"]["duplicate_scans"] = 50
    assert changed.stamp_keys == ("a", "b")
    assert changed.detection_rules["default"]["duplicate_scans"] == 5
    assert changed.print_dir == tmp_path
    with pytest.raises(TypeError):
        changed.detection_rules["default"]["duplicate_scans"] = 6  # type: ignore[index]

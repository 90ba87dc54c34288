"""What the domain needs from the app's configuration, read once when it starts.

`create_app` builds one `Settings` from the environment's configuration and
hands it to the services; a service's signature then lists only what varies
per call. Nothing in it changes while the app runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

from webapp.services.common.privacy import derive_key


@dataclass(frozen=True, slots=True)
class Settings:
    # Keys stay out of the repr: a logged or printed Settings shows no secret.
    stamp_keys: tuple[str, ...] = field(repr=False)
    """Stamp MAC and signature keys, newest first: the first makes new stamps."""
    privacy_key: str = field(repr=False)
    """Keys the hashes of devices and addresses, and seals reporters' contacts."""
    base_url: str
    """Where printed links point (the resolver's public address)."""
    detection_rules: Mapping[str, Any]
    """The detection thresholds: `default`, then per product `categories`."""
    upload_dir: Path
    print_dir: Path
    print_file_hours: float
    scan_retention_days: int
    report_retention_days: int
    scan_repeat_window: timedelta
    """A reload or language switch of a story within it is the same scan."""

    def __post_init__(self) -> None:
        # However it was made (from_config, replace), nothing in it can change.
        object.__setattr__(self, "stamp_keys", tuple(self.stamp_keys))
        object.__setattr__(self, "detection_rules", frozen(self.detection_rules))
        object.__setattr__(self, "upload_dir", Path(self.upload_dir))
        object.__setattr__(self, "print_dir", Path(self.print_dir))

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Settings:
        """Every field from its configuration key: none has a default of its own."""
        return cls(
            stamp_keys=config["STAMP_KEYS"],
            privacy_key=config["PRIVACY_KEY"] or derive_key(config["SECRET_KEY"]),
            base_url=config["PUBLIC_BASE_URL"],
            detection_rules=config["DETECTION_RULES"],
            upload_dir=config["UPLOAD_DIR"],
            print_dir=config["PRINT_DIR"],
            print_file_hours=float(config["PRINT_FILE_HOURS"]),
            scan_retention_days=int(config["SCAN_RETENTION_DAYS"]),
            report_retention_days=int(config["REPORT_RETENTION_DAYS"]),
            scan_repeat_window=timedelta(
                seconds=int(config["SCAN_REPEAT_WINDOW_SECONDS"])
            ),
        )


def frozen(value: Any) -> Any:
    """A read-only copy of nested mappings and lists (settings never change)."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: frozen(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(frozen(item) for item in value)
    return value

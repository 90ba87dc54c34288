"""What loading the demo needs from the app's configuration."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from webapp.services.common.privacy import derive_key


@dataclass(frozen=True)
class DemoSettings:
    keys: Sequence[str]
    base_url: str
    privacy_key: str
    rules: dict

    @classmethod
    def from_config(cls, config: Mapping) -> DemoSettings:
        return cls(
            keys=config["STAMP_KEYS"],
            base_url=config["PUBLIC_BASE_URL"],
            privacy_key=config["PRIVACY_KEY"] or derive_key(config["SECRET_KEY"]),
            rules=config["DETECTION_RULES"],
        )

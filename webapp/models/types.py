"""Column types and helpers shared by the models."""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every engine.

    SQLite drops the offset, so values are normalised to UTC on the way in and
    marked UTC on the way out; PostgreSQL keeps them in timestamptz.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware one")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


@dataclass(frozen=True)
class LocalizedText:
    """A text in the language asked for, or the fallback it came from."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


class Bilingual:
    """Mixin for rows with `<field>_vi` / `<field>_en` columns."""

    FALLBACK_LANG = "vi"

    def localized(self, field: str, lang: str) -> LocalizedText:
        """Return the field in lang, falling back to Vietnamese, then English."""
        order = [lang, self.FALLBACK_LANG, "en"]
        for candidate in dict.fromkeys(order):
            text = getattr(self, f"{field}_{candidate}", None)
            if text:
                return LocalizedText(text, candidate)
        return LocalizedText("", lang)

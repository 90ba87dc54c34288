"""Shapes of JSON requests to the public API, validated with pydantic."""

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from webapp.models.codes import ScanRole
from webapp.models.types import utcnow
from webapp.services.scans.scanning import believable_made_at


class ScanIn(BaseModel):
    """POST /api/v1/scans — the contract in the README's API table."""

    model_config = ConfigDict(
        extra="ignore", str_strip_whitespace=True, use_enum_values=True
    )

    code: str = Field(min_length=1, max_length=500)
    device_id: str = Field(min_length=8, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$")
    lat: float | None = Field(
        default=None, ge=-90, le=90, allow_inf_nan=False, strict=True
    )
    lon: float | None = Field(
        default=None, ge=-180, le=180, allow_inf_nan=False, strict=True
    )
    province: str | None = Field(default=None, pattern=r"^[0-9]{2}$")
    # Received as the code's plain value (use_enum_values), stored as such.
    role: ScanRole = Field(default=ScanRole.SHOPPER, validate_default=True)
    idempotency_key: str | None = Field(default=None, min_length=8, max_length=64)
    # Accuracy of the position in metres, as the browser's geolocation gives it.
    accuracy: float | None = Field(default=None, ge=0, le=100_000, allow_inf_nan=False)
    # When a scan queued offline was made (ISO 8601 with offset): not in the
    # future, not older than the phone's queue keeps items. The rules use it.
    scanned_at: AwareDatetime | None = None
    # The older name of scanned_at, still sent by queues filled before; believed
    # only within the same bounds, else ignored.
    made_at: AwareDatetime | None = None

    @model_validator(mode="after")
    def lat_and_lon_together(self):
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon go together")
        return self

    @field_validator("scanned_at")
    @classmethod
    def made_within_the_queue_life(cls, value):
        if value is not None and believable_made_at(value, utcnow()) is None:
            raise ValueError("scanned_at is in the future or older than a queue keeps")
        return value

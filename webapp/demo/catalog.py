"""The demo catalog: fictional producers of real Hưng Yên specialties and goods.

The data lives in TOML files under webapp/data/demo/ (one for the producers, one
per part of the province for the products); this module reads and checks them.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import NotRequired

from pydantic import ConfigDict, TypeAdapter, with_config
from typing_extensions import TypedDict  # pydantic reads it on Python 3.11

PRODUCT_FILES = (
    "hung_yen_longan",
    "khoai_chau_my_hao",
    "thai_binh_sweets_eggs",
    "thai_binh_coast",
    "beyond_ocop",
)
STRICT = ConfigDict(extra="forbid")


@with_config(STRICT)
class ProducerSpec(TypedDict):
    key: str
    sector: str
    name: str
    kind: str
    tax_code: str
    gln: str
    address_line: str
    ward_code: str
    phone: str
    email: str
    website: NotRequired[str]


@with_config(STRICT)
class EventSpec(TypedDict):
    event_type: str
    action: NotRequired[str]
    biz_step: str
    disposition: NotRequired[str]
    time: str
    place_vi: str
    place_en: str
    ward_code: str
    province_code: str
    lat: float
    lon: float
    gln: NotRequired[str]
    note_vi: str  # "{lot}" stands for the lot code the demo gives the batch
    note_en: str


@with_config(STRICT)
class BatchSpec(TypedDict):
    lot: str
    produced_on: str
    expires_on: NotRequired[str]
    quantity: int
    regions: list[str]
    stamps: int
    pins: bool
    status: NotRequired[str]
    events: list[EventSpec]


@with_config(STRICT)
class ProductSpec(TypedDict):
    key: str
    producer: str
    gtin: str
    name_vi: str
    name_en: str
    summary_vi: str
    summary_en: str
    story_vi: str
    story_en: str
    ingredients_vi: str
    ingredients_en: str
    storage_vi: str
    storage_en: str
    category: str
    sector: NotRequired[str]
    kinds: NotRequired[tuple[str, ...]]
    ocop_stars: NotRequired[int]
    ocop_certificate_no: NotRequired[str]
    ocop_issuer: NotRequired[str]
    ocop_certified_on: NotRequired[str]
    key_decision_no: NotRequired[str]
    declaration_no: NotRequired[str]
    trademark: NotRequired[str]
    standards: list[str]
    net_content: NotRequired[str]
    shelf_life_days: NotRequired[int]
    seasonal: NotRequired[bool]
    image: str
    batches: list[BatchSpec]


def _read(name: str) -> dict:
    source = resources.files("webapp") / "data" / "demo" / f"{name}.toml"
    return tomllib.loads(source.read_text(encoding="utf-8"))


def load_producers() -> list[ProducerSpec]:
    adapter = TypeAdapter(list[ProducerSpec])
    return adapter.validate_python(_read("producers")["producers"])


def load_products() -> list[ProductSpec]:
    adapter = TypeAdapter(list[ProductSpec])
    return [
        product
        for name in PRODUCT_FILES
        for product in adapter.validate_python(_read(name)["products"])
    ]


PRODUCERS = load_producers()
PRODUCTS = load_products()

__all__ = ["PRODUCERS", "PRODUCTS", "ProducerSpec", "ProductSpec"]

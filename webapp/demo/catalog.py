"""The demo catalog: fictional producers of real Hưng Yên specialties and goods."""

from webapp.demo.producers import PRODUCERS
from webapp.demo.products import (
    beyond_ocop,
    hung_yen_longan,
    khoai_chau_my_hao,
    thai_binh_coast,
    thai_binh_sweets_eggs,
)

PRODUCTS = [
    *hung_yen_longan.PRODUCTS,
    *khoai_chau_my_hao.PRODUCTS,
    *thai_binh_sweets_eggs.PRODUCTS,
    *thai_binh_coast.PRODUCTS,
    *beyond_ocop.PRODUCTS,
]

__all__ = ["PRODUCERS", "PRODUCTS"]

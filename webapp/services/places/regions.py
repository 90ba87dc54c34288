"""Vietnam's provinces and wards after the 2025 merger, by official code.

All names and codes come from the `vietnam-provinces` package (Decision
19/2025/QĐ-TTg: 34 provincial units, 3,321 communes and wards). Codes are
kept as zero-padded strings: provinces "01".."96", wards five digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province, Ward
from vietnam_provinces.base import VietNamDivisionType

from webapp.services.common.collation import sort_key

# Prefixes the package puts in front of names, by division type.
_PREFIXES = {
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: "Thành phố ",
    VietNamDivisionType.TINH: "Tỉnh ",
    VietNamDivisionType.PHUONG: "Phường ",
    VietNamDivisionType.XA: "Xã ",
    VietNamDivisionType.DAC_KHU: "Đặc khu ",
}
# Division kinds, in the words each language uses for them.
KIND_VI = {
    "city": "Thành phố",
    "province": "Tỉnh",
    "ward": "Phường",
    "commune": "Xã",
    "special_zone": "Đặc khu",
}
KIND_EN = {
    "city": "City",
    "province": "Province",
    "ward": "Ward",
    "commune": "Commune",
    "special_zone": "Special Zone",
}
# Short names that cannot drop the kind (vi, en).
_NAMED_AFTER_A_PERSON = {"79": ("TP. Hồ Chí Minh", "Hồ Chí Minh City")}
_KINDS = {
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: "city",
    VietNamDivisionType.TINH: "province",
    VietNamDivisionType.PHUONG: "ward",
    VietNamDivisionType.XA: "commune",
    VietNamDivisionType.DAC_KHU: "special_zone",
}


@dataclass(frozen=True)
class Division:
    """A province or a ward: official code, bare name and kind."""

    code: str
    name: str
    kind: str
    province_code: str

    def label(self, lang: str) -> str:
        """Full name in lang: 'Xã Nam Cường' / 'Nam Cường Commune'."""
        if lang == "en":
            return f"{self.name} {KIND_EN[self.kind]}"
        return f"{KIND_VI[self.kind]} {self.name}"

    def short_label(self, lang: str) -> str:
        """Name as people say it, without 'Tỉnh' or 'Thành phố': 'Hà Nội'.

        A city named after a person keeps its kind, as everyone writes it.
        """
        if self.code in _NAMED_AFTER_A_PERSON:
            return _NAMED_AFTER_A_PERSON[self.code][lang == "en"]
        return self.name if self.kind in ("province", "city") else self.label(lang)


def _bare_name(name: str, division_type: VietNamDivisionType) -> str:
    name = " ".join(name.split())
    prefix = _PREFIXES[division_type]
    return name[len(prefix) :] if name.startswith(prefix) else name


@cache
def _provinces() -> dict[str, Division]:
    result = {}
    for p in sorted(Province.iter_all(), key=lambda p: p.code.value):
        code = f"{p.code.value:02d}"
        result[code] = Division(
            code, _bare_name(p.name, p.division_type), _KINDS[p.division_type], code
        )
    return result


@cache
def _wards() -> dict[str, Division]:
    result = {}
    for w in Ward.iter_all():
        code = f"{w.code.value:05d}"
        province_code = f"{w.province_code.value:02d}"
        result[code] = Division(
            code,
            _bare_name(w.name, w.division_type),
            _KINDS[w.division_type],
            province_code,
        )
    return result


def provinces() -> list[Division]:
    """All 34 provincial units, in official code order."""
    return list(_provinces().values())


def province(code: str) -> Division | None:
    return _provinces().get(code)


def ward(code: str) -> Division | None:
    return _wards().get(code)


def wards_of(province_code: str) -> list[Division]:
    """Wards and communes of one province, by name."""
    return sorted(
        (w for w in _wards().values() if w.province_code == province_code),
        key=lambda w: sort_key(w.name),
    )


def is_province_code(code: str) -> bool:
    return code in _provinces()


def ward_in_province(ward_code: str, province_code: str) -> bool:
    found = ward(ward_code)
    return found is not None and found.province_code == province_code


def address(ward_code: str, lang: str, line: str | None = None) -> str:
    """A postal-style address: line, ward, province."""
    found = ward(ward_code)
    if found is None:
        return line or ""
    parts = [
        line,
        found.label(lang),
        _provinces()[found.province_code].label(lang),
    ]
    return ", ".join(p for p in parts if p)

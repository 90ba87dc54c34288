"""Which of the plan's sectors a product group belongs to, when nobody said."""

from __future__ import annotations

# OCOP product sets (Decision 148/QĐ-TTg) by the sector of the province's plan
# they usually fall in; a producer can always choose another on the form.
_SECTOR_OF_SET = {
    **dict.fromkeys(("01", "02", "03", "04", "11", "23", "24"), "agriculture"),
    **dict.fromkeys(
        ("05", "06", "07", "08", "09", "10", "12", "13", "14", "15", "16", "17"),
        "food",
    ),
    **dict.fromkeys(("18", "19", "20"), "pharmaceuticals"),
}


def sector_of_set(category: str) -> str:
    """The usual sector of an OCOP product set; "other" for crafts and services."""
    return _SECTOR_OF_SET.get(category, "other")

"""Fitting a label's words, asked of the layout rules directly (no database)."""

from __future__ import annotations

import pytest

from webapp.services.stamps import label_layout
from webapp.services.stamps.label_layout import BOLD, LAYOUTS, REGULAR, SheetText

SIZE = 8.0


def _width(text: str, font: str = BOLD) -> float:
    return label_layout.width_of(text, font, SIZE)


def test_wrap_breaks_between_words_and_refuses_what_does_not_fit():
    width = _width("Mật ong") + 0.5
    assert label_layout.wrap("Mật ong rừng", BOLD, SIZE, width, 2) == [
        "Mật ong",
        "rừng",
    ]
    assert label_layout.wrap("Mật ong rừng U Minh", BOLD, SIZE, width, 2) is None
    assert label_layout.wrap("Mậtongrừngthật", BOLD, SIZE, width, 3) is None


def test_wrap_with_breaks_cuts_after_a_separator_when_one_fits():
    width = _width("LN-2508", REGULAR) + 0.5
    lines = label_layout.wrap("LN-2508-ABCDEFG", REGULAR, SIZE, width, 5, breaks=True)
    assert lines[:2] == ["LN-", "2508-"]  # after a dash, though "LN-2508" fits
    assert label_layout.wrap("LN-2508-ABCDEFG", REGULAR, SIZE, width, 3, True) is None
    assert "".join(lines) == "LN-2508-ABCDEFG"
    assert all(_width(line, REGULAR) <= width for line in lines)


def test_a_name_too_long_falls_back_to_the_short_name_then_leading_words():
    width = _width("Long nhãn sấy") + 0.5
    long_name = "Long nhãn sấy củi Hưng Yên loại đặc biệt"
    assert label_layout.name_for_label("Long nhãn", None, SIZE, width, 1) == [
        "Long nhãn"
    ]
    assert label_layout.name_for_label(long_name, "Nhãn sấy", SIZE, width, 1) == [
        "Nhãn sấy"
    ]
    assert label_layout.name_for_label(long_name, None, SIZE, width, 1) == [
        "Long nhãn sấy"
    ]
    # A single word wider than the label is the only thing ever cut.
    [cut] = label_layout.name_for_label("Siêudàikhôngdấucách", None, SIZE, width, 1)
    assert "Siêudàikhôngdấucách".startswith(cut) and _width(cut) <= width


def _text(**changes) -> SheetText:
    values = dict(
        product="Long nhãn sấy củi", stars=4, lot_line="Lô LN2508A",
        expiry_line="HSD 31/07/2027", scan_hint="Quét để kiểm tra",
        pin_hint="Cào lớp bạc để lấy mã PIN",
    )  # fmt: skip
    return SheetText(**{**values, **changes})


@pytest.mark.parametrize("key", sorted(LAYOUTS))
def test_every_layout_fits_a_serial_and_a_usual_label(key):
    layout = LAYOUTS[key]
    assert label_layout.serial_fits(layout)
    plan = label_layout.plan(_text(), layout, with_pin=False)
    assert plan.pin_box is None
    col = label_layout.column(layout)
    for line in plan.lines:
        assert (
            col.left <= line.x
            and line.x + _width(line.text, line.font) * (line.size / SIZE)
            <= col.left + col.width + 0.01
        ), line


def test_a_pin_gets_its_box_on_the_large_label():
    plan = label_layout.plan(_text(), LAYOUTS["large"], with_pin=True)
    assert plan.pin_box is not None and plan.pin_baseline is not None


def test_a_lot_that_cannot_fit_is_refused_by_name():
    with pytest.raises(label_layout.LabelTooSmall) as caught:
        label_layout.plan(_text(lot_line="Lô " + "W" * 80), LAYOUTS["small"], False)
    assert caught.value.item == "lot"

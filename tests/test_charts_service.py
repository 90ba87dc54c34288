"""The dashboards' SVG charts, drawn directly and read back as XML."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from webapp.services.programme import charts
from webapp.services.programme.progress import Week

SVG = "{http://www.w3.org/2000/svg}"


def _read(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # fails on anything that is not XML


def _all(root: ElementTree.Element, tag: str, css: str) -> list[ElementTree.Element]:
    return [e for e in root.iter(SVG + tag) if e.get("class") == css]


def _one(root: ElementTree.Element, tag: str, css: str) -> ElementTree.Element:
    [found] = _all(root, tag, css)
    return found


def test_progress_fills_the_bar_to_the_ratio_and_prints_it():
    root = _read(charts.progress(0.25, {}, "Sản phẩm đủ dữ liệu"))
    track = _one(root, "rect", "track")
    assert track.get("width") == "300"
    assert _one(root, "rect", "fill").get("width") == "75.0"
    assert _one(root, "text", "value").text == "25 %"
    assert root.get("aria-label") == "Sản phẩm đủ dữ liệu"
    assert root.find(SVG + "title").text == "Sản phẩm đủ dữ liệu"


def test_progress_never_draws_outside_its_track_but_prints_the_true_share():
    over = _read(charts.progress(1.5, {}, "over"))
    assert _one(over, "rect", "fill").get("width") == "300.0"
    assert _one(over, "text", "value").text == "150 %"
    under = _read(charts.progress(-0.2, {}, "under"))
    assert _one(under, "rect", "fill").get("width") == "0.0"
    empty = _read(charts.progress(0.0, {}, "empty"))
    assert _one(empty, "rect", "fill").get("width") == "0.0"
    assert _one(empty, "text", "value").text == "0 %"


def test_each_target_gets_a_tick_at_its_share_with_its_label():
    root = _read(charts.progress(0.4, {"2025": 0.3, "2030": 0.95}, "targets"))
    ticks = _all(root, "line", "target")
    assert [(t.get("x1"), t.get("x2")) for t in ticks] == [
        ("100.0", "100.0"),  # 10 + 0.3 × 300
        ("295.0", "295.0"),
    ]
    labels = _all(root, "text", "target-label")
    assert [label.text for label in labels] == ["2025", "2030"]
    # A label near the right end is anchored there, so it is not cut off.
    assert [label.get("text-anchor") for label in labels] == ["middle", "end"]


def test_a_target_at_exactly_ninety_percent_stays_centred():
    root = _read(charts.progress(0.0, {"edge": 0.9}, "edge"))
    assert _one(root, "text", "target-label").get("text-anchor") == "middle"


def test_titles_and_labels_are_escaped():
    svg = charts.progress(0.5, {'<b>&"': 0.5}, 'A <script> & "quote"')
    root = _read(svg)
    assert "<script>" not in svg
    assert root.get("aria-label") == 'A <script> & "quote"'
    assert _one(root, "text", "target-label").text == '<b>&"'


def test_bars_scale_to_the_largest_value_and_print_every_value():
    root = _read(charts.bars([("a", 10), ("b", 5), ("c", 0)], "Lượt quét"))
    heights = [bar.get("height") for bar in _all(root, "rect", "fill")]
    assert heights == ["110.0", "55.0", "0.0"]  # the tallest reaches the top
    assert [bar.get("y") for bar in _all(root, "rect", "fill")] == [
        "18.0",
        "73.0",
        "128.0",
    ]
    assert [t.text for t in _all(root, "text", "bar-value")] == ["10", "5", "0"]
    hover = [bar.find(SVG + "title").text for bar in _all(root, "rect", "fill")]
    assert hover == ["a: 10", "b: 5", "c: 0"]


def test_bars_share_the_width_and_label_every_other_bar():
    root = _read(charts.bars([(f"w{n}", n) for n in range(4)], "weeks"))
    widths = {bar.get("width") for bar in _all(root, "rect", "fill")}
    assert widths == {"52.5"}  # 300 / 4 × 0.7
    # Each bar in the middle 70 % of its 75-wide step: 10 + n × 75 + 11.25.
    xs = [bar.get("x") for bar in _all(root, "rect", "fill")]
    assert xs == ["21.2", "96.2", "171.2", "246.2"]
    assert [t.text for t in _all(root, "text", "bar-label")] == ["w0", "w2"]


def test_bars_of_nothing_draw_only_the_axis():
    root = _read(charts.bars([], "nothing yet"))
    assert _all(root, "rect", "fill") == []
    assert _all(root, "text", "bar-value") == []
    axis = _one(root, "line", "axis")
    assert (axis.get("x1"), axis.get("x2"), axis.get("y1")) == ("10", "310", "128")


def test_bars_of_zeros_do_not_divide_by_zero():
    root = _read(charts.bars([("a", 0), ("b", 0)], "quiet"))
    assert [bar.get("height") for bar in _all(root, "rect", "fill")] == ["0.0", "0.0"]


def test_per_week_labels_each_week_by_its_monday_and_counts_the_field():
    weeks = [
        Week(date(2026, 3, 2), scans=40, alerts=1),
        Week(date(2026, 3, 9), scans=10, alerts=4),
    ]
    scans = _read(charts.per_week(weeks, "scans", "Scans"))
    assert [t.text for t in _all(scans, "text", "bar-value")] == ["40", "10"]
    hover = [bar.find(SVG + "title").text for bar in _all(scans, "rect", "fill")]
    assert hover == ["02/03: 40", "09/03: 10"]
    alerts = _read(charts.per_week(weeks, "alerts", "Alerts"))
    assert [t.text for t in _all(alerts, "text", "bar-value")] == ["1", "4"]
    assert [bar.get("height") for bar in _all(alerts, "rect", "fill")] == [
        "27.5",
        "110.0",
    ]

"""Small server-rendered SVG charts; the numbers are always printed beside them."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH = 320


def progress(ratio: float, targets: dict[str, float], title: str) -> str:
    """A 0-100 % bar filled to ratio, with a labelled tick per target."""
    bar_y, bar_h, width = 22, 18, WIDTH - 20
    filled = max(0.0, min(1.0, ratio)) * width
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} 64" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<rect class="track" x="10" y="{bar_y}" width="{width}" '
        f'height="{bar_h}" rx="4"/>',
        f'<rect class="fill" x="10" y="{bar_y}" width="{filled:.1f}" '
        f'height="{bar_h}" rx="4"/>',
        f'<text class="value" x="14" y="{bar_y - 6}">{ratio * 100:.0f} %</text>',
    ]
    for label, target in targets.items():
        x = 10 + target * width
        anchor = "end" if target > 0.9 else "middle"
        parts.append(
            f'<line class="target" x1="{x:.1f}" y1="{bar_y - 4}" x2="{x:.1f}" '
            f'y2="{bar_y + bar_h + 4}"/>'
            f'<text class="target-label" x="{x:.1f}" y="{bar_y + bar_h + 16}" '
            f'text-anchor="{anchor}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def bars(values: Sequence[tuple[str, int]], title: str) -> str:
    """Vertical bars, one per (label, value), the value printed on each."""
    height, base, top = 150, 128, 18
    count = max(1, len(values))
    step = (WIDTH - 20) / count
    peak = max((value for _, value in values), default=0) or 1
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="10" y1="{base}" x2="{WIDTH - 10}" y2="{base}"/>',
    ]
    for n, (label, value) in enumerate(values):
        bar_h = (base - top) * value / peak
        x = 10 + n * step + step * 0.15
        parts.append(
            f'<rect class="fill" x="{x:.1f}" y="{base - bar_h:.1f}" '
            f'width="{step * 0.7:.1f}" height="{bar_h:.1f}"><title>{escape(label)}: '
            f"{value}</title></rect>"
            f'<text class="bar-value" x="{x + step * 0.35:.1f}" '
            f'y="{base - bar_h - 3:.1f}" text-anchor="middle">{value}</text>'
        )
        if n % 2 == 0:
            parts.append(
                f'<text class="bar-label" x="{x + step * 0.35:.1f}" y="{base + 14}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def per_week(weeks: Sequence, field: str, title: str) -> str:
    """Bars of one weekly count (Week.scans, Week.alerts), labelled dd/mm."""
    return bars(
        [(week.start.strftime("%d/%m"), getattr(week, field)) for week in weeks], title
    )

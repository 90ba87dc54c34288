"""A small map of Vietnam's 34 provinces as inline SVG, with points on it.

The mainland and its near islands fill the frame; the Hoàng Sa (Paracel) and
Trường Sa (Spratly) archipelagos, far out at sea, are drawn in an inset in the
lower right corner, as Vietnam's official maps do.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from html import escape

from shapely.geometry import box

from webapp.services.places.geo import _shapes

# Mainland and near islands.
WEST, EAST, SOUTH, NORTH = 102.0, 110.0, 8.3, 23.5
SCALE = 28.0  # pixels per degree
SIMPLIFY_DEGREES = 0.04
MIN_ISLAND_DEGREES2 = 0.002  # islets smaller than this are left out

# The archipelagos as the boundary data has them: part of which province, and
# the box (west, south, east, north) they lie in.
ARCHIPELAGOS = {
    "hoang_sa": ("48", (111.0, 15.5, 113.0, 17.5)),  # Đà Nẵng
    "truong_sa": ("56", (110.3, 6.5, 117.5, 12.5)),  # Khánh Hòa
}
# The inset: this window onto the sea, at INSET_SCALE, with its top left corner
# at INSET_X, INSET_Y, east of the mainland's easternmost cape (109.46°E).
INSET_WEST, INSET_EAST, INSET_SOUTH, INSET_NORTH = 110.2, 117.4, 6.7, 17.4
INSET_SCALE = 13.0
INSET_X, INSET_Y = 216.0, 284.0
ISLET_PIXELS = 1.5  # islets closer than this on the inset share one dot
LABEL_CHARS = 13  # characters per label line that fit beside the islands
LABEL_LINE = 9.0
# Where each label's first line starts on the inset, beside its islands.
LABEL_AT = {"hoang_sa": (36.0, 10.0), "truong_sa": (4.0, 44.0)}


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * SCALE, (NORTH - lat) * SCALE


def _inset_xy(lon: float, lat: float) -> tuple[float, float]:
    return (
        INSET_X + (lon - INSET_WEST) * INSET_SCALE,
        INSET_Y + (INSET_NORTH - lat) * INSET_SCALE,
    )


@cache
def _paths() -> dict[str, str]:
    frame = box(WEST, SOUTH, EAST, NORTH)
    paths = {}
    for code, shape in _shapes().items():
        area = shape.simplify(SIMPLIFY_DEGREES, preserve_topology=True).intersection(
            frame
        )
        polygons = getattr(area, "geoms", [area])
        parts = []
        for polygon in polygons:
            if polygon.geom_type != "Polygon" or polygon.area < MIN_ISLAND_DEGREES2:
                continue
            ring = [_xy(lon, lat) for lon, lat in polygon.exterior.coords]
            parts.append("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in ring) + "Z")
        paths[code] = "".join(parts)
    return paths


@cache
def _islets() -> dict[str, str]:
    """Per archipelago, a path of dots: one per islet or reef at inset scale.

    Most are far smaller than a pixel here, so each is a zero-length segment
    that the stroke's round cap turns into a dot.
    """
    dots = {}
    for key, (code, area) in ARCHIPELAGOS.items():
        found = _shapes()[code].intersection(box(*area))
        seen = set()
        for polygon in getattr(found, "geoms", [found]):
            point = polygon.representative_point()
            x, y = _inset_xy(point.x, point.y)
            seen.add((round(x / ISLET_PIXELS), round(y / ISLET_PIXELS)))
        dots[key] = "".join(
            f"M{x * ISLET_PIXELS:g} {y * ISLET_PIXELS:g}h0" for x, y in sorted(seen)
        )
    return dots


def _lines(label: str) -> list[str]:
    """Break a label at spaces into lines of about LABEL_CHARS characters."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LABEL_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _inset(marked: set[str], labels: dict[str, str], islands: dict[str, str]):
    width = (INSET_EAST - INSET_WEST) * INSET_SCALE
    height = (INSET_NORTH - INSET_SOUTH) * INSET_SCALE
    yield (
        f'<g class="inset"><rect class="inset-frame" x="{INSET_X:g}" '
        f'y="{INSET_Y:g}" width="{width:.0f}" height="{height:.0f}"/>'
    )
    for key, path in _islets().items():
        code = ARCHIPELAGOS[key][0]
        css = "islands authorised" if code in marked else "islands"
        name = escape(islands.get(key, key))
        where = escape(labels.get(code, code))
        yield (
            f'<path class="{css}" data-archipelago="{key}" d="{path}">'
            f"<title>{name} · {where}</title></path>"
        )
        x, y = LABEL_AT[key]
        yield f'<text class="inset-label" x="{INSET_X + x:g}" y="{INSET_Y + y:g}">'
        for n, line in enumerate(_lines(islands.get(key, ""))):
            dy = f' dy="{LABEL_LINE:g}"' if n else ""
            yield f'<tspan x="{INSET_X + x:g}"{dy}>{escape(line)}</tspan>'
        yield "</text>"
    yield "</g>"


def render(
    highlighted: Iterable[str],
    points: Iterable[tuple[float, float, str]],
    labels: dict[str, str],
    title: str,
    islands: dict[str, str] | None = None,
) -> str:
    """SVG markup: highlighted provinces shaded, points (lat, lon, label) as dots.

    islands names the archipelagos of the inset ("hoang_sa", "truong_sa").
    """
    marked = set(highlighted)
    width = INSET_X + (INSET_EAST - INSET_WEST) * INSET_SCALE + 2
    height = (NORTH - SOUTH) * SCALE
    parts = [
        f'<svg class="map" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for code, path in _paths().items():
        css = "province authorised" if code in marked else "province"
        name = escape(labels.get(code, code))
        parts.append(f'<path class="{css}" d="{path}"><title>{name}</title></path>')
    parts.extend(_inset(marked, labels, islands or {}))
    for number, (lat, lon, label) in enumerate(points, start=1):
        x, y = _xy(lon, lat)
        parts.append(
            f'<circle class="scan-point" cx="{x:.1f}" cy="{y:.1f}" r="5">'
            f"<title>{number}. {escape(label)}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)

"""A small map of Vietnam's 34 provinces as inline SVG, with points on it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from html import escape

from shapely.geometry import box

from webapp.services.geo import _shapes

# Mainland and near islands; the far archipelagos would shrink the map to nothing.
WEST, EAST, SOUTH, NORTH = 102.0, 110.0, 8.3, 23.5
SCALE = 28.0  # pixels per degree
SIMPLIFY_DEGREES = 0.04
MIN_ISLAND_DEGREES2 = 0.002  # islets smaller than this are left out


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * SCALE, (NORTH - lat) * SCALE


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


def render(
    highlighted: Iterable[str],
    points: Iterable[tuple[float, float, str]],
    labels: dict[str, str],
    title: str,
) -> str:
    """SVG markup: highlighted provinces shaded, points (lat, lon, label) as dots."""
    marked = set(highlighted)
    width, height = (EAST - WEST) * SCALE, (NORTH - SOUTH) * SCALE
    parts = [
        f'<svg class="map" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for code, path in _paths().items():
        css = "province authorised" if code in marked else "province"
        name = escape(labels.get(code, code))
        parts.append(f'<path class="{css}" d="{path}"><title>{name}</title></path>')
    for number, (lat, lon, label) in enumerate(points, start=1):
        x, y = _xy(lon, lat)
        parts.append(
            f'<circle class="scan-point" cx="{x:.1f}" cy="{y:.1f}" r="5">'
            f"<title>{number}. {escape(label)}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)

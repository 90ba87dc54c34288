"""Where a position is: its province (by polygon), and distances between positions."""

from __future__ import annotations

import json
import math
from functools import cache
from random import Random

from shapely import STRtree, contains_xy
from shapely.geometry import Point, shape

from webapp.services import DATA_DIR

BOUNDARIES = DATA_DIR / "provinces-2025.geojson"
# Simplified coastlines shift by a few hundred metres; a phone on a beach or a
# pier just outside its polygon still belongs to the nearest province.
NEAREST_TOLERANCE_DEGREES = 0.03
EARTH_RADIUS_KM = 6371.0


@cache
def _shapes() -> dict:
    features = json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["code"]: shape(f["geometry"]) for f in features}


@cache
def _index() -> tuple[STRtree, list[str]]:
    shapes = _shapes()
    return STRtree(list(shapes.values())), list(shapes)


def random_point(province_code: str, rng: Random) -> tuple[float, float]:
    """A uniformly random (lat, lon) inside a province, for simulations."""
    area = _shapes()[province_code]
    west, south, east, north = area.bounds
    while True:
        lon, lat = rng.uniform(west, east), rng.uniform(south, north)
        if contains_xy(area, lon, lat):
            return lat, lon


def province_at(lat: float, lon: float) -> str | None:
    """Official code of the province at the position; None outside Vietnam."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    tree, codes = _index()
    point = Point(lon, lat)
    hits = tree.query(point, predicate="intersects")
    if len(hits):
        return codes[int(min(hits))]
    nearest = tree.query_nearest(point, max_distance=NEAREST_TOLERANCE_DEGREES)
    return codes[int(nearest[0])] if len(nearest) else None


def coarsen(value: float, decimals: int = 2) -> float:
    """Round a coordinate: 2 decimals is about 1 km, all detection needs."""
    return round(value, decimals)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two positions."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))

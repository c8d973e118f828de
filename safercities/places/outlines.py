"""Outlines of districts and settlements: read from GeoJSON or KML, check with shapely.

No Django here. Problems are ``OutlineProblem(code, params)``; ``places.forms`` turns the
codes into translated messages. Checks: one polygon, closed rings, not crossing itself,
inside the city's country (Natural Earth boundaries, with ~5 km of slack at coasts and
borders; countries without a stored boundary are not checked).
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
from shapely.geometry import Polygon, shape
from shapely.validation import explain_validity

MAX_BYTES = 2 * 1024 * 1024
COUNTRY_SLACK_DEGREES = 0.05
KML_NS = "{http://www.opengis.net/kml/2.2}"


@dataclass
class OutlineProblem(Exception):
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@cache
def _boundaries() -> dict:
    path = Path(__file__).parent / "data" / "boundaries.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def country_shape(code: str):
    data = _boundaries().get(code)
    return shape(data).buffer(COUNTRY_SLACK_DEGREES) if data else None


def _polygon_from_geojson(data: Any) -> dict:
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        polygons = [f.get("geometry") for f in features if isinstance(f, dict)]
        polygons = [g for g in polygons if isinstance(g, dict) and g.get("type") == "Polygon"]
        if len(polygons) != 1:
            raise OutlineProblem("one_polygon", {"found": len(polygons)})
        return polygons[0]
    if isinstance(data, dict) and data.get("type") == "Feature":
        return _polygon_from_geojson(data.get("geometry"))
    if isinstance(data, dict) and data.get("type") == "MultiPolygon":
        coords = data.get("coordinates") or []
        if len(coords) != 1:
            raise OutlineProblem("one_polygon", {"found": len(coords)})
        return {"type": "Polygon", "coordinates": coords[0]}
    if isinstance(data, dict) and data.get("type") == "Polygon":
        return data
    raise OutlineProblem("not_polygon")


def _ring_from_kml(text: str | None) -> list[list[float]]:
    ring = []
    for token in (text or "").split():
        parts = token.split(",")
        try:
            ring.append([float(parts[0]), float(parts[1])])
        except (ValueError, IndexError) as exc:
            raise OutlineProblem("bad_coordinates") from exc
    return ring


def _polygon_from_kml(raw: bytes) -> dict:
    try:
        root = SafeET.fromstring(raw)
    except Exception as exc:  # defusedxml raises several kinds for bad or hostile XML
        raise OutlineProblem("unreadable", {"format": "KML"}) from exc
    polygons = [el for el in root.iter() if el.tag.split("}")[-1] == "Polygon"]
    if len(polygons) != 1:
        raise OutlineProblem("one_polygon", {"found": len(polygons)})
    rings = []
    for boundary in ("outerBoundaryIs", "innerBoundaryIs"):
        for el in polygons[0].iter():
            if el.tag.split("}")[-1] == boundary:
                coords = [c for c in el.iter() if c.tag.split("}")[-1] == "coordinates"]
                rings.extend(_ring_from_kml(c.text) for c in coords)
    if not rings:
        raise OutlineProblem("not_polygon")
    return {"type": "Polygon", "coordinates": rings}


def read_upload(raw: bytes, filename: str) -> dict:
    """A GeoJSON Polygon from an uploaded .geojson/.json or .kml file (not yet checked)."""
    if len(raw) > MAX_BYTES:
        raise OutlineProblem("too_large", {"max_mb": MAX_BYTES // (1024 * 1024)})
    name = filename.lower()
    if name.endswith(".kml") or raw.lstrip()[:5] == b"<?xml" or raw.lstrip()[:4] == b"<kml":
        return _polygon_from_kml(raw)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise OutlineProblem("unreadable", {"format": "GeoJSON"}) from exc
    return _polygon_from_geojson(data)


def read_drawn(text: str) -> dict:
    """The polygon the map's drawing tool wrote into the form (GeoJSON text)."""
    try:
        return _polygon_from_geojson(json.loads(text))
    except ValueError as exc:
        raise OutlineProblem("unreadable", {"format": "GeoJSON"}) from exc


def check_outline(geojson: dict, country_code: str | None) -> dict:
    """Return the polygon (coordinates rounded to ~1 m) or raise the first problem found."""
    rings = geojson.get("coordinates")
    if not isinstance(rings, list) or not rings:
        raise OutlineProblem("not_polygon")
    clean_rings = []
    for ring in rings:
        if not isinstance(ring, list) or len(ring) < 4:
            raise OutlineProblem("too_few_points")
        try:
            points = [[round(float(p[0]), 6), round(float(p[1]), 6)] for p in ring]
        except (TypeError, ValueError, IndexError) as exc:
            raise OutlineProblem("bad_coordinates") from exc
        if any(not (-180 <= lon <= 180 and -90 <= lat <= 90) for lon, lat in points):
            raise OutlineProblem("bad_coordinates")
        if points[0] != points[-1]:
            raise OutlineProblem("not_closed")
        clean_rings.append(points)
    polygon = Polygon(clean_rings[0], clean_rings[1:])
    if not polygon.is_valid:
        raise OutlineProblem("self_intersecting", {"detail": explain_validity(polygon)})
    if polygon.area == 0:
        raise OutlineProblem("too_few_points")
    country = country_shape(country_code) if country_code else None
    if country is not None and not country.contains(polygon):
        raise OutlineProblem("outside_country", {"country": country_code})
    return {"type": "Polygon", "coordinates": clean_rings}

"""Checks for the small amount of geometry the Hub stores (GeoJSON polygons). No Django."""

from typing import Any


class GeometryError(ValueError):
    pass


def validate_polygon(geojson: Any) -> None:
    """Raise GeometryError unless ``geojson`` is a GeoJSON Polygon in longitude/latitude."""
    if not isinstance(geojson, dict) or geojson.get("type") != "Polygon":
        raise GeometryError("Expected a GeoJSON object with type Polygon.")
    rings = geojson.get("coordinates")
    if not isinstance(rings, list) or not rings:
        raise GeometryError("A polygon needs at least one ring of coordinates.")
    for ring in rings:
        if not isinstance(ring, list) or len(ring) < 4:
            raise GeometryError("Each ring needs at least four positions.")
        if ring[0] != ring[-1]:
            raise GeometryError("Each ring must end where it starts.")
        for position in ring:
            if (
                not isinstance(position, list | tuple)
                or len(position) < 2
                or not all(isinstance(v, int | float) for v in position[:2])
            ):
                raise GeometryError("Each position must be [longitude, latitude].")
            lon, lat = position[0], position[1]
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise GeometryError("Coordinates must be longitude/latitude in degrees.")


def polygon_centroid(geojson: dict) -> tuple[float, float]:
    """Mean of the outer ring's vertices (longitude, latitude); good enough for a map marker."""
    ring = geojson["coordinates"][0][:-1]
    return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))

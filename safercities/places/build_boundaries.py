"""Build ``places/data/boundaries.json`` from Natural Earth (npm ``world-atlas@2.0.2``).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python -m safercities.places.build_boundaries package/countries-50m.json

Keeps the Asia-Pacific countries (by ISO numeric code from ICU), simplified to about 1 km;
the Hub uses them to check that an outline lies inside its city's country. Natural Earth is
in the public domain.
"""

import json
import sys

import icu
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

from safercities.places.countries import ASIA_PACIFIC_COUNTRIES


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def _geometry(obj: dict, arcs):
    if obj["type"] == "Polygon":
        rings = [_ring(r, arcs) for r in obj["arcs"]]
        return Polygon(rings[0], rings[1:])
    if obj["type"] == "MultiPolygon":
        polygons = []
        for polygon in obj["arcs"]:
            rings = [_ring(r, arcs) for r in polygon]
            polygons.append(Polygon(rings[0], rings[1:]))
        return MultiPolygon(polygons)
    return None


def build(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        topology = json.load(fh)
    arcs = _arcs(topology)
    wanted = {
        str(icu.Region.getInstance(code).getNumericCode()).zfill(3): code
        for code, _name in ASIA_PACIFIC_COUNTRIES
    }
    result = {}
    for obj in topology["objects"]["countries"]["geometries"]:
        code = wanted.get(str(obj.get("id", "")).zfill(3))
        geometry = _geometry(obj, arcs) if code else None
        if geometry is None:
            continue
        simple = geometry.buffer(0).simplify(0.01, preserve_topology=True)
        result[code] = json.loads(
            json.dumps(mapping(simple)), parse_float=lambda v: round(float(v), 3)
        )
        shape(result[code])  # still a valid geometry
    return result


if __name__ == "__main__":
    data = build(sys.argv[1])
    out = "safercities/places/data/boundaries.json"
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(data, fh, separators=(",", ":"), sort_keys=True)
    print(f"{len(data)} countries → {out}")

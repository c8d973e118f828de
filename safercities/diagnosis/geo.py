"""Grids, snapping and hot spots for the diagnosis, on top of :mod:`safercities.spatial`.

No Django here. Points are longitude/latitude in degrees. Every grid is anchored on a fixed
projection origin (the city centre), so a cell means the same ground in every layer.

Privacy: what is shown beyond the city team uses :func:`public_cells`: points are snapped to
their cell centre and cells holding fewer than ``min_count`` points are left out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from safercities.spatial import (
    CLASS_LABELS,
    LocalProjection,
    aggregate_lonlat,
    distance_band_weights,
    gi_star,
)
from safercities.spatial.exact import count_windows, reachable_levels, share_windows

#: Cell sizes offered in metres (square side, or hexagon circumradius).
CELL_SIZES = (100, 250, 500, 1000)
DEFAULT_CELL_SIZE = 250
#: Larger lattices are refused (ask for a larger cell size instead).
MAX_LATTICE_CELLS = 250_000
#: 0 = the exact test; 999 permutations for Gi* (99 could never reach a class under the
#: false discovery rate control among hundreds of cells, so it is not offered).
PERMUTATION_CHOICES = (0, 999)

__all__ = [
    "CELL_SIZES",
    "CLASS_LABELS",
    "DEFAULT_CELL_SIZE",
    "HotspotCell",
    "HotspotResult",
    "PublicCell",
    "grid_cells",
    "hotspots",
    "point_in_polygon",
    "public_cells",
]


class HotspotProblem(ValueError):
    """Why a hot-spot analysis cannot run: a stable ``code`` and its ``params``.

    The views turn the code into text in the reader's language
    (:func:`safercities.diagnosis.views_map.problem_text`).
    """

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class PublicCell:
    """A grid cell with enough points to show: centre, count and the mean of the values."""

    latitude: float
    longitude: float
    count: int
    mean: float | None
    polygon: list[list[float]] = field(default_factory=list)  # [[lon, lat], …] closed ring


@dataclass(frozen=True)
class HotspotCell:
    latitude: float
    longitude: float
    count: int
    value: float
    z: float | None
    p: float | None  # the q-value with the exact test
    hotspot_class: int
    polygon: list[list[float]]
    #: Exact test: points (or low-scoring spots) in the cell and the cells touching it, and
    #: how many chance would give there.
    observed: float | None = None
    expected: float | None = None


@dataclass(frozen=True)
class HotspotResult:
    kind: str
    size: float
    permutations: int
    fdr: bool
    n_points: int
    n_cells: int
    cells: list[HotspotCell]  # every occupied cell and every significant empty one
    #: "exact" (conditional binomial / hypergeometric window test, q-values) or "gi_star".
    method: str = "gi_star"
    #: Classes (1–3) the data could reach at all; the legend offers only these.
    reachable: tuple[int, ...] = (1, 2, 3)

    def counts_by_class(self) -> dict[int, int]:
        counts = dict.fromkeys(sorted(CLASS_LABELS, reverse=True), 0)
        for cell in self.cells:
            counts[cell.hotspot_class] += 1
        return counts


def _projection(origin: tuple[float, float] | None, lon: np.ndarray, lat: np.ndarray):
    if origin is not None:
        return LocalProjection(lon0=origin[0], lat0=origin[1])
    return LocalProjection.around(lon, lat)


def _ring(vertices: np.ndarray, digits: int = 6) -> list[list[float]]:
    ring = [[round(float(x), digits), round(float(y), digits)] for x, y in vertices]
    return [*ring, ring[0]]


def grid_cells(
    longitudes: Sequence[float],
    latitudes: Sequence[float],
    *,
    size: float = DEFAULT_CELL_SIZE,
    kind: str = "square",
    origin: tuple[float, float] | None = None,
) -> tuple[list[PublicCell], np.ndarray]:
    """Every occupied cell (centre, count, outline) and the index of each point's cell."""
    lon = np.asarray(longitudes, dtype=np.float64)
    lat = np.asarray(latitudes, dtype=np.float64)
    if lon.size == 0:
        return [], np.empty(0, dtype=np.int64)
    projection = _projection(grid_origin(origin, size), lon, lat)
    cells = aggregate_lonlat(lon, lat, size, kind=kind, projection=projection)
    centres = cells.centres_lonlat()
    vertices = cells.vertices_lonlat()
    out = [
        PublicCell(
            latitude=round(float(centres[index, 1]), 5),
            longitude=round(float(centres[index, 0]), 5),
            count=int(cells.counts[index]),
            mean=None,
            polygon=_ring(vertices[index]),
        )
        for index in range(len(cells))
    ]
    return out, cells.point_cell


def public_cells(
    longitudes: Sequence[float],
    latitudes: Sequence[float],
    *,
    size: float = DEFAULT_CELL_SIZE,
    kind: str = "square",
    origin: tuple[float, float] | None = None,
    values: Sequence[float | None] | None = None,
    min_count: int = 5,
) -> list[PublicCell]:
    """Points snapped to cell centres; cells with fewer than ``min_count`` points omitted.

    ``values`` (optional, ``None`` allowed) are averaged per cell over the points having one.
    """
    cells, point_cell = grid_cells(longitudes, latitudes, size=size, kind=kind, origin=origin)
    sums: dict[int, list[float]] = {}
    if values is not None:
        for cell, value in zip(point_cell.tolist(), values, strict=True):
            if value is not None:
                sums.setdefault(cell, []).append(float(value))
    out = []
    for index, cell in enumerate(cells):
        if cell.count < min_count:
            continue
        found = sums.get(index)
        mean = sum(found) / len(found) if found else None
        out.append(replace(cell, mean=mean))
    return out


#: Each cell size has its own grid, shifted from the city centre by these fractions of the
#: size (east, north), so grids of different sizes never nest: no large cell is an exact
#: union of smaller ones, and counts cannot be subtracted between sizes.
GRID_SHIFT = (0.381966, 0.618034)


def grid_origin(origin: tuple[float, float] | None, size: float):
    """The fixed origin of the grid of ``size`` for a city centred on ``origin``."""
    if origin is None:
        return None
    lon, lat = origin
    dx, dy = GRID_SHIFT[0] * size, GRID_SHIFT[1] * size
    return (lon + dx / (111_320.0 * math.cos(math.radians(lat))), lat + dy / 110_540.0)


def neighbour_threshold(kind: str, size: float) -> float:
    """Distance band that links each cell to the cells touching it (queen / 6 hexagons)."""
    return (size * math.sqrt(2) if kind == "square" else size * math.sqrt(3)) * 1.01


def hotspots(
    longitudes: Sequence[float],
    latitudes: Sequence[float],
    values: Sequence[float] | None = None,
    *,
    size: float = DEFAULT_CELL_SIZE,
    kind: str = "square",
    origin: tuple[float, float] | None = None,
    permutations: int = 0,
    fdr: bool = True,
    seed: int = 1,
) -> HotspotResult:
    """Hot spots over a lattice of cells covering the points (empty cells included).

    Each point adds its value (1 when ``values`` is None) to its cell; neighbours are the
    cells touching a cell; the grid of each size is fixed (:func:`grid_origin`). Without
    ``permutations`` (the default) the exact window tests of :mod:`safercities.spatial.exact`
    decide: counts against equal areas (incidents), or the share of low-scoring spots among
    audited cells only (``values`` given), Benjamini–Hochberg q-values, classes at q ≤ 0.10,
    0.05, 0.01. With ``permutations`` Getis–Ord Gi* with conditional permutations (team
    exploration), with the Benjamini–Hochberg control when ``fdr``. Raises
    :class:`HotspotProblem` (a ValueError with a code) for too few points or a lattice
    larger than :data:`MAX_LATTICE_CELLS`.
    """
    lon = np.asarray(longitudes, dtype=np.float64)
    lat = np.asarray(latitudes, dtype=np.float64)
    if lon.size < 3:
        raise HotspotProblem("too_few_points", minimum=3)
    projection = _projection(grid_origin(origin, size), lon, lat)
    x, y = projection.forward(lon, lat)
    span = (float(np.ptp(x)) / size + 2) * (float(np.ptp(y)) / size + 2)
    if span > MAX_LATTICE_CELLS:
        raise HotspotProblem("too_many_cells", limit=MAX_LATTICE_CELLS)
    weights = None if values is None else np.asarray(values, dtype=np.float64)
    cells = aggregate_lonlat(
        lon, lat, size, weights, kind=kind, include_empty=True, projection=projection
    )
    y_values = cells.counts.astype(np.float64) if cells.sums is None else cells.sums
    if len(cells) < 3:
        raise HotspotProblem("too_few_cells", minimum=3)
    w = distance_band_weights(cells.centres, neighbour_threshold(kind, size))
    exact = None
    if permutations == 0:
        if values is None:
            exact = count_windows(cells.counts, w)
        else:
            exact = share_windows(cells.counts, np.rint(cells.sums).astype(np.int64), w)
        classes, p_values, z_values = exact.classes, exact.q, np.full(len(cells), np.nan)
    else:
        result = gi_star(
            y_values, w, permutations=permutations, seed=seed, fdr="bh" if fdr else None
        )
        classes, p_values, z_values = result.classes, result.p_class, result.z
    centres = cells.centres_lonlat()
    vertices = cells.vertices_lonlat()
    out = []
    for index in range(len(cells)):
        klass = int(classes[index])
        if cells.counts[index] == 0 and klass == 0:
            continue
        z = float(z_values[index])
        p = float(p_values[index])
        out.append(
            HotspotCell(
                latitude=round(float(centres[index, 1]), 5),
                longitude=round(float(centres[index, 0]), 5),
                count=int(cells.counts[index]),
                value=float(y_values[index]),
                z=None if math.isnan(z) else round(z, 3),
                p=None if math.isnan(p) else round(p, 4),
                hotspot_class=klass,
                polygon=_ring(vertices[index]),
                observed=None if exact is None else float(exact.observed[index]),
                expected=None if exact is None else round(float(exact.expected[index]), 2),
            )
        )
    return HotspotResult(
        kind=kind,
        size=float(size),
        permutations=int(permutations),
        fdr=bool(fdr) if exact is None else True,
        n_points=int(lon.size),
        n_cells=len(cells),
        cells=out,
        method="gi_star" if exact is None else "exact",
        reachable=(1, 2, 3) if exact is None else tuple(reachable_levels(exact)),
    )


def point_in_polygon(longitude: float, latitude: float, polygon: dict | None) -> bool:
    """Whether a point lies inside a GeoJSON Polygon (outer ring minus holes; ray casting)."""
    if not polygon or polygon.get("type") != "Polygon":
        return False
    rings = polygon.get("coordinates") or []
    if not rings or not _in_ring(longitude, latitude, rings[0]):
        return False
    return not any(_in_ring(longitude, latitude, hole) for hole in rings[1:])


def _in_ring(x: float, y: float, ring: Sequence[Sequence[float]]) -> bool:
    inside = False
    count = len(ring)
    j = count - 1
    for i in range(count):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside

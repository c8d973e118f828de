"""Aggregate points to square or hexagonal cells in metres.

Longitude/latitude are first projected with :class:`LocalProjection`, an
equirectangular projection around a reference point (spherical Earth).  At
city scale (tens of kilometres) its distance error is well below 1 %, which is
plenty for binning and for distance-band weights, and it needs no PROJ.

Square cells of side ``size`` are anchored at the projection origin: cell
``(i, j)`` covers ``[i*size, (i+1)*size) x [j*size, (j+1)*size)``.  Hexagons are
pointy-topped with circumradius (= edge length) ``size``, indexed by axial
coordinates ``(q, r)`` with centre ``(size*sqrt(3)*(q + r/2), 1.5*size*r)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = [
    "EARTH_RADIUS_M",
    "GridCells",
    "LocalProjection",
    "aggregate_hex",
    "aggregate_lonlat",
    "aggregate_square",
]

#: Mean Earth radius (IUGG), metres.
EARTH_RADIUS_M = 6_371_008.8
SQRT3 = math.sqrt(3.0)
MAX_CELLS = 50_000_000


@dataclass(frozen=True)
class LocalProjection:
    """Equirectangular projection centred on ``(lon0, lat0)``, output in metres."""

    lon0: float
    lat0: float

    @classmethod
    def around(cls, lon, lat) -> LocalProjection:
        """Projection centred on the middle of the points' bounding box."""
        lon, lat = _pair(lon, lat)
        if lon.size == 0:
            raise ValueError("no points")
        return cls(float((lon.min() + lon.max()) / 2), float((lat.min() + lat.max()) / 2))

    @property
    def _kx(self) -> float:
        return EARTH_RADIUS_M * math.radians(1.0) * math.cos(math.radians(self.lat0))

    def forward(self, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        lon, lat = _pair(lon, lat)
        dlon = (lon - self.lon0 + 180.0) % 360.0 - 180.0  # shortest way round
        return dlon * self._kx, (lat - self.lat0) * EARTH_RADIUS_M * math.radians(1.0)

    def inverse(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        x, y = _pair(x, y)
        return x / self._kx + self.lon0, y / (EARTH_RADIUS_M * math.radians(1.0)) + self.lat0


@dataclass(frozen=True)
class GridCells:
    """Cells holding at least one point (or all cells in range with ``include_empty``).

    ``cell_ids`` are ``(i, j)`` (square) or axial ``(q, r)`` (hex) integers,
    ``centres`` the cell centres in metres, ``counts`` the number of points,
    ``sums`` the sum of the point values (``None`` without values) and
    ``point_cell[k]`` the row of the cell holding input point ``k``.
    """

    kind: str
    size: float
    cell_ids: np.ndarray
    centres: np.ndarray
    counts: np.ndarray
    sums: np.ndarray | None
    point_cell: np.ndarray
    projection: LocalProjection | None = None

    def __len__(self) -> int:
        return int(self.counts.shape[0])

    @property
    def cell_area(self) -> float:
        """Area of one cell in square metres."""
        return self.size**2 if self.kind == "square" else 1.5 * SQRT3 * self.size**2

    def vertices(self) -> np.ndarray:
        """Polygon corners, shape ``(m, 4 or 6, 2)``, metres, counter-clockwise."""
        if self.kind == "square":
            h = self.size / 2
            offsets = np.array([[-h, -h], [h, -h], [h, h], [-h, h]])
        else:
            angles = np.radians(30.0 + 60.0 * np.arange(6))
            offsets = self.size * np.column_stack([np.cos(angles), np.sin(angles)])
        return self.centres[:, None, :] + offsets[None, :, :]

    def _require_projection(self) -> LocalProjection:
        if self.projection is None:
            raise ValueError("these cells were built from metric coordinates, not lon/lat")
        return self.projection

    def centres_lonlat(self) -> np.ndarray:
        lon, lat = self._require_projection().inverse(self.centres[:, 0], self.centres[:, 1])
        return np.column_stack([lon, lat])

    def vertices_lonlat(self) -> np.ndarray:
        v = self.vertices()
        lon, lat = self._require_projection().inverse(v[..., 0], v[..., 1])
        return np.stack([lon, lat], axis=-1)


def _pair(a, b) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"coordinate arrays differ in shape: {a.shape} vs {b.shape}")
    return a, b


def _inputs(x, y, size, values):
    x, y = _pair(x, y)
    if x.ndim != 1:
        raise ValueError("coordinates must be one-dimensional")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError("coordinates contain NaN or infinite values")
    size = float(size)
    if not size > 0:
        raise ValueError(f"cell size must be positive, got {size}")
    if values is not None:
        values = np.asarray(values, dtype=np.float64)
        if values.shape != x.shape:
            raise ValueError("values must have one entry per point")
    return x, y, size, values


def _hex_round(qf: np.ndarray, rf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    sf = -qf - rf
    q, r, s = np.rint(qf), np.rint(rf), np.rint(sf)
    dq, dr, ds = np.abs(q - qf), np.abs(r - rf), np.abs(s - sf)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    q = np.where(fix_q, -r - s, q)
    r = np.where(fix_r, -q - s, r)
    return q.astype(np.int64), r.astype(np.int64)


def _hex_centres(q: np.ndarray, r: np.ndarray, size: float) -> np.ndarray:
    return np.column_stack([size * SQRT3 * (q + r / 2.0), 1.5 * size * r])


def _check_cells(count: int) -> None:
    if count > MAX_CELLS:
        raise ValueError(f"{count} cells requested; use a larger cell size (limit {MAX_CELLS})")


def _all_square(a: np.ndarray, b: np.ndarray, size: float, _centres) -> tuple:
    _check_cells((int(a.max() - a.min()) + 1) * (int(b.max() - b.min()) + 1))
    aa, bb = np.meshgrid(np.arange(a.min(), a.max() + 1), np.arange(b.min(), b.max() + 1))
    return aa.ravel(), bb.ravel()


def _all_hex(q: np.ndarray, r: np.ndarray, size: float, centres: np.ndarray) -> tuple:
    """Every hexagon whose centre lies in the bounding box of the occupied centres."""
    rows = np.arange(r.min(), r.max() + 1)
    step = size * SQRT3
    eps = 1e-9
    lo = np.ceil(centres[:, 0].min() / step - rows / 2.0 - eps).astype(np.int64)
    hi = np.floor(centres[:, 0].max() / step - rows / 2.0 + eps).astype(np.int64)
    span = np.maximum(hi - lo + 1, 0)
    _check_cells(int(span.sum()))
    rr = np.repeat(rows, span)
    starts = np.repeat(np.cumsum(span) - span, span)
    qq = np.repeat(lo, span) + np.arange(rr.size) - starts
    return qq, rr


def _aggregate(kind, a, b, size, values, include_empty, projection) -> GridCells:
    centres_of = (
        (lambda i, j: np.column_stack([(i + 0.5) * size, (j + 0.5) * size]))
        if kind == "square"
        else (lambda i, j: _hex_centres(i, j, size))
    )
    if a.size == 0:
        none = np.empty(0, np.int64)
        sums = None if values is None else np.empty(0)
        return GridCells(
            kind, size, np.empty((0, 2), np.int64), np.empty((0, 2)), none, sums, none, projection
        )
    if include_empty:
        occupied = np.unique(np.column_stack([a, b]), axis=0)
        fill = _all_square if kind == "square" else _all_hex
        ca, cb = fill(occupied[:, 0], occupied[:, 1], size, centres_of(*occupied.T))
        ca, cb = np.concatenate([ca, a]), np.concatenate([cb, b])  # guard against rounding
    else:
        ca, cb = a, b
    amin, bmin = ca.min(), cb.min()
    span_b = int(cb.max() - bmin) + 1
    cell_keys = np.unique((ca - amin) * span_b + (cb - bmin))
    point_cell = np.searchsorted(cell_keys, (a - amin) * span_b + (b - bmin))
    ids = np.column_stack([cell_keys // span_b + amin, cell_keys % span_b + bmin])
    m = cell_keys.size
    return GridCells(
        kind=kind,
        size=size,
        cell_ids=ids,
        centres=centres_of(ids[:, 0], ids[:, 1]),
        counts=np.bincount(point_cell, minlength=m).astype(np.int64),
        sums=None if values is None else np.bincount(point_cell, weights=values, minlength=m),
        point_cell=point_cell.astype(np.int64),
        projection=projection,
    )


def aggregate_square(
    x, y, size: float, values=None, *, include_empty: bool = False, projection=None
) -> GridCells:
    """Bin metric coordinates into ``size`` x ``size`` squares."""
    x, y, size, values = _inputs(x, y, size, values)
    i = np.floor(x / size).astype(np.int64)
    j = np.floor(y / size).astype(np.int64)
    return _aggregate("square", i, j, size, values, include_empty, projection)


def aggregate_hex(
    x, y, size: float, values=None, *, include_empty: bool = False, projection=None
) -> GridCells:
    """Bin metric coordinates into pointy-top hexagons of circumradius ``size``."""
    x, y, size, values = _inputs(x, y, size, values)
    q, r = _hex_round((SQRT3 / 3.0 * x - y / 3.0) / size, (2.0 / 3.0 * y) / size)
    return _aggregate("hex", q, r, size, values, include_empty, projection)


def aggregate_lonlat(
    lon,
    lat,
    size_m: float,
    values=None,
    *,
    kind: str = "square",
    include_empty: bool = False,
    projection: LocalProjection | None = None,
) -> GridCells:
    """Project lon/lat (degrees, WGS84) locally and bin into ``size_m`` cells.

    Pass a fixed ``projection`` (e.g. the city centre) to keep cell boundaries
    stable between different subsets of points; by default the projection is
    centred on the points' bounding box.
    """
    lon, lat = _pair(lon, lat)
    if ((lat < -90) | (lat > 90)).any():
        raise ValueError("latitude outside [-90, 90]")
    projection = projection or LocalProjection.around(lon, lat)
    x, y = projection.forward(lon, lat)
    aggregate = {"square": aggregate_square, "hex": aggregate_hex}.get(kind)
    if aggregate is not None:
        return aggregate(x, y, size_m, values, include_empty=include_empty, projection=projection)
    raise ValueError(f"kind must be 'square' or 'hex', got {kind!r}")

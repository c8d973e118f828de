import math

import numpy as np
import pytest
from scipy.spatial import cKDTree

from safercities.spatial import (
    LocalProjection,
    aggregate_hex,
    aggregate_lonlat,
    aggregate_square,
)
from safercities.spatial.grid import EARTH_RADIUS_M


def test_square_known_example():
    x = [10, 90, 150, 199.9, -10, 20]
    y = [10, 50, 20, 99.9, 5, 250]
    cells = aggregate_square(x, y, 100, values=[1, 2, 3, 4, 5, 6])
    np.testing.assert_array_equal(cells.cell_ids, [[-1, 0], [0, 0], [0, 2], [1, 0]])
    np.testing.assert_array_equal(cells.centres, [[-50, 50], [50, 50], [50, 250], [150, 50]])
    np.testing.assert_array_equal(cells.counts, [1, 2, 1, 2])
    np.testing.assert_array_equal(cells.sums, [5, 3, 6, 7])
    np.testing.assert_array_equal(cells.point_cell, [1, 1, 3, 3, 0, 2])
    assert cells.cell_area == 10_000 and len(cells) == 4


def test_square_include_empty_fills_the_rectangle():
    cells = aggregate_square([10, 250], [10, 150], 100, include_empty=True)
    assert len(cells) == 6  # columns 0..2 x rows 0..1
    assert cells.counts.sum() == 2 and (cells.counts > 0).sum() == 2
    np.testing.assert_array_equal(cells.centres[cells.point_cell], [[50, 50], [250, 150]])


def test_square_vertices():
    cells = aggregate_square([10], [10], 100)
    np.testing.assert_array_equal(cells.vertices()[0], [[0, 0], [100, 0], [100, 100], [0, 100]])


def test_hex_cells_are_nearest_lattice_centres():
    rng = np.random.default_rng(2)
    x, y = rng.uniform(-1000, 1000, (2, 20_000))
    size = 75.0
    cells = aggregate_hex(x, y, size)
    lattice = np.array(
        [
            (size * math.sqrt(3) * (q + r / 2), 1.5 * size * r)
            for r in range(-12, 13)
            for q in range(-20, 21)
        ]
    )
    _, nearest = cKDTree(lattice).query(np.column_stack([x, y]))
    np.testing.assert_allclose(cells.centres[cells.point_cell], lattice[nearest], atol=1e-9)
    assert cells.counts.sum() == x.size
    np.testing.assert_allclose(cells.cell_area, 1.5 * math.sqrt(3) * size**2)


def test_hex_known_points_and_vertices():
    size = 10.0
    centre = (size * math.sqrt(3) * (2 + 1 / 2), 1.5 * size * 1)  # axial (2, 1)
    cells = aggregate_hex([centre[0], centre[0] + 8.0, 0.0], [centre[1], centre[1], 9.0], size)
    np.testing.assert_array_equal(cells.cell_ids, [[0, 0], [2, 1]])
    np.testing.assert_array_equal(cells.counts, [1, 2])
    verts = cells.vertices()[1]
    np.testing.assert_allclose(np.hypot(*(verts - centre).T), size)


def test_hex_include_empty_and_touching_neighbours():
    rng = np.random.default_rng(3)
    x, y = rng.uniform(0, 2000, (2, 500))
    cells = aggregate_hex(x, y, 100, include_empty=True)
    assert cells.counts.sum() == 500 and (cells.counts == 0).any()
    d, _ = cKDTree(cells.centres).query(cells.centres, k=2)
    np.testing.assert_allclose(d[:, 1], 100 * math.sqrt(3))
    assert len(np.unique(cells.cell_ids, axis=0)) == len(cells)


def test_local_projection_distances_and_round_trip():
    proj = LocalProjection(lon0=100.5, lat0=13.75)  # Bangkok
    x, y = proj.forward([100.5, 100.51, 100.5], [13.75, 13.75, 13.76])
    metres_per_degree = EARTH_RADIUS_M * math.pi / 180
    np.testing.assert_allclose(x, [0, 0.01 * metres_per_degree * math.cos(math.radians(13.75)), 0])
    np.testing.assert_allclose(y, [0, 0, 0.01 * metres_per_degree])
    lon, lat = proj.inverse(x, y)
    np.testing.assert_allclose(lon, [100.5, 100.51, 100.5])
    np.testing.assert_allclose(lat, [13.75, 13.75, 13.76])


def test_aggregate_lonlat():
    rng = np.random.default_rng(8)
    lon = 104.92 + rng.normal(0, 0.02, 3000)  # Phnom Penh
    lat = 11.56 + rng.normal(0, 0.02, 3000)
    for kind in ("square", "hex"):
        cells = aggregate_lonlat(lon, lat, 250, kind=kind, values=np.ones(3000))
        assert cells.counts.sum() == 3000
        np.testing.assert_array_equal(cells.sums, cells.counts)
        centres = cells.centres_lonlat()
        assert np.abs(centres[:, 0] - 104.92).max() < 0.2
        assert cells.vertices_lonlat().shape == (len(cells), 4 if kind == "square" else 6, 2)
    fixed = LocalProjection(104.9, 11.5)
    a = aggregate_lonlat(lon[:100], lat[:100], 250, projection=fixed)
    b = aggregate_lonlat(lon, lat, 250, projection=fixed)
    np.testing.assert_allclose(a.centres[a.point_cell], b.centres[b.point_cell[:100]])


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: aggregate_square([0], [0], 0), "positive"),
        (lambda: aggregate_square([0, 1], [0], 1), "shape"),
        (lambda: aggregate_hex([np.nan], [0], 1), "NaN"),
        (lambda: aggregate_square([0], [0], 1, values=[1, 2]), "one entry"),
        (lambda: aggregate_lonlat([0], [0], 1, kind="tri"), "kind"),
        (lambda: aggregate_lonlat([0], [95], 1), "latitude"),
        (lambda: aggregate_square([0, 1e9], [0, 1e9], 1, include_empty=True), "cells"),
        (lambda: aggregate_square([0], [0], 1).centres_lonlat(), "metric"),
    ],
)
def test_validation(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_empty_input():
    cells = aggregate_square([], [], 100, values=[])
    assert len(cells) == 0 and cells.sums.size == 0

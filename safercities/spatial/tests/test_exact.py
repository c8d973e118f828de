"""Exact window tests: valid for sparse counts, FDR controlled on random maps, find clusters."""

import numpy as np
import pytest
from scipy import stats

from safercities.spatial import aggregate_square, distance_band_weights
from safercities.spatial.exact import count_windows, reachable_levels, share_windows

SIZE = 250.0


def lattice(x, y, values=None):
    cells = aggregate_square(x, y, SIZE, values, include_empty=True)
    w = distance_band_weights(cells.centres, SIZE * 2**0.5 * 1.01)
    return cells, w


def random_map(rng, n=300, extent=3000.0):
    return rng.uniform(0, extent, n), rng.uniform(0, extent, n)


def test_random_incident_maps_have_a_false_hot_spot_no_more_often_than_q():
    rng = np.random.default_rng(7)
    runs, any_hot = 300, 0
    for _ in range(runs):
        x, y = random_map(rng)
        cells, w = lattice(x, y)
        result = count_windows(cells.counts, w)
        any_hot += bool((result.classes > 0).any())
    share = any_hot / runs
    # q = 0.10; allow the Monte Carlo error of 300 maps (about 1.7 points)
    assert share <= 0.10 + 2 * (0.1 * 0.9 / runs) ** 0.5


def test_random_audit_maps_have_a_false_hot_or_cold_spot_no_more_often_than_q():
    rng = np.random.default_rng(8)
    runs, flagged = 200, 0
    for _ in range(runs):
        x, y = random_map(rng, 400)
        low = (rng.random(400) < 0.3).astype(float)
        cells, w = lattice(x, y, low)
        result = share_windows(cells.counts, cells.sums.astype(int), w)
        flagged += bool((result.classes != 0).any())
    assert flagged / runs <= 0.10 + 2 * (0.1 * 0.9 / runs) ** 0.5


def test_the_count_p_value_is_the_binomial_tail():
    counts = np.array([5, 0, 0, 1, 0, 0])
    # a line of six cells, each linked to its neighbours
    w = np.zeros((6, 6))
    for i in range(5):
        w[i, i + 1] = w[i + 1, i] = 1
    result = count_windows(counts, w)
    assert result.observed[0] == 5  # cell 0 and 1
    assert result.p[0] == pytest.approx(stats.binom.sf(4, 6, 2 / 6))
    assert result.expected[0] == pytest.approx(2.0)


def test_exposure_turns_counts_into_rates():
    counts = np.array([10, 10, 1, 1])
    w = np.zeros((4, 4))
    equal = count_windows(counts, w)
    assert equal.p[0] < 0.05
    crowded = count_windows(counts, w, exposure=[10, 10, 1, 1])
    assert crowded.p[0] > 0.3  # as many reports as people would give


def test_a_dense_cluster_of_reports_is_a_hot_spot_at_q_001():
    rng = np.random.default_rng(3)
    x, y = random_map(rng, 150)
    x = np.r_[x, rng.normal(1500, 60, 60)]
    y = np.r_[y, rng.normal(1500, 60, 60)]
    cells, w = lattice(x, y)
    result = count_windows(cells.counts, w)
    hot = cells.centres[result.classes == 3]
    assert len(hot) and np.all(np.hypot(hot[:, 0] - 1500, hot[:, 1] - 1500) < 600)
    assert reachable_levels(result) == [1, 2, 3]


def test_a_handful_of_reports_cannot_make_a_hot_spot_and_no_class_is_offered():
    x = np.array([10.0, 20.0, 700.0])
    y = np.array([10.0, 30.0, 700.0])
    cells, w = lattice(x, y)
    result = count_windows(cells.counts, w)
    assert not (result.classes > 0).any()
    assert reachable_levels(result) == []


def test_unaudited_cells_are_not_tested_and_do_not_count_as_well_scoring():
    trials = np.array([10, 10, 0, 0, 10, 10])
    low = np.array([9, 8, 0, 0, 1, 2])
    w = np.zeros((6, 6))
    for i in range(5):
        w[i, i + 1] = w[i + 1, i] = 1
    result = share_windows(trials, low, w)
    assert not result.tested[2] and result.classes[2] == 0 and result.q[2] == 1
    assert result.observed[0] == 17 and result.expected[0] == pytest.approx(20 * 0.5)

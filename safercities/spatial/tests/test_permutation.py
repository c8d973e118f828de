import itertools

import esda
import libpysal
import numpy as np
import pytest
from libpysal.graph import Graph

from safercities.spatial import distance_band_weights, gi_star, knn_weights
from safercities.spatial.permutation import (
    _compact_values,
    _floyd_subsets,
    _rejection_subsets,
    _Workspace,
    conditional_counts,
)

from ._data import ESDA_POINTS, ESDA_THRESHOLD, ESDA_Y


def draw_subsets(sampler, pool, c, size, seed=7):
    ws = _Workspace(size, size * c, np.dtype(np.float64))
    ws.shape_columns(c, size)
    sampler(np.random.default_rng(seed), pool, c, ws, size)
    return ws.cols.T.copy()


@pytest.mark.parametrize("sampler", [_floyd_subsets, _rejection_subsets])
def test_subset_samplers_are_uniform_and_without_replacement(sampler):
    pool, c, size = 6, 3, 60_000
    cols = draw_subsets(sampler, pool, c, size)
    assert cols.min() >= 0 and cols.max() < pool
    srt = np.sort(cols, axis=1)
    assert (srt[:, 1:] != srt[:, :-1]).all()
    subsets = list(itertools.combinations(range(pool), c))
    keys = (srt * np.array([pool**2, pool, 1])).sum(axis=1)
    counts = np.unique(keys, return_counts=True)[1]
    assert counts.size == len(subsets)
    expected = size / len(subsets)
    chi2 = ((counts - expected) ** 2 / expected).sum()
    assert chi2 < 45  # 19 degrees of freedom, P(chi2 > 45) ~ 7e-4


def test_floyd_handles_full_pool():
    cols = draw_subsets(_floyd_subsets, 5, 5, 100)
    np.testing.assert_array_equal(np.sort(cols, axis=1), np.tile(np.arange(5), (100, 1)))


def test_neighbours_never_include_the_focal_value():
    # Only the focal value is non-zero: any draw including it would show up.
    x = np.zeros(30)
    x[4] = 1.0
    w = knn_weights(np.random.default_rng(1).random((30, 2)), 29)  # everyone else
    counts = conditional_counts(x, w, 50, seed=3)
    assert counts.mean[4] == 0 and counts.std[4] == 0
    # every other row's neighbours include row 4, whose value is then always drawn
    np.testing.assert_allclose(np.delete(counts.mean, 4), 1.0)


def test_deterministic_with_seed_and_thread_count(random_points):
    coords, y = random_points
    w = distance_band_weights(coords, 50.0)
    a = gi_star(y, w, permutations=99, seed=42, n_jobs=1)
    b = gi_star(y, w, permutations=99, seed=42, n_jobs=2)
    c = gi_star(y, w, permutations=99, seed=43, n_jobs=2)
    np.testing.assert_array_equal(a.p_sim, b.p_sim)
    np.testing.assert_array_equal(a.z_sim, b.z_sim)
    assert not np.array_equal(a.p_sim, c.p_sim)
    np.testing.assert_array_equal(a.z, c.z)  # analytic part unaffected


@pytest.mark.parametrize("permutations", [9, 99, 999])
def test_p_sim_bounds(random_points, permutations):
    coords, y = random_points
    result = gi_star(y, knn_weights(coords, 8), permutations=permutations, seed=1)
    lowest = 1 / (permutations + 1)
    assert result.p_sim.min() >= lowest and result.p_sim.max() <= 1.0
    # folded (esda "directed") p-values can never exceed ~1/2
    assert result.p_sim.max() <= (permutations // 2 + 1) / (permutations + 1)
    grid = result.p_sim * (permutations + 1)
    np.testing.assert_allclose(grid, np.rint(grid))
    assert result.p_sim_two_sided.min() >= 2 * lowest
    assert result.p_sim_two_sided.max() <= 1.0
    assert (result.p_sim_two_sided >= result.p_sim).all()


def test_islands_are_never_significant():
    coords = np.array([[0, 0], [1, 0], [0, 1], [1, 1], [50, 50]], dtype=float)
    result = gi_star(
        [1.0, 2.0, 3.0, 4.0, 100.0], distance_band_weights(coords, 1.5), permutations=99
    )
    assert result.p_sim[4] == 1.0 and result.p_sim_two_sided[4] == 1.0
    assert result.classes[4] == 0


def test_ties_do_not_create_spurious_hot_spots():
    # Mostly zero counts: a zero cell among zeros ties with nearly every draw.
    rng = np.random.default_rng(5)
    coords = rng.random((400, 2))
    y = np.zeros(400)
    y[rng.choice(400, 8, replace=False)] = 1
    result = gi_star(y, knn_weights(coords, 4), permutations=199, seed=2)
    quiet = (y == 0) & (knn_weights(coords, 4) @ y == 0)
    assert quiet.any()
    assert (result.p_sim_two_sided[quiet] == 1.0).all()
    assert (result.classes[quiet] == 0).all()


def test_permutation_classes_use_pseudo_p(random_points):
    coords, y = random_points
    result = gi_star(y, knn_weights(coords, 8), permutations=999, seed=9)
    hot = result.classes > 0
    cold = result.classes < 0
    assert hot.any() and cold.any()
    assert (result.p_sim_two_sided[hot | cold] <= 0.10).all()
    assert (result.z_sim[hot] > 0).all() and (result.z_sim[cold] < 0).all()
    # permutation and analytic inference broadly agree on this clustered surface
    assert np.corrcoef(result.z, result.z_sim)[0, 1] > 0.98


def test_p_sim_close_to_esda_on_esda_example():
    permutations = 20_000
    w = libpysal.weights.DistanceBand(ESDA_POINTS, threshold=ESDA_THRESHOLD)
    ref = esda.G_Local(
        ESDA_Y, w, transform="B", star=True, permutations=permutations, seed=10, n_jobs=1
    )
    result = gi_star(
        ESDA_Y,
        distance_band_weights(ESDA_POINTS, ESDA_THRESHOLD),
        permutations=permutations,
        seed=10,
    )
    np.testing.assert_allclose(result.p_sim, ref.p_sim, atol=0.02)
    # Exact reference for this tiny example: enumerate every neighbour subset.
    w_hub = distance_band_weights(ESDA_POINTS, ESDA_THRESHOLD)
    for i in range(len(ESDA_Y)):
        neigh = w_hub.indices[w_hub.indptr[i] : w_hub.indptr[i + 1]]
        others = np.delete(ESDA_Y, i)
        sums = np.array([sum(s) for s in itertools.combinations(others, neigh.size)])
        observed = ESDA_Y[neigh].sum()
        share_ge = np.mean(sums >= observed - 1e-12)
        exact = min(share_ge, 1 - share_ge)
        assert abs(result.p_sim[i] - exact) < 0.01, i
    np.testing.assert_allclose(result.z_sim, ref.z_sim, atol=0.1)
    assert abs(ref.p_sim[0] - 0.102) < 0.015  # esda's documented value


def test_p_sim_close_to_esda_on_random_data():
    rng = np.random.default_rng(11)
    coords = rng.random((120, 2))
    y = rng.lognormal(size=120)
    permutations = 4999
    ref = esda.G_Local(
        y,
        Graph.build_knn(coords, k=6),
        transform="B",
        star=True,
        permutations=permutations,
        seed=3,
        n_jobs=1,
    )
    result = gi_star(y, knn_weights(coords, 6), permutations=permutations, seed=3)
    diff = np.abs(result.p_sim - ref.p_sim)
    assert diff.max() < 0.04
    assert diff.mean() < 0.01
    np.testing.assert_allclose(result.z_sim, ref.z_sim, rtol=0.15, atol=0.1)


@pytest.mark.parametrize(
    ("scale", "dtype"),
    [(1, np.uint8), (100, np.int16), (10_000, np.int32), (0.5, np.float32), (1 / 3, np.float64)],
)
def test_value_compaction_is_exact(scale, dtype):
    y = np.random.default_rng(0).poisson(3, 500) * scale
    xs = _compact_values(y)
    assert xs.dtype == dtype
    np.testing.assert_array_equal(xs.astype(np.float64), y)


def test_compaction_does_not_change_counts(random_points):
    coords, y = random_points
    w = knn_weights(coords, 8)
    base = conditional_counts(y, w, 99, seed=5)
    for scale in (1000.0, 0.25):  # int32 and float32 storage, order preserving and exact
        scaled = conditional_counts(y * scale, w, 99, seed=5)
        np.testing.assert_array_equal(scaled.n_ge, base.n_ge)
        np.testing.assert_array_equal(scaled.n_le, base.n_le)
        np.testing.assert_allclose(scaled.mean, base.mean * scale)


@pytest.mark.parametrize("k", [8, 40])  # Floyd and (c > 32) rejection sampling
def test_simulated_sums_have_the_right_moments(k):
    rng = np.random.default_rng(8)
    n, permutations = 3000, 400
    coords = rng.random((n, 2))
    y = rng.gamma(2.0, size=n)
    counts = conditional_counts(y, knn_weights(coords, k), permutations, seed=1)
    others_mean = (y.sum() - y) / (n - 1)
    others_var = ((y**2).sum() - y**2) / (n - 1) - others_mean**2
    fpc = (n - 1 - k) / (n - 2)  # finite population correction, without replacement
    sd = np.sqrt(k * others_var * fpc)
    z_mean = (counts.mean - k * others_mean) / (sd / np.sqrt(permutations))
    assert np.abs(z_mean).max() < 5
    assert abs(z_mean.mean()) < 0.1
    np.testing.assert_allclose(np.median(counts.std / sd), 1, atol=0.02)

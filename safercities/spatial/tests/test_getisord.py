import warnings

import esda
import libpysal
import numpy as np
import pytest
from libpysal.graph import Graph
from scipy import sparse, stats

from safercities.spatial import (
    CLASS_LABELS,
    classify,
    distance_band_weights,
    gi_star,
    knn_weights,
)

from ._data import ESDA_POINTS, ESDA_THRESHOLD, ESDA_Y

TOL = 1e-9


def esda_gi_star(y, w):
    return esda.G_Local(y, w, transform="B", star=True, permutations=0)


def test_esda_docstring_example_hard_coded():
    result = gi_star(ESDA_Y, distance_band_weights(ESDA_POINTS, ESDA_THRESHOLD))
    expected = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331]
    np.testing.assert_allclose(result.z, expected, atol=1e-8)


@pytest.mark.parametrize("kind", ["W", "Graph"])
def test_matches_esda_on_esda_example(kind):
    w = libpysal.weights.DistanceBand(ESDA_POINTS, threshold=ESDA_THRESHOLD)
    if kind == "Graph":
        w = Graph.from_W(w)
    ref = esda_gi_star(ESDA_Y, w)
    result = gi_star(ESDA_Y, distance_band_weights(ESDA_POINTS, ESDA_THRESHOLD))
    np.testing.assert_allclose(result.z, ref.Zs, rtol=0, atol=TOL)
    np.testing.assert_allclose(result.gi, ref.Gs, rtol=0, atol=TOL)
    np.testing.assert_allclose(result.expected, ref.EGs, rtol=0, atol=TOL)
    np.testing.assert_allclose(result.p, ref.p_norm, rtol=0, atol=TOL)
    # esda adds the self-weight: W_i = neighbours + 1
    np.testing.assert_array_equal(result.cardinality, np.asarray(ref.w.sparse.sum(axis=1)).ravel())


def test_matches_esda_on_random_knn(random_points):
    coords, y = random_points
    ref = esda_gi_star(y, Graph.build_knn(coords, k=8))
    result = gi_star(y, knn_weights(coords, k=8))
    np.testing.assert_allclose(result.z, ref.Zs, rtol=0, atol=TOL)
    np.testing.assert_allclose(result.p, ref.p_norm, rtol=0, atol=TOL)
    np.testing.assert_allclose(result.gi, ref.Gs, rtol=0, atol=TOL)
    assert (result.cardinality == 9).all()


def test_matches_esda_on_random_distance_band(random_points):
    coords, y = random_points
    threshold = 60.0  # ~22 neighbours on average, no islands
    ref = esda_gi_star(y, libpysal.weights.DistanceBand(coords, threshold=threshold))
    w = distance_band_weights(coords, threshold)
    assert np.diff(w.indptr).min() > 0
    assert np.ptp(np.diff(w.indptr)) > 10  # genuinely variable cardinalities
    result = gi_star(y, w)
    np.testing.assert_allclose(result.z, ref.Zs, rtol=0, atol=TOL)
    np.testing.assert_allclose(result.p, ref.p_norm, rtol=0, atol=TOL)
    np.testing.assert_allclose(result.gi, ref.Gs, rtol=0, atol=TOL)


def test_continuous_values_match_esda(random_points):
    coords, _ = random_points
    y = np.random.default_rng(3).lognormal(size=coords.shape[0])
    ref = esda_gi_star(y, Graph.build_knn(coords, k=5))
    np.testing.assert_allclose(gi_star(y, knn_weights(coords, 5)).z, ref.Zs, rtol=0, atol=TOL)


def test_closed_form_z_formula(random_points):
    coords, y = random_points
    w = distance_band_weights(coords, 45.0)
    dense = w.toarray() + np.eye(len(y))
    n = len(y)
    wi = dense.sum(axis=1)
    z = (dense @ y - y.mean() * wi) / (
        y.std() * np.sqrt((n * (dense**2).sum(axis=1) - wi**2) / (n - 1))
    )
    result = gi_star(y, w)
    np.testing.assert_allclose(result.z, z, rtol=0, atol=TOL)
    np.testing.assert_allclose(result.p_two_sided, 2 * stats.norm.sf(np.abs(z)), atol=TOL)


def test_weights_are_binarised_and_diagonal_replaced(random_points):
    coords, y = random_points
    w = knn_weights(coords, 6)
    base = gi_star(y, w)
    messy = sparse.csr_array(w * 3.5 + sparse.eye_array(len(y)) * 7.0)
    np.testing.assert_allclose(gi_star(y, messy).z, base.z, rtol=0, atol=TOL)
    np.testing.assert_allclose(gi_star(y, w.toarray()).z, base.z, rtol=0, atol=TOL)
    graph = Graph.build_knn(coords, k=6)  # libpysal objects work through .sparse
    np.testing.assert_allclose(gi_star(y, graph).z, base.z, rtol=0, atol=TOL)
    assert w.nnz == len(y) * 6  # input left untouched


def test_constant_values_give_nan_without_warnings():
    coords = np.random.default_rng(0).random((50, 2))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = gi_star(np.full(50, 4.0), knn_weights(coords, 4), permutations=19, seed=1)
    assert np.isnan(result.z).all()
    assert (result.classes == 0).all()
    np.testing.assert_allclose(result.gi, 5 / 50)


def test_row_linked_to_everyone_gives_nan():
    y = np.array([1.0, 2.0, 3.0, 4.0])
    w = np.zeros((4, 4))
    w[0, 1:] = 1  # W_0 = n -> zero variance
    w[1, 2] = 1
    result = gi_star(y, w)
    assert np.isnan(result.z[0]) and np.isfinite(result.z[1:]).all()
    assert result.classes[0] == 0


def test_classes_follow_two_sided_confidence_levels():
    z = np.array([3.0, 2.0, 1.7, 1.0, -1.7, -2.0, -3.0, np.nan])
    p = 2 * stats.norm.sf(np.abs(z))
    np.testing.assert_array_equal(classify(z, p), [3, 2, 1, 0, -1, -2, -3, 0])
    assert set(CLASS_LABELS) == set(range(-3, 4))


def test_result_classes_analytic_and_fdr(random_points):
    coords, y = random_points
    w = knn_weights(coords, 8)
    plain = gi_star(y, w)
    np.testing.assert_array_equal(plain.classes, classify(plain.z, plain.p_two_sided))
    assert (plain.classes[plain.z > 2.58] == 3).all()
    assert (plain.classes[np.abs(plain.z) < 1.64] == 0).all()
    assert (plain.classes > 0).any() and (plain.classes < 0).any()
    controlled = gi_star(y, w, fdr="bh")
    q = stats.false_discovery_control(plain.p_two_sided, method="bh")
    np.testing.assert_allclose(controlled.p_class, q)
    np.testing.assert_array_equal(controlled.classes, classify(plain.z, q))
    assert (np.abs(controlled.classes) <= np.abs(plain.classes)).all()
    assert gi_star(y, w, fdr=True).fdr == "bh"
    assert len(plain.labels()) == len(y)


@pytest.mark.parametrize(
    ("values", "weights", "kwargs", "match"),
    [
        ([1.0, np.nan, 2.0], np.ones((3, 3)), {}, "NaN"),
        ([1.0, 2.0], np.ones((2, 2)), {}, "at least 3"),
        ([1.0, 2.0, 3.0], np.ones((4, 4)), {}, "3 values"),
        ([1.0, 2.0, 3.0], np.ones((3, 3)), {"fdr": "holm"}, "fdr"),
        ([1.0, 2.0, 3.0], np.ones((3, 3)), {"permutations": -1}, "permutations"),
    ],
)
def test_input_validation(values, weights, kwargs, match):
    with pytest.raises(ValueError, match=match):
        gi_star(values, weights, **kwargs)

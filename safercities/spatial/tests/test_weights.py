import libpysal
import numpy as np
import pytest
from libpysal.graph import Graph
from scipy import sparse

from safercities.spatial import as_neighbour_matrix, distance_band_weights, knn_weights


def _rows(mat):
    return [set(mat.indices[mat.indptr[i] : mat.indptr[i + 1]]) for i in range(mat.shape[0])]


@pytest.fixture
def coords():
    return np.random.default_rng(4).random((800, 2)) * 100


@pytest.mark.parametrize("k", [1, 4, 8])
def test_knn_matches_libpysal(coords, k):
    w = knn_weights(coords, k)
    assert isinstance(w, sparse.csr_array) and w.has_sorted_indices
    assert (w.data == 1).all() and (w.diagonal() == 0).all()
    assert (np.diff(w.indptr) == k).all()
    ref = Graph.build_knn(coords, k=k).sparse
    assert _rows(w) == _rows(sparse.csr_array(ref))


def test_distance_band_matches_libpysal(coords):
    w = distance_band_weights(coords, 7.5)
    assert (w.data == 1).all() and (w.diagonal() == 0).all()
    assert (w != w.T).nnz == 0
    ref = libpysal.weights.DistanceBand(coords, threshold=7.5, silence_warnings=True).sparse
    assert _rows(w) == _rows(sparse.csr_array(ref))
    brute = np.hypot(*(coords[:, None, :] - coords[None, :, :]).transpose(2, 0, 1)) <= 7.5
    np.fill_diagonal(brute, False)
    np.testing.assert_array_equal(w.toarray() == 1, brute)


def test_distance_band_islands_and_coincident_points():
    pts = np.array([[0, 0], [0, 0], [1, 0], [10, 10]], dtype=float)
    w = distance_band_weights(pts, 1.0)  # boundary distance included
    assert _rows(w) == [{1, 2}, {0, 2}, {0, 1}, set()]


def test_knn_with_coincident_points_excludes_self():
    pts = np.array([[0, 0]] * 4 + [[5, 5], [6, 6]], dtype=float)
    w = knn_weights(pts, 2)
    for i, row in enumerate(_rows(w)):
        assert i not in row and len(row) == 2
    assert _rows(w)[0] <= {1, 2, 3}


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: knn_weights(np.zeros((3, 2)), 3), "k must be"),
        (lambda: knn_weights(np.zeros((3, 3)), 1), "shape"),
        (lambda: distance_band_weights([[0, 0], [np.nan, 1]], 1), "NaN"),
        (lambda: distance_band_weights([[0, 0], [1, 1]], 0), "positive"),
        (lambda: as_neighbour_matrix(np.ones((2, 3))), "square"),
    ],
)
def test_validation(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_as_neighbour_matrix_normalises_without_mutating():
    raw = sparse.csr_array(np.array([[2.0, 0.5, 0], [0, 0, 3.0], [0, 0, 0]]))
    raw_copy = raw.copy()
    out = as_neighbour_matrix(raw)
    np.testing.assert_array_equal(out.toarray(), [[0, 1, 0], [0, 0, 1], [0, 0, 0]])
    assert (raw != raw_copy).nnz == 0
    clean = knn_weights(np.random.default_rng(0).random((10, 2)), 3)
    np.testing.assert_array_equal(as_neighbour_matrix(clean).toarray(), clean.toarray())

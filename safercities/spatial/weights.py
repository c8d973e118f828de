"""Sparse binary spatial weights built with :class:`scipy.spatial.cKDTree`.

Both builders return an ``n x n`` :class:`scipy.sparse.csr_array` of ones with
sorted column indices and **no self-neighbours** (an empty diagonal), which is
the convention of libpysal's ``W``/``Graph``.  :func:`~.getisord.gi_star` adds
the self-weight required by the *star* statistic itself, exactly as
``esda.G_Local(star=True, transform="B")`` does, so the same matrix can be
reused for Gi (without star) style analyses elsewhere.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.spatial import cKDTree

__all__ = [
    "as_neighbour_matrix",
    "cardinalities",
    "distance_band_weights",
    "knn_weights",
]


def _coords(coords) -> np.ndarray:
    xy = np.asarray(coords, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ValueError(f"coords must have shape (n, 2), got {xy.shape}")
    if not np.isfinite(xy).all():
        raise ValueError("coords contain NaN or infinite values")
    return xy


def _tree(xy: np.ndarray) -> cKDTree:
    # Unbalanced, non-compacted trees build ~2x faster and query as fast.
    return cKDTree(xy, balanced_tree=False, compact_nodes=False)


def _csr_from_rows(
    indptr: np.ndarray, indices: np.ndarray, n: int, *, sort: bool = True
) -> sparse.csr_array:
    index_dtype = np.int32 if max(n, indices.size) < np.iinfo(np.int32).max else np.int64
    data = np.ones(indices.size, dtype=np.float64)
    mat = sparse.csr_array(
        (data, indices.astype(index_dtype, copy=False), indptr.astype(index_dtype, copy=False)),
        shape=(n, n),
    )
    if sort:
        mat.sort_indices()
    else:
        mat.has_sorted_indices = True
    return mat


def knn_weights(coords, k: int = 8, *, workers: int = -1) -> sparse.csr_array:
    """Binary k-nearest-neighbour weights (row ``i`` holds the ``k`` nearest others).

    The focal point itself is never its own neighbour, also when several points
    share the same location (then ``k`` of the coincident points are used).
    Distance ties are broken by the KD-tree, as in libpysal.  The result is
    generally asymmetric.
    """
    xy = _coords(coords)
    n = xy.shape[0]
    k = int(k)
    if not 1 <= k < n:
        raise ValueError(f"k must be in [1, n - 1] = [1, {n - 1}], got {k}")
    tree = _tree(xy)
    # Query in the tree's leaf order (cache friendly, ~2x faster), then restore.
    order = tree.indices
    _, leaf_idx = tree.query(xy[order], k=k + 1, workers=workers)
    idx = np.empty_like(leaf_idx)
    idx[order] = leaf_idx
    focal = np.arange(n)
    if (idx[:, 0] == focal).all():  # usual case: each point is its own nearest
        neighbours = idx[:, 1:]
    else:
        is_self = idx == focal[:, None]
        # Coincident points may push the focal point out of the k + 1 results: then
        # drop the farthest candidate instead, so every row keeps exactly k neighbours.
        is_self[~is_self.any(axis=1), -1] = True
        neighbours = idx[~is_self].reshape(n, k)
    neighbours = np.sort(neighbours, axis=1)
    indptr = np.arange(0, n * k + 1, k, dtype=np.int64)
    return _csr_from_rows(indptr, neighbours.ravel(), n, sort=False)


def distance_band_weights(coords, threshold: float) -> sparse.csr_array:
    """Binary distance-band weights: ``w_ij = 1`` iff ``0 <= d_ij <= threshold``, ``i != j``.

    Symmetric.  Unlike libpysal (whose sparse distance matrix drops zero
    distances), coincident points *are* neighbours of each other.  Points with
    no neighbour within ``threshold`` (islands) get an empty row.
    """
    xy = _coords(coords)
    n = xy.shape[0]
    threshold = float(threshold)
    if not threshold > 0:
        raise ValueError(f"threshold must be positive, got {threshold}")
    pairs = _tree(xy).query_pairs(threshold, output_type="ndarray").astype(np.int64)
    # One sort of row-major keys gives both the row order and sorted columns.
    keys = np.concatenate([pairs[:, 0] * n + pairs[:, 1], pairs[:, 1] * n + pairs[:, 0]])
    keys.sort()
    rows, cols = np.divmod(keys, n)
    counts = np.bincount(rows, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return _csr_from_rows(indptr, cols, n, sort=False)


def as_neighbour_matrix(weights, n: int | None = None) -> sparse.csr_array:
    """Normalise any sparse/dense weights to a binary CSR matrix without diagonal.

    Every non-zero off-diagonal entry becomes 1 (esda's ``transform="B"``); the
    diagonal is dropped (Gi* re-adds a self-weight of 1 itself).  libpysal ``W``
    and ``Graph`` objects are accepted through their ``.sparse`` matrix.
    """
    if not sparse.issparse(weights) and hasattr(weights, "sparse"):
        weights = weights.sparse
    if sparse.issparse(weights):
        mat = sparse.csr_array(weights)
    else:
        mat = sparse.csr_array(np.asarray(weights, dtype=np.float64))
    if mat.shape[0] != mat.shape[1]:
        raise ValueError(f"weights must be square, got shape {mat.shape}")
    if n is not None and mat.shape[0] != n:
        raise ValueError(f"weights are {mat.shape[0]} x {mat.shape[1]} but there are {n} values")
    size = mat.shape[0]
    if not mat.has_canonical_format:
        mat = mat.copy()  # never modify the caller's matrix in place
        mat.sum_duplicates()
    rows = np.repeat(np.arange(size), np.diff(mat.indptr))
    keep = (mat.data != 0) & (mat.indices != rows)
    if keep.all() and (mat.data == 1).all():
        return mat
    counts = np.bincount(rows[keep], minlength=size)
    indptr = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return _csr_from_rows(indptr, mat.indices[keep], size)


def cardinalities(weights) -> np.ndarray:
    """Number of stored neighbours per row of a CSR matrix."""
    return np.diff(sparse.csr_array(weights).indptr)

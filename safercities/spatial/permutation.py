"""Vectorised conditional randomisation for local statistics on binary weights.

For every observation ``i`` with ``c_i`` neighbours the value ``x_i`` stays
fixed while its neighbours are replaced, ``permutations`` times, by a random
``c_i``-subset of the other ``n - 1`` values (sampling without replacement, as
esda's ``crand``).  Because the weights are binary only the *sum* of the drawn
values matters, so each draw is a uniformly random subset.

Rows are grouped by cardinality and processed in chunks of ``rows x
permutations x c`` random indices, so there is no per-observation Python loop
and no per-observation copy of the data.  Chunks run in a thread pool (numpy
releases the GIL in the heavy kernels) and every chunk has its own random
stream derived from ``SeedSequence(seed)``, so results are reproducible and
independent of the number of threads.
"""

from __future__ import annotations

import math
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from scipy import sparse

__all__ = ["PermutationCounts", "conditional_counts"]

#: Random indices drawn per chunk (bounds the temporary memory per thread).
CHUNK_ELEMENTS = 1 << 19
#: Up to this cardinality Floyd's subset sampler (O(c^2) comparisons) is used.
FLOYD_MAX_CARDINALITY = 32


@dataclass(frozen=True)
class PermutationCounts:
    """Per-observation summary of the simulated neighbour sums.

    ``observed`` is the observed neighbour sum (self excluded); ``n_ge`` and
    ``n_le`` count draws with a simulated sum ``>=`` / ``<=`` the observed one;
    ``mean`` and ``std`` (population) describe the simulated sums.
    """

    permutations: int
    observed: np.ndarray
    n_ge: np.ndarray
    n_le: np.ndarray
    mean: np.ndarray
    std: np.ndarray


class _Workspace:
    """Per-thread scratch buffers, reused across chunks (no page-faulting temporaries)."""

    def __init__(self, size: int, elements: int, value_dtype: np.dtype):
        self._cols = np.empty(elements, dtype=np.int64)
        self.cols = self._cols[:0].reshape(0, 0)
        self.focal = np.empty(size, dtype=np.int64)
        self.flag = np.empty(size, dtype=bool)
        self.flag2 = np.empty(size, dtype=bool)
        self.vals = np.empty(size, dtype=value_dtype)
        self.sims = np.empty(size, dtype=np.float64)
        self.dev = np.empty(size, dtype=np.float64)

    def shape_columns(self, c: int, size: int) -> None:
        self.cols = self._cols[: c * size].reshape(c, size)


def _floyd_subsets(rng: np.random.Generator, pool: int, c: int, ws: _Workspace, size: int) -> None:
    """Fill ``ws.cols[:c, :size]`` with ``size`` uniform ``c``-subsets of ``range(pool)``.

    Floyd's algorithm, vectorised over rows: exact for any ``c <= pool`` and
    without a rejection loop.  Row ``r`` of the columns is one subset.
    """
    dup, tmp = ws.flag[:size], ws.flag2[:size]
    for t in range(c):
        top = pool - c + t
        col = ws.cols[t, :size]
        col[...] = rng.integers(0, top + 1, size=size)
        if t:
            np.equal(col, ws.cols[0, :size], out=dup)
            for prev in range(1, t):
                np.equal(col, ws.cols[prev, :size], out=tmp)
                np.logical_or(dup, tmp, out=dup)
            np.putmask(col, dup, top)


def _rejection_subsets(
    rng: np.random.Generator, pool: int, c: int, ws: _Workspace, size: int
) -> None:
    """Uniform ordered samples without replacement by whole-row rejection.

    Only used for large ``c`` when duplicates are rare (large pool), where it is
    cheaper than Floyd's quadratic number of comparisons.
    """
    draws = rng.integers(0, pool, size=(size, c))
    pending = np.arange(size)
    while pending.size:
        srt = np.sort(draws[pending], axis=1)
        bad = pending[(srt[:, 1:] == srt[:, :-1]).any(axis=1)]
        if bad.size:
            draws[bad] = rng.integers(0, pool, size=(bad.size, c))
        pending = bad
    ws.cols[:c, :size] = draws.T


def _use_floyd(pool: int, c: int) -> bool:
    if c <= FLOYD_MAX_CARDINALITY:
        return True
    # Probability that c draws with replacement are all distinct.
    log_accept = sum(math.log1p(-t / pool) for t in range(1, c))
    return log_accept < math.log(0.5)


def _compact_values(x: np.ndarray) -> np.ndarray:
    """``x`` in the narrowest dtype that holds it exactly (smaller gathers, fewer misses)."""
    if x.size and np.array_equal(x, np.rint(x)):
        lo, hi = x.min(), x.max()
        for dtype in (np.uint8, np.int16, np.int32):
            info = np.iinfo(dtype)
            if info.min <= lo and hi <= info.max:
                return x.astype(dtype)
    as32 = x.astype(np.float32)
    return as32 if np.array_equal(as32, x) else x


def _simulate_chunk(task, ws: _Workspace, xs, observed, permutations):
    rows, c, seed_seq = task
    rng = np.random.Generator(np.random.PCG64(seed_seq))
    n = xs.shape[0]
    m = rows.size
    size = m * permutations
    ws.shape_columns(c, size)
    sampler = _floyd_subsets if _use_floyd(n - 1, c) else _rejection_subsets
    sampler(rng, n - 1, c, ws, size)
    focal = ws.focal[:size]
    focal.reshape(m, permutations)[...] = rows[:, None]
    flag, vals, sims = ws.flag[:size], ws.vals[:size], ws.sims[:size]
    sims.fill(0.0)
    for t in range(c):
        col = ws.cols[t, :size]
        # map range(n - 1) onto the indices other than the focal one
        np.greater_equal(col, focal, out=flag)
        np.add(col, flag, out=col, casting="unsafe")
        np.take(xs, col, out=vals, mode="clip")
        np.add(sims, vals, out=sims)
    sims = sims.reshape(m, permutations)
    obs = observed[rows][:, None]
    flags = flag.reshape(m, permutations)
    n_ge = np.count_nonzero(np.greater_equal(sims, obs, out=flags), axis=1)
    n_le = np.count_nonzero(np.less_equal(sims, obs, out=flags), axis=1)
    mean = sims.mean(axis=1)
    dev = ws.dev[:size].reshape(m, permutations)
    np.subtract(sims, mean[:, None], out=dev)
    np.square(dev, out=dev)
    return rows, n_ge, n_le, mean, np.sqrt(dev.mean(axis=1))


def _tasks(card: np.ndarray, permutations: int, seed, chunk_elements: int):
    order = np.argsort(card, kind="stable")
    sorted_card = card[order]
    starts = np.flatnonzero(np.r_[True, sorted_card[1:] != sorted_card[:-1]])
    ends = np.r_[starts[1:], card.size]
    specs = []
    for start, end in zip(starts, ends, strict=True):
        c = int(sorted_card[start])
        if c == 0:
            continue
        step = max(1, chunk_elements // (permutations * c))
        specs.extend((order[s : min(s + step, end)], c) for s in range(start, end, step))
    if not isinstance(seed, np.random.SeedSequence):
        seed = np.random.SeedSequence(seed)
    seeds = seed.spawn(len(specs))
    return [(rows, c, sq) for (rows, c), sq in zip(specs, seeds, strict=True)]


def conditional_counts(
    x: np.ndarray,
    neighbours: sparse.csr_array,
    permutations: int,
    *,
    seed: int | np.random.SeedSequence | None = None,
    n_jobs: int | None = None,
    chunk_elements: int = CHUNK_ELEMENTS,
) -> PermutationCounts:
    """Conditional permutation of neighbour sums for a binary, diagonal-free CSR matrix.

    ``x`` is a float array of length ``n``; ``neighbours`` must hold ones only
    and no diagonal (see :func:`~.weights.as_neighbour_matrix`).  Rows without
    neighbours get ``n_ge == n_le == permutations`` (every draw ties).
    """
    x = np.ascontiguousarray(x, dtype=np.float64)
    n = x.shape[0]
    permutations = int(permutations)
    if permutations < 1:
        raise ValueError("permutations must be >= 1")
    card = np.diff(neighbours.indptr).astype(np.int64)
    if card.size and card.max() > n - 1:
        raise ValueError("a row has more neighbours than there are other observations")
    observed = neighbours @ x
    n_ge = np.full(n, permutations, dtype=np.int64)
    n_le = np.full(n, permutations, dtype=np.int64)
    mean = observed.copy()
    std = np.zeros(n)
    tasks = _tasks(card, permutations, seed, chunk_elements)
    if n_jobs is None or n_jobs < 1:
        n_jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    n_jobs = max(1, min(n_jobs, len(tasks)))

    xs = _compact_values(x)
    size = max((rows.size * permutations for rows, _, _ in tasks), default=0)
    elements = max((rows.size * permutations * c for rows, c, _ in tasks), default=0)
    local = threading.local()

    def run(task):
        ws = getattr(local, "ws", None)
        if ws is None:
            ws = local.ws = _Workspace(size, elements, xs.dtype)
        return _simulate_chunk(task, ws, xs, observed, permutations)

    if n_jobs == 1:
        results = [run(task) for task in tasks]
    else:
        with ThreadPoolExecutor(max_workers=n_jobs) as pool:
            results = list(pool.map(run, tasks))
    for rows, ge, le, mu, sd in results:
        n_ge[rows], n_le[rows], mean[rows], std[rows] = ge, le, mu, sd
    return PermutationCounts(permutations, observed, n_ge, n_le, mean, std)

"""Exact local cluster tests for sparse counts, with the false discovery rate controlled.

Gi* with analytic z-scores assumes a normal distribution that sparse counts do not have (a
cell with 2 incidents among empty neighbours gets z = 4), and permutation p-values cannot go
below ``1 / (P + 1)``, too coarse for Benjamini–Hochberg over hundreds of cells. The tests
here are exact and conditional on the total, so any number of cells can be tested:

* **counts** (incident reports): each window (a cell and the cells touching it) holds
  ``X_i`` of the ``T`` points. With exposures ``e`` (population, street length; equal areas
  when none is known), under the null of no clustering ``X_i ~ Binomial(T, π_i)`` with
  ``π_i = Σ_window e / Σ e``. The p-value of a hot spot is ``P(X >= x)``.
* **shares** (low-scoring audited spots): among audited cells only, a window holds ``n_i``
  audits of which ``k_i`` are low-scoring. Under the null that low scores fall anywhere
  among the audits, ``K_i`` is hypergeometric (``N`` audits, ``K`` low, ``n_i`` drawn);
  hot ``P(K >= k)``, cold ``P(K <= k)``; the two-sided p-value is twice the smaller.

Benjamini–Hochberg over every tested cell gives q-values; a cell is hot at q ≤ 0.10, 0.05 or
0.01 (classes 1–3). Under the global null every discovery is false, so the chance of a map
with *any* hot spot is at most q (the tests check it by simulation). :func:`reachable_levels`
says which q levels a map could reach at all, so no unreachable class is offered.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy import stats as sps

from .fdr import fdr_adjust
from .weights import as_neighbour_matrix

__all__ = ["Q_LEVELS", "ExactResult", "count_windows", "reachable_levels", "share_windows"]

#: q thresholds of the classes 1, 2, 3.
Q_LEVELS = ((1, 0.10), (2, 0.05), (3, 0.01))


@dataclass(frozen=True)
class ExactResult:
    observed: np.ndarray  # per tested cell: points (or low-scoring audits) in its window
    expected: np.ndarray  # the same under the null
    p: np.ndarray  # p-value (one-sided hot for counts, two-sided for shares)
    q: np.ndarray  # Benjamini–Hochberg q-value
    classes: np.ndarray  # -3..3 (cold only for shares)
    tested: np.ndarray  # bool: which cells were tested
    p_min: np.ndarray  # the smallest p-value each tested cell could have had


def _window(weights, n: int) -> sparse.csr_array:
    neighbours = as_neighbour_matrix(weights, n)
    return (neighbours + sparse.eye_array(n, format="csr")).tocsr()


def _classes(direction: np.ndarray, q: np.ndarray) -> np.ndarray:
    level = np.zeros(q.shape, dtype=np.int8)
    for cls, alpha in sorted(Q_LEVELS, key=lambda item: -item[1]):
        level[q <= alpha] = cls
    return (np.sign(direction).astype(np.int8) * level).astype(np.int8)


def count_windows(counts, weights, exposure=None) -> ExactResult:
    """Hot spots of counts per cell, against ``exposure`` (equal when ``None``)."""
    counts = np.asarray(counts, dtype=np.int64)
    n = counts.shape[0]
    exposure = np.ones(n) if exposure is None else np.asarray(exposure, dtype=np.float64)
    if exposure.shape != (n,) or np.any(exposure < 0) or exposure.sum() <= 0:
        raise ValueError("exposure must be one non-negative number per cell, not all zero")
    window = _window(weights, n)
    observed = window @ counts
    share = np.clip((window @ exposure) / exposure.sum(), 0.0, 1.0)
    total = int(counts.sum())
    tested = exposure > 0
    p = np.where(tested, sps.binom.sf(observed - 1, total, share), 1.0)
    p_min = np.where(tested, share**total, 1.0)  # all points in the window
    q = np.ones(n)
    q[tested] = fdr_adjust(p[tested], "bh")
    expected = total * share
    classes = _classes(np.where(observed > expected, 1.0, 0.0), q)
    return ExactResult(observed.astype(float), expected, p, q, classes, tested, p_min)


def share_windows(trials, successes, weights) -> ExactResult:
    """Hot (and cold) spots of a share among audited cells only (``trials`` > 0)."""
    trials = np.asarray(trials, dtype=np.int64)
    successes = np.asarray(successes, dtype=np.int64)
    n = trials.shape[0]
    if np.any(successes > trials) or np.any(successes < 0):
        raise ValueError("successes must be between 0 and the trials of each cell")
    tested = trials > 0
    window = _window(weights, n)
    # only audited cells take part: unaudited ones add nothing to a window
    big_n, big_k = int(trials.sum()), int(successes.sum())
    drawn = window @ trials
    observed = window @ successes
    hot = sps.hypergeom.sf(observed - 1, big_n, big_k, drawn)
    cold = sps.hypergeom.cdf(observed, big_n, big_k, drawn)
    p = np.where(tested, np.minimum(1.0, 2 * np.minimum(hot, cold)), 1.0)
    extreme = np.minimum(
        sps.hypergeom.pmf(np.minimum(drawn, big_k), big_n, big_k, drawn),
        sps.hypergeom.pmf(np.maximum(0, drawn - (big_n - big_k)), big_n, big_k, drawn),
    )
    p_min = np.where(tested, np.minimum(1.0, 2 * extreme), 1.0)
    q = np.ones(n)
    q[tested] = fdr_adjust(p[tested], "bh")
    expected = drawn * (big_k / big_n if big_n else 0.0)
    direction = np.sign(observed - expected)
    classes = np.where(tested, _classes(direction, q), 0).astype(np.int8)
    return ExactResult(observed.astype(float), expected, p, q, classes, tested, p_min)


def reachable_levels(result: ExactResult) -> list[int]:
    """Classes (1–3) that some cell could have reached with these data.

    The best q a cell can get is when it alone is extreme: ``m * p_min`` over the ``m``
    cells tested (Benjamini–Hochberg with one discovery).
    """
    m = int(result.tested.sum())
    if m == 0:
        return []
    best = float(np.min(result.p_min[result.tested])) * m
    return [cls for cls, alpha in Q_LEVELS if best <= alpha]

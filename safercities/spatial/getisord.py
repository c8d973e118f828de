"""Local Getis–Ord Gi* hot-spot statistic with analytic and permutation inference.

Matches ``esda.G_Local(y, w, transform="B", star=True)``:

* the weights are made binary and every observation is its own neighbour with
  weight 1 (esda fills the diagonal with 1 for ``star=True``), so the row sum
  is ``W_i = c_i + 1`` where ``c_i`` is the number of (other) neighbours;
* ``G_i* = sum_j w_ij x_j / sum_j x_j`` with ``j = i`` included;
* ``z_i = (sum_j w_ij x_j - xbar W_i) / (S sqrt((n W_i - W_i^2) / (n - 1)))``
  with ``xbar`` the mean and ``S`` the population standard deviation
  (``ddof=0``) of all ``n`` values — esda's ``E[G] = W_i / n`` and
  ``V[G] = W_i (n - W_i) / (n - 1) / n^2 * S^2 / xbar^2`` rearranged;
* ``p = norm.sf(|z|)`` (one-tailed, esda's ``p_norm``);
* conditional permutations keep ``x_i`` and draw the neighbours from the other
  ``n - 1`` values without replacement; ``p_sim`` uses esda's folding
  ``(min(larger, P - larger) + 1) / (P + 1)`` with ``larger = #(sim >= obs)``.

``S`` is computed with a two-pass variance (esda uses ``E[x^2] - E[x]^2``);
the difference is at rounding level for ordinary data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from .fdr import fdr_adjust
from .permutation import conditional_counts
from .weights import as_neighbour_matrix

__all__ = ["CLASS_LABELS", "CONFIDENCE_LEVELS", "GiStarResult", "classify", "gi_star"]

#: ``(class, two-sided alpha)`` from the strictest level down (ArcGIS ``Gi_Bin`` style).
CONFIDENCE_LEVELS: tuple[tuple[int, float], ...] = ((3, 0.01), (2, 0.05), (1, 0.10))

CLASS_LABELS: dict[int, str] = {
    3: "Hot spot, 99% confidence",
    2: "Hot spot, 95% confidence",
    1: "Hot spot, 90% confidence",
    0: "Not significant",
    -1: "Cold spot, 90% confidence",
    -2: "Cold spot, 95% confidence",
    -3: "Cold spot, 99% confidence",
}


@dataclass(frozen=True)
class GiStarResult:
    """Per-observation Gi* output (arrays of length ``n``).

    ``gi``, ``expected``, ``z``, ``p``, ``p_sim``, ``z_sim`` and ``p_z_sim``
    correspond to esda's ``Gs``, ``EGs``, ``Zs``, ``p_norm``, ``p_sim``,
    ``z_sim`` and ``p_z_sim``.  ``cardinality`` is ``W_i`` (self included).
    ``p_sim_two_sided`` is ``min(1, 2 (min(#sim >= obs, #sim <= obs) + 1) /
    (P + 1))``, which, unlike esda's folded ``p_sim``, is not fooled by ties
    (e.g. a zero count among zero counts).  ``p_class`` is the two-sided
    p-value behind ``classes`` (permutation-based when ``permutations > 0``,
    FDR-adjusted when ``fdr`` is set); ``classes`` holds -3..3 (see
    :data:`CLASS_LABELS`).  Undefined statistics (constant values, a row
    linked to every observation) are NaN and class 0.
    """

    gi: np.ndarray
    expected: np.ndarray
    z: np.ndarray
    p: np.ndarray
    p_two_sided: np.ndarray
    cardinality: np.ndarray
    classes: np.ndarray
    p_class: np.ndarray
    permutations: int = 0
    fdr: str | None = None
    p_sim: np.ndarray | None = None
    p_sim_two_sided: np.ndarray | None = None
    z_sim: np.ndarray | None = None
    p_z_sim: np.ndarray | None = None

    @property
    def n(self) -> int:
        return int(self.z.shape[0])

    def labels(self) -> list[str]:
        """Human-readable class label per observation."""
        return [CLASS_LABELS[int(c)] for c in self.classes]


def classify(direction, p, levels=CONFIDENCE_LEVELS) -> np.ndarray:
    """Hot (+) / cold (-) class 1..3 by confidence level, 0 if not significant.

    ``direction`` > 0 means high values (hot), < 0 low values (cold); ``p`` is
    a two-sided p-value (NaN counts as not significant).  Thresholds are
    inclusive: ``p <= 0.01`` is 99 % confidence, ``p <= 0.05`` 95 %, ``p <=
    0.10`` 90 %.
    """
    sign = np.sign(np.nan_to_num(np.asarray(direction, dtype=np.float64))).astype(np.int8)
    p = np.nan_to_num(np.asarray(p, dtype=np.float64), nan=1.0)
    level = np.zeros(p.shape, dtype=np.int8)
    for cls, alpha in sorted(levels, key=lambda item: -item[1]):
        level[p <= alpha] = cls
    return sign * level


def _values(values) -> np.ndarray:
    x = np.asarray(values, dtype=np.float64)
    if x.ndim == 2 and 1 in x.shape:
        x = x.ravel()
    if x.ndim != 1:
        raise ValueError(f"values must be one-dimensional, got shape {x.shape}")
    if x.shape[0] < 3:
        raise ValueError("Gi* needs at least 3 observations")
    if not np.isfinite(x).all():
        raise ValueError("values contain NaN or infinite entries")
    return x


def _fdr_method(fdr) -> str | None:
    if fdr is None or fdr is False:
        return None
    if fdr is True:
        return "bh"
    method = str(fdr).lower()
    if method not in ("bh", "by"):
        raise ValueError(f"fdr must be None, True, 'bh' or 'by', got {fdr!r}")
    return method


def _one_tailed(z: np.ndarray) -> np.ndarray:
    return special.ndtr(-np.abs(z))  # == scipy.stats.norm.sf(abs(z)), NaN-preserving


def gi_star(
    values,
    weights,
    *,
    permutations: int = 0,
    seed: int | np.random.SeedSequence | None = None,
    fdr: str | bool | None = None,
    n_jobs: int | None = None,
) -> GiStarResult:
    """Getis–Ord Gi* for ``values`` under binary ``weights``.

    ``weights`` is any ``n x n`` sparse (or dense) matrix, e.g. from
    :func:`~.weights.knn_weights` or :func:`~.weights.distance_band_weights`
    (or a libpysal ``W``/``Graph``); non-zero entries count as 1 and the
    self-weight is set to 1.
    ``permutations > 0`` adds conditional permutation inference (reproducible
    with ``seed``; ``n_jobs`` threads, default all available cores) and bases
    the classes on it.  ``fdr`` (``"bh"``/``True`` or ``"by"``) controls the
    false discovery rate of the classes.
    """
    x = _values(values)
    method = _fdr_method(fdr)
    permutations = int(permutations)
    if permutations < 0:
        raise ValueError("permutations must be >= 0")
    n = x.shape[0]
    neighbours = as_neighbour_matrix(weights, n)
    card = np.diff(neighbours.indptr).astype(np.float64)
    w_row = card + 1.0
    lag = neighbours @ x + x
    total = x.sum()
    mean = total / n
    std = float(np.sqrt(np.mean((x - mean) ** 2)))

    with np.errstate(divide="ignore", invalid="ignore"):
        gi = lag / total if total != 0 else np.full(n, np.nan)
        expected = w_row / n
        spread = std * np.sqrt(w_row * (n - w_row) / (n - 1))
        z = np.where(spread > 0, (lag - mean * w_row) / spread, np.nan)
    p = _one_tailed(z)
    p_two = np.minimum(1.0, 2.0 * p)
    extra: dict[str, np.ndarray] = {}
    if permutations:
        sims = conditional_counts(x, neighbours, permutations, seed=seed, n_jobs=n_jobs)
        larger = np.minimum(sims.n_ge, permutations - sims.n_ge)
        p_sim = (larger + 1.0) / (permutations + 1.0)
        p_sim_two = np.minimum(
            1.0, 2.0 * (np.minimum(sims.n_ge, sims.n_le) + 1.0) / (permutations + 1.0)
        )
        islands = card == 0
        p_sim[islands] = 1.0  # nothing to permute: no evidence either way
        p_sim_two[islands] = 1.0
        with np.errstate(divide="ignore", invalid="ignore"):
            z_sim = np.where(sims.std > 0, (sims.observed - sims.mean) / sims.std, np.nan)
        extra = {
            "p_sim": p_sim,
            "p_sim_two_sided": p_sim_two,
            "z_sim": z_sim,
            "p_z_sim": _one_tailed(z_sim),
        }
        direction = (sims.n_le - sims.n_ge).astype(np.float64)
        p_class = p_sim_two
    else:
        direction = z
        p_class = p_two
    if method is not None:
        p_class = fdr_adjust(p_class, method)

    return GiStarResult(
        gi=gi,
        expected=expected,
        z=z,
        p=p,
        p_two_sided=p_two,
        cardinality=w_row,
        classes=classify(direction, p_class),
        p_class=p_class,
        permutations=permutations,
        fdr=method,
        **extra,
    )

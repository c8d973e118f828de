"""Design-based estimates for complex surveys: Taylor linearisation. Pure numpy/scipy.

A victimization survey is rarely a simple random sample: households are drawn in clusters
(primary sampling units, PSUs: villages, blocks, enumeration areas) within strata (e.g.
informal and formal settlements), and carry weights. Treating such a sample as simple random
gives intervals that are too narrow. :class:`SampleDesign` holds a survey's design once and
estimates proportions for the whole sample or for a domain (a group such as women, or
informal settlements) and differences between two domains:

* **Point estimate**: the weighted ratio ``p = sum(w y) / sum(w)`` over the domain.
* **Variance** (method ``"taylor"``): Taylor linearisation with the with-replacement
  approximation for first-stage sampling. Each respondent's score is
  ``z_i = w_i d_i (y_i - p) / sum(w d)`` (``d_i`` = 1 in the domain, 0 outside, so every PSU
  stays in the variance as domain estimation requires); scores are summed per PSU and
  ``var = sum_h f_h n_h / (n_h - 1) sum_j (z_hj - mean_h z)^2`` over strata ``h`` with
  ``n_h`` PSUs, ``f_h = 1 - n_h / N_h`` when the population count of PSUs ``N_h`` is given
  (finite population correction) and 1 otherwise. A stratum with a single PSU is centred on
  the mean PSU total of the whole sample instead (the "adjust" rule of R's ``survey``).
  Without PSUs each respondent is its own PSU; without strata the sample is one stratum.
* **Interval**: the logit-transformed interval with Student's t on ``#PSU - #strata``
  degrees of freedom (as Stata's ``svy: proportion`` and samplics); for an estimate of exactly
  0 or 1 (where the logit is undefined) a Wilson interval on the unweighted count.
* **Design effect** ``deff = var / (p (1 - p) / n)`` and **effective sample size**
  ``n / deff``; an estimate is **unreliable** when the effective size is below
  :data:`MIN_EFFECTIVE_N` or its interval is wider than :data:`MAX_INTERVAL_WIDTH`.
* **Differences** ``p1 - p2`` between two domains use the score ``z1 - z2`` (so the
  covariance between the domains is included), ``d ± t se``, and a two-sided p-value.

Method ``"srs"`` (only when the assessment declares a simple random sample): Wilson score
intervals on Kish's effective sample size ``sum(w)^2 / sum(w^2)`` and Newcombe's hybrid
score interval for differences, as in :mod:`safercities.stats.survey`.

Several "clear gap" claims on one page are a multiple comparison: :func:`holm` adjusts their
p-values (Holm's step-down method, family-wise error at the nominal level).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats as sps

__all__ = [
    "MAX_INTERVAL_WIDTH",
    "METHODS",
    "MIN_EFFECTIVE_N",
    "DesignDifference",
    "DesignEstimate",
    "SampleDesign",
    "holm",
]

#: An estimate with fewer effective respondents than this is flagged unreliable.
MIN_EFFECTIVE_N = 30
#: An estimate whose interval is wider than this (20 percentage points) is flagged unreliable.
MAX_INTERVAL_WIDTH = 0.20
METHODS = ("taylor", "srs")


@dataclass(frozen=True)
class DesignEstimate:
    """A proportion, its standard error and interval, and how much to trust it.

    ``n`` is the unweighted number of respondents in the domain, ``deff`` the design effect
    (``None`` when it cannot be computed: an estimate of exactly 0 or 1), ``n_eff`` the
    effective sample size, ``df`` the degrees of freedom of the interval (``None`` for the
    normal-based SRS intervals).
    """

    value: float | None
    se: float | None
    low: float | None
    high: float | None
    n: int
    n_eff: float | None
    deff: float | None
    df: int | None
    numerator: float
    denominator: float
    method: str
    #: Unweighted count with the attribute, and Kish's effective size (for disclosure).
    positives: int = 0
    kish: float | None = None

    @property
    def unreliable(self) -> bool:
        if self.value is None:
            return False
        if self.n_eff is not None and self.n_eff < MIN_EFFECTIVE_N:
            return True
        return self.high - self.low > MAX_INTERVAL_WIDTH


@dataclass(frozen=True)
class DesignDifference:
    """``first - second`` with its interval and two-sided p-value (before any adjustment)."""

    difference: float
    se: float | None
    low: float
    high: float
    p_value: float


def _codes(values: Sequence[Hashable] | None, n: int) -> np.ndarray | None:
    if values is None:
        return None
    if len(values) != n:
        raise ValueError(f"expected {n} design values, got {len(values)}")
    if any(v is None or v == "" for v in values):
        raise ValueError("every respondent needs a value for each declared design column")
    lookup: dict = {}
    return np.fromiter((lookup.setdefault(v, len(lookup)) for v in values), np.int64, n)


def _z(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    return float(sps.norm.ppf(0.5 + confidence / 2))


def wilson(p: float, n: float, confidence: float) -> tuple[float, float]:
    z2 = _z(confidence) ** 2
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = math.sqrt(z2 * (p * (1 - p) / n + z2 / (4 * n * n))) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def _newcombe(a: DesignEstimate, b: DesignEstimate) -> tuple[float, float]:
    d = a.value - b.value
    return (
        d - math.hypot(a.value - a.low, b.high - b.value),
        d + math.hypot(a.high - a.value, b.value - b.low),
    )


class SampleDesign:
    """A survey's sampling design: weights, strata, PSUs, optional FPC, method.

    ``weights`` may be ``None`` (all 1); ``strata``/``psu`` are one hashable label per
    respondent or ``None``; ``population_psus`` maps a stratum label to the number of PSUs in
    the population of that stratum (``N_h``, for the finite population correction; with no
    strata, use the key ``None``). PSU labels need only be unique within their stratum.
    """

    def __init__(
        self,
        n: int,
        *,
        weights: Sequence[float] | None = None,
        strata: Sequence[Hashable] | None = None,
        psu: Sequence[Hashable] | None = None,
        population_psus: Mapping[Hashable, float] | None = None,
        method: str = "taylor",
        confidence: float = 0.95,
    ) -> None:
        if method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, got {method!r}")
        self.n = n
        self.method = method
        self.confidence = confidence
        self._zq = _z(confidence)
        w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
        if w.shape != (n,) or not np.all(np.isfinite(w)) or np.any(w < 0):
            raise ValueError("weights must be one finite number >= 0 per respondent")
        self.weights = w
        stratum_labels = list(strata) if strata is not None else None
        stratum = _codes(stratum_labels, n)
        if stratum is None:
            stratum = np.zeros(n, dtype=np.int64)
            stratum_labels = [None] * n
        if psu is not None:
            _codes(psu, n)  # checks every respondent has a PSU
            psu = [(s, p) for s, p in zip(stratum_labels, psu, strict=True)]
        psu_codes = _codes(psu, n)
        if psu_codes is None:
            psu_codes = np.arange(n, dtype=np.int64)
        self.stratum = stratum
        self.psu = psu_codes
        n_psu = int(psu_codes.max()) + 1 if n else 0
        # stratum of each PSU
        psu_stratum = np.zeros(n_psu, dtype=np.int64)
        psu_stratum[psu_codes] = stratum
        self._psu_stratum = psu_stratum
        n_strata = int(stratum.max()) + 1 if n else 0
        self._psus_per_stratum = np.bincount(psu_stratum, minlength=n_strata)
        self.n_psu = n_psu
        self.n_strata = n_strata
        self.df = max(1, n_psu - n_strata)
        factor = np.ones(n_strata)
        if population_psus:
            first_label: dict[int, Hashable] = {}
            for code, label in zip(stratum.tolist(), stratum_labels, strict=True):
                first_label.setdefault(code, label)
            for code, label in first_label.items():
                if label in population_psus:
                    total = float(population_psus[label])
                    sampled = self._psus_per_stratum[code]
                    if not total >= sampled:
                        raise ValueError(
                            f"population PSUs for stratum {label!r} ({total}) are fewer "
                            f"than the {sampled} sampled"
                        )
                    factor[code] = 1 - sampled / total
        self._fpc = factor
        self._tq = float(sps.t.ppf(0.5 + confidence / 2, self.df))

    # --- variance --------------------------------------------------------------------------

    def variance(self, scores: np.ndarray) -> float:
        """Taylor (with-replacement) variance of the total of ``scores`` (one per respondent)."""
        totals = np.bincount(self.psu, weights=scores, minlength=self.n_psu)
        n_h = self._psus_per_stratum
        sums = np.bincount(self._psu_stratum, weights=totals, minlength=self.n_strata)
        means = np.divide(sums, n_h, out=np.zeros_like(sums), where=n_h > 0)
        centre = means[self._psu_stratum]
        lonely = n_h[self._psu_stratum] == 1
        if lonely.any():
            centre = np.where(lonely, totals.mean(), centre)
        squares = np.bincount(
            self._psu_stratum, weights=(totals - centre) ** 2, minlength=self.n_strata
        )
        scale = np.where(n_h > 1, n_h / np.maximum(n_h - 1, 1), 1.0) * self._fpc
        return float(np.sum(scale * squares))

    def _scores(self, y: np.ndarray, mask: np.ndarray, value: float, total: float) -> np.ndarray:
        return np.where(mask, self.weights * (y - value) / total, 0.0)

    # --- estimates -------------------------------------------------------------------------

    def proportion(self, y: Sequence[float] | np.ndarray, mask=None) -> DesignEstimate:
        """Proportion of ``y == 1`` among respondents in ``mask`` whose ``y`` is not NaN.

        ``y`` holds 1, 0 or NaN (not asked / not answered: outside the domain).
        """
        y, mask = self._prepare(y, mask)
        return self._proportion(y, mask)

    def _prepare(self, y, mask) -> tuple[np.ndarray, np.ndarray]:
        y = np.asarray(y, dtype=float)
        if y.shape != (self.n,):
            raise ValueError(f"expected {self.n} outcomes, got {y.shape}")
        valid = ~np.isnan(y)
        if mask is not None:
            valid &= np.asarray(mask, dtype=bool)
        return np.where(valid, y, 0.0), valid

    def _proportion(self, y: np.ndarray, mask: np.ndarray) -> DesignEstimate:
        n = int(mask.sum())
        w = np.where(mask, self.weights, 0.0)
        denominator = float(w.sum())
        numerator = float((w * y).sum())
        if n == 0 or denominator <= 0:
            return DesignEstimate(None, None, None, None, n, None, None, None, numerator,
                                  denominator, self.method)  # fmt: skip
        p = min(1.0, numerator / denominator)
        positives = int(np.count_nonzero(mask & (y == 1)))
        kish = denominator**2 / float((w * w).sum())
        if self.method == "srs":
            low, high = wilson(p, kish, self.confidence)
            se = math.sqrt(p * (1 - p) / kish)
            deff = n / kish
            return DesignEstimate(p, se, low, high, n, kish, deff, None, numerator,
                                  denominator, "srs", positives, kish)  # fmt: skip
        var = self.variance(self._scores(y, mask, p, denominator))
        se = math.sqrt(max(var, 0.0))
        if 0 < p < 1 and se > 0:
            deff = var / (p * (1 - p) / n)
            n_eff = n / deff
            logit = math.log(p / (1 - p))
            half = self._tq * se / (p * (1 - p))
            low = 1 / (1 + math.exp(-(logit - half)))
            high = 1 / (1 + math.exp(-(logit + half)))
        else:
            deff = None
            n_eff = float(n)
            low, high = wilson(p, n, self.confidence)
        return DesignEstimate(p, se, low, high, n, n_eff, deff, self.df, numerator,
                              denominator, "taylor", positives, kish)  # fmt: skip

    def difference(
        self, y, first_mask, second_mask
    ) -> tuple[DesignEstimate, DesignEstimate, DesignDifference | None]:
        """Both domains' estimates and ``first - second`` (``None`` if either is empty)."""
        y1, m1 = self._prepare(y, first_mask)
        y2, m2 = self._prepare(y, second_mask)
        a = self._proportion(y1, m1)
        b = self._proportion(y2, m2)
        if a.value is None or b.value is None:
            return a, b, None
        d = a.value - b.value
        if self.method == "srs":
            low, high = _newcombe(a, b)
            return a, b, DesignDifference(d, None, low, high, self._newcombe_p(a, b))
        scores = self._scores(y1, m1, a.value, a.denominator) - self._scores(
            y2, m2, b.value, b.denominator
        )
        se = math.sqrt(max(self.variance(scores), 0.0))
        p_value = float(2 * sps.t.sf(abs(d) / se, self.df)) if se > 0 else float(d == 0)
        return a, b, DesignDifference(d, se, d - self._tq * se, d + self._tq * se, p_value)

    @staticmethod
    def _newcombe_p(a: DesignEstimate, b: DesignEstimate) -> float:
        """Two-sided p-value of Newcombe's interval: 1 - the largest level excluding 0."""
        if a.value == b.value:
            return 1.0

        def excludes(conf: float) -> bool:
            ea = _rescale(a, conf)
            eb = _rescale(b, conf)
            low, high = _newcombe(ea, eb)
            return low > 0 or high < 0

        lo, hi = 0.0, 1 - 1e-12
        if excludes(hi):
            return 1e-12
        for _ in range(60):
            mid = (lo + hi) / 2
            if excludes(mid):
                lo = mid
            else:
                hi = mid
        return 1 - lo


def _rescale(e: DesignEstimate, confidence: float) -> DesignEstimate:
    low, high = wilson(e.value, e.n_eff, confidence)
    return DesignEstimate(e.value, e.se, low, high, e.n, e.n_eff, e.deff, e.df, e.numerator,
                          e.denominator, e.method, e.positives, e.kish)  # fmt: skip


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values (same order as given)."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted

"""Estimates from a victimization survey in the style of the ICVS.

Respondents are plain records: dicts (e.g. ``QuerySet.values()`` rows) or
objects with attributes.  The fields read are:

* ``<crime>`` (e.g. ``"burglary"``): number of times (or a bool) the respondent
  was a victim of that crime in the last 12 months; ``None``/absent = not
  answered, and the respondent is left out of that estimate.
* ``<crime>_reported``: bool, whether the (last) incident was reported to the
  police; only read for victims.
* ``safety_after_dark``: answer to "How safe do you feel walking alone in your
  area after dark?", one of ``very_safe``, ``fairly_safe``, ``a_bit_unsafe``,
  ``very_unsafe``; any other answer (``never_goes_out``, ``dont_know``, ``None``)
  is left out.
* the grouping fields (``sex``, ``age_band``, ``settlement_type`` ...) and,
  optionally, a survey weight field.

Every estimate is a proportion with a 95 % **Wilson score interval**.  For
weighted estimates the proportion is ``sum(w*y) / sum(w)`` and the Wilson
interval is computed with Kish's effective sample size
``n_eff = sum(w)**2 / sum(w**2)`` in place of ``n`` (an approximation that
ignores stratification and clustering).  Estimates resting on fewer than
:data:`~safercities.stats.disclosure.MIN_CELL` respondents (unweighted) are
suppressed, see :mod:`safercities.stats.disclosure`.

An *estimator* is any callable ``estimator(respondents, min_cell=...) ->
Estimate``; :func:`prevalence`, :func:`reporting_rate` and :func:`fear_of_crime`
qualify once their other arguments are bound, e.g.
``functools.partial(prevalence, crime="robbery", weight="weight")``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist

from .disclosure import (
    MIN_CELL,
    SUPPRESSED_MARKER,
    cell_label,
    is_small,
    primary_suppressed,
    secondary_suppressed,
)

__all__ = [
    "CONFIDENCE",
    "DEFAULT_DIMENSIONS",
    "REPORTED_SUFFIX",
    "SAFE_ANSWERS",
    "SAFETY_AFTER_DARK_FIELD",
    "SETTLEMENT_FIELD",
    "UNSAFE_ANSWERS",
    "Disaggregation",
    "Estimate",
    "Gap",
    "GroupEstimate",
    "disaggregate",
    "fear_of_crime",
    "newcombe_interval",
    "prevalence",
    "reporting_rate",
    "settlement_gap",
    "wilson_interval",
]

CONFIDENCE = 0.95
REPORTED_SUFFIX = "_reported"
SAFETY_AFTER_DARK_FIELD = "safety_after_dark"
UNSAFE_ANSWERS = frozenset({"a_bit_unsafe", "very_unsafe"})
SAFE_ANSWERS = frozenset({"very_safe", "fairly_safe"})
DEFAULT_DIMENSIONS = ("sex", "age_band", "settlement_type")
SETTLEMENT_FIELD = "settlement_type"

Estimator = Callable[..., "Estimate"]


@dataclass(frozen=True)
class Estimate:
    """A proportion with its confidence interval.

    ``n`` is the unweighted number of respondents behind the estimate (its
    denominator), ``numerator``/``denominator`` the weighted counts (equal to
    the unweighted ones without weights).  When ``suppressed`` every number is
    ``None`` and ``n_label`` holds the marker to display ("<5", or "x" for a
    cell withheld only to protect a small neighbour); otherwise ``n_label == n``.
    """

    value: float | None
    low: float | None
    high: float | None
    n: int | None
    n_eff: float | None
    numerator: float | None
    denominator: float | None
    suppressed: bool
    n_label: int | str
    confidence: float = CONFIDENCE
    #: Design-based extras (:mod:`.survey_design`): standard error, design effect, method
    #: (``"taylor"`` or ``"srs"``) and whether the estimate is too imprecise to rely on.
    se: float | None = None
    deff: float | None = None
    method: str = "srs"
    unreliable: bool = False

    def withheld(self, marker: str) -> Estimate:
        """A suppressed copy of this estimate, showing ``marker`` instead of ``n``."""
        return Estimate(
            None, None, None, None, None, None, None, True, marker, self.confidence,
            method=self.method,
        )  # fmt: skip


@dataclass(frozen=True)
class GroupEstimate:
    """The estimate for one value (``group``) of one ``dimension``.

    ``suppression`` is ``None``, ``"primary"`` (fewer than ``min_cell``
    respondents) or ``"secondary"`` (withheld to protect a primary cell).
    """

    dimension: str
    group: Hashable
    estimate: Estimate
    suppression: str | None


@dataclass(frozen=True)
class Disaggregation:
    """The overall estimate and, per dimension, one :class:`GroupEstimate` per group."""

    overall: Estimate
    dimensions: dict[str, list[GroupEstimate]]


@dataclass(frozen=True)
class Gap:
    """Difference ``first - second`` between two groups' estimates, with its interval."""

    difference: float | None
    low: float | None
    high: float | None
    first_group: Hashable
    second_group: Hashable
    first: Estimate
    second: Estimate
    excludes_zero: bool
    suppressed: bool
    #: Two-sided p-value, and after adjustment for the other gaps shown with it (Holm);
    #: ``clear`` is what a "clear gap" badge may say: the adjusted p-value is below 5 %.
    p_value: float | None = None
    p_adjusted: float | None = None
    clear: bool = False


def _field(record, name: str):
    if isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


def _z(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson_interval(
    proportion: float, n: float, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """Wilson score interval ``(low, high)`` for ``proportion`` observed on ``n``.

    ``n`` may be fractional (an effective sample size).
    """
    if n <= 0:
        raise ValueError(f"n must be positive, got {n}")
    if not 0 <= proportion <= 1:
        raise ValueError(f"proportion must be in [0, 1], got {proportion}")
    z2 = _z(confidence) ** 2
    denom = 1 + z2 / n
    centre = (proportion + z2 / (2 * n)) / denom
    half = math.sqrt(z2 * (proportion * (1 - proportion) / n + z2 / (4 * n * n))) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe_interval(first: Estimate, second: Estimate) -> tuple[float, float]:
    """Newcombe's hybrid score interval for ``first.value - second.value``.

    Method 10 of Newcombe (1998, *Statistics in Medicine* 17:873-890): it
    combines the two Wilson intervals,
    ``low = d - sqrt((p1 - l1)**2 + (u2 - p2)**2)`` and
    ``high = d + sqrt((u1 - p1)**2 + (p2 - l2)**2)``.
    """
    p1, l1, u1 = first.value, first.low, first.high
    p2, l2, u2 = second.value, second.low, second.high
    d = p1 - p2
    return d - math.hypot(p1 - l1, u2 - p2), d + math.hypot(u1 - p1, p2 - l2)


def _weight(record, weight: str | None):
    if weight is None:
        return 1
    w = _field(record, weight)
    if isinstance(w, bool) or not isinstance(w, int | float) or not math.isfinite(w) or w < 0:
        raise ValueError(f"weight {weight!r} must be a finite number >= 0, got {w!r}")
    return w


def _proportion(pairs: list, confidence: float, min_cell: int) -> Estimate:
    """Estimate from ``(y, w)`` pairs, ``y`` in {0, 1}."""
    n = len(pairs)
    if is_small(n, min_cell):
        marker = cell_label(n, min_cell)
        return Estimate(None, None, None, None, None, None, None, True, marker, confidence)
    numerator = sum(w * y for y, w in pairs)
    denominator = sum(w for _, w in pairs)
    if denominator <= 0:
        return Estimate(None, None, None, n, 0.0, numerator, denominator, False, n, confidence)
    n_eff = denominator**2 / sum(w * w for _, w in pairs)
    value = min(1.0, numerator / denominator)
    low, high = wilson_interval(value, n_eff, confidence)
    return Estimate(value, low, high, n, n_eff, numerator, denominator, False, n, confidence)


def _victim(record, crime: str) -> int | None:
    times = _field(record, crime)
    if times is None:
        return None
    if not isinstance(times, int | float) or not times >= 0:
        raise ValueError(f"{crime!r} must be a bool or a count >= 0, got {times!r}")
    return int(times > 0)


def prevalence(
    respondents: Iterable,
    crime: str,
    weight: str | None = None,
    *,
    confidence: float = CONFIDENCE,
    min_cell: int = MIN_CELL,
) -> Estimate:
    """Share of respondents victimised at least once in the last 12 months by ``crime``.

    The denominator is every respondent who answered the question on ``crime``.
    """
    pairs = []
    for r in respondents:
        y = _victim(r, crime)
        if y is not None:
            pairs.append((y, _weight(r, weight)))
    return _proportion(pairs, confidence, min_cell)


def reporting_rate(
    respondents: Iterable,
    crime: str,
    weight: str | None = None,
    *,
    reported_field: str | None = None,
    confidence: float = CONFIDENCE,
    min_cell: int = MIN_CELL,
) -> Estimate:
    """Share of the victims of ``crime`` who reported it to the police.

    The denominator (and ``n``) is the victims who answered ``<crime>_reported``
    (or ``reported_field``).
    """
    reported_field = reported_field or crime + REPORTED_SUFFIX
    pairs = []
    for r in respondents:
        reported = _field(r, reported_field)
        if _victim(r, crime) == 1 and reported is not None:
            pairs.append((int(bool(reported)), _weight(r, weight)))
    return _proportion(pairs, confidence, min_cell)


def fear_of_crime(
    respondents: Iterable,
    weight: str | None = None,
    *,
    field: str = SAFETY_AFTER_DARK_FIELD,
    unsafe: frozenset = UNSAFE_ANSWERS,
    safe: frozenset = SAFE_ANSWERS,
    confidence: float = CONFIDENCE,
    min_cell: int = MIN_CELL,
) -> Estimate:
    """Share feeling a bit or very unsafe walking alone in their area after dark.

    Only answers in ``unsafe`` or ``safe`` count; others are left out.
    """
    pairs = []
    for r in respondents:
        answer = _field(r, field)
        if answer in unsafe or answer in safe:
            pairs.append((int(answer in unsafe), _weight(r, weight)))
    return _proportion(pairs, confidence, min_cell)


def _groups(respondents: Sequence, dimension: str) -> dict:
    groups: dict = {}
    for r in respondents:
        value = _field(r, dimension)
        if value is not None:
            groups.setdefault(value, []).append(r)
    return {key: groups[key] for key in sorted(groups, key=str)}


def disaggregate(
    respondents: Iterable,
    by: Sequence[str] = DEFAULT_DIMENSIONS,
    *,
    estimator: Estimator,
    min_cell: int = MIN_CELL,
) -> Disaggregation:
    """Run ``estimator`` overall and for every value of each dimension in ``by``.

    Groups are sorted by ``str(value)``; respondents with no value for a
    dimension count in the overall only.  A group whose estimate rests on
    fewer than ``min_cell`` respondents (unweighted, e.g. victims for a
    reporting rate) is suppressed (*primary*).

    Secondary suppression: a table with two groups and the overall gives the
    suppressed group away by subtraction (overall numerator and denominator
    minus the other group's), and with more groups the same holds for the one
    hidden cell.  So when exactly one group of a dimension is suppressed, the
    smallest other group is suppressed as well (*secondary*).  With
    respondents missing the dimension, the subtraction gives the hidden group
    plus the missing ones, which still narrows it down, so the rule is applied
    regardless.
    """
    respondents = list(respondents)
    raw = estimator(respondents, min_cell=0)
    small_marker = cell_label(0, min_cell)
    overall = raw.withheld(small_marker) if is_small(raw.n, min_cell) else raw
    dimensions = {}
    for dimension in by:
        raw_cells = {
            group: estimator(members, min_cell=0)
            for group, members in _groups(respondents, dimension).items()
        }
        counts = {group: est.n for group, est in raw_cells.items()}
        primary = primary_suppressed(counts, min_cell)
        secondary = secondary_suppressed(counts, primary)
        cells = []
        for group, est in raw_cells.items():
            if group in primary:
                cell = GroupEstimate(dimension, group, est.withheld(small_marker), "primary")
            elif group in secondary:
                cell = GroupEstimate(dimension, group, est.withheld(SUPPRESSED_MARKER), "secondary")
            else:
                cell = GroupEstimate(dimension, group, est, None)
            cells.append(cell)
        dimensions[dimension] = cells
    return Disaggregation(overall, dimensions)


def settlement_gap(
    respondents: Iterable,
    *,
    estimator: Estimator,
    field: str = SETTLEMENT_FIELD,
    first: Hashable = "informal",
    second: Hashable = "formal",
    min_cell: int = MIN_CELL,
) -> Gap:
    """Difference ``informal - formal`` in an estimate (by default), with a CI.

    The interval is Newcombe's hybrid score interval (:func:`newcombe_interval`)
    built from the two groups' Wilson intervals, at the estimator's confidence
    level; with weights each Wilson interval uses its group's effective
    sample size.  ``excludes_zero`` is true when the whole interval lies on one
    side of 0.  If either group is suppressed the gap is suppressed too, since
    it would reveal the small group's estimate.
    """
    members: dict = {first: [], second: []}
    for r in respondents:
        value = _field(r, field)
        if value in members:
            members[value].append(r)
    a = estimator(members[first], min_cell=min_cell)
    b = estimator(members[second], min_cell=min_cell)
    if a.suppressed or b.suppressed or a.value is None or b.value is None:
        return Gap(None, None, None, first, second, a, b, False, True)
    low, high = newcombe_interval(a, b)
    excludes_zero = low > 0 or high < 0
    return Gap(a.value - b.value, low, high, first, second, a, b, excludes_zero, False)

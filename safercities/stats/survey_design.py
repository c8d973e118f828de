"""Survey estimates, breakdowns and gaps under the survey's declared sampling design.

The same figures as :mod:`.survey` (prevalence, reporting rate, fear of crime, by group, and
the informal–formal gap) but every interval comes from :class:`.design.SampleDesign`: Taylor
linearisation with strata and PSUs, or simple random sampling when the assessment declares
it. Groups are *domains* of the whole sample (every PSU stays in the variance), not
sub-samples analysed on their own.

Disclosure: the same small-cell rules as :mod:`.survey` (primary suppression below
:data:`~.disclosure.MIN_CELL` respondents, complementary suppression in a breakdown), and a
gap is withheld when either of its groups is withheld in the settlement breakdown shown on
the same page, so the hidden group cannot be worked out as "other group minus gap".

:func:`adjust_gaps` turns the p-values of all gaps shown together into Holm-adjusted ones,
and only those decide the "clear gap" badge.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .design import SampleDesign, holm
from .disclosure import (
    MIN_CELL,
    SUPPRESSED_MARKER,
    cell_label,
    is_small,
    primary_suppressed,
    secondary_suppressed,
)
from .survey import (
    CONFIDENCE,
    DEFAULT_DIMENSIONS,
    REPORTED_SUFFIX,
    SAFE_ANSWERS,
    SAFETY_AFTER_DARK_FIELD,
    SETTLEMENT_FIELD,
    UNSAFE_ANSWERS,
    Disaggregation,
    Estimate,
    Gap,
    GroupEstimate,
    _field,
    _victim,
)

__all__ = [
    "DesignSpec",
    "adjust_gaps",
    "build_design",
    "design_disaggregate",
    "design_gap",
    "fear_outcome",
    "outcomes",
    "prevalence_outcome",
    "reporting_outcome",
]

Outcome = Callable[[object], "int | None"]


@dataclass(frozen=True)
class DesignSpec:
    """What an assessment declares about how its respondents were sampled.

    ``method`` is ``"taylor"`` (stratified and/or clustered, the default) or ``"srs"``;
    ``weight``, ``stratum`` and ``psu`` name the record fields holding them (``None``: not
    part of the design); ``population_psus`` maps a stratum to its number of PSUs in the
    population, for the finite population correction.
    """

    method: str = "taylor"
    weight: str | None = None
    stratum: str | None = None
    psu: str | None = None
    population_psus: Mapping[Hashable, float] | None = None


def prevalence_outcome(crime: str) -> Outcome:
    return lambda r: _victim(r, crime)


def reporting_outcome(crime: str, reported_field: str | None = None) -> Outcome:
    field = reported_field or crime + REPORTED_SUFFIX

    def outcome(r):
        reported = _field(r, field)
        if _victim(r, crime) == 1 and reported is not None:
            return int(bool(reported))
        return None

    return outcome


def fear_outcome(
    field: str = SAFETY_AFTER_DARK_FIELD,
    unsafe: frozenset = UNSAFE_ANSWERS,
    safe: frozenset = SAFE_ANSWERS,
) -> Outcome:
    def outcome(r):
        answer = _field(r, field)
        if answer in unsafe:
            return 1
        if answer in safe:
            return 0
        return None

    return outcome


def outcomes(records: Sequence, outcome: Outcome) -> np.ndarray:
    """One value per record: 1, 0 or NaN (not in this estimate's denominator)."""
    return np.array(
        [np.nan if (v := outcome(r)) is None else float(v) for r in records], dtype=float
    )


def build_design(
    records: Sequence, spec: DesignSpec, *, confidence: float = CONFIDENCE
) -> SampleDesign:
    """The :class:`SampleDesign` of ``records`` as ``spec`` declares it.

    Raises ``ValueError`` naming the problem when a declared column is missing or invalid.
    """

    def column(name):
        return None if name is None else [_field(r, name) for r in records]

    weights = column(spec.weight)
    if weights is not None and any(w is None for w in weights):
        raise ValueError("every respondent needs a weight when the design declares weights")
    return SampleDesign(
        len(records),
        weights=weights,
        strata=column(spec.stratum) if spec.method == "taylor" else None,
        psu=column(spec.psu) if spec.method == "taylor" else None,
        population_psus=spec.population_psus if spec.method == "taylor" else None,
        method=spec.method,
        confidence=confidence,
    )


def _estimate(design: SampleDesign, y: np.ndarray, mask, min_cell: int) -> Estimate:
    e = design.proportion(y, mask)
    if is_small(e.n, min_cell) or e.value is None:
        marker = cell_label(e.n if e.value is not None else 0, min_cell)
        return Estimate(None, None, None, None, None, None, None, True, marker,
                        design.confidence, method=design.method)  # fmt: skip
    return Estimate(
        e.value, e.low, e.high, e.n, e.n_eff, e.numerator, e.denominator, False, e.n,
        design.confidence, se=e.se, deff=e.deff, method=e.method, unreliable=e.unreliable,
    )  # fmt: skip


def _group_masks(records: Sequence, dimension: str) -> dict:
    values = [_field(r, dimension) for r in records]
    keys = sorted({v for v in values if v is not None}, key=str)
    array = np.array([str(v) if v is not None else "\0" for v in values], dtype=object)
    return {key: array == str(key) for key in keys}


def design_disaggregate(
    records: Sequence,
    design: SampleDesign,
    outcome: Outcome,
    by: Sequence[str] = DEFAULT_DIMENSIONS,
    *,
    min_cell: int = MIN_CELL,
) -> Disaggregation:
    """Overall and per-group estimates, with primary and complementary suppression."""
    y = outcomes(records, outcome)
    small_marker = cell_label(0, min_cell)
    overall = _estimate(design, y, None, 0)
    if is_small(overall.n, min_cell):
        overall = overall.withheld(small_marker)
    dimensions = {}
    for dimension in by:
        raw = {g: _estimate(design, y, m, 0) for g, m in _group_masks(records, dimension).items()}
        counts = {g: (e.n or 0) for g, e in raw.items()}
        primary = primary_suppressed(counts, min_cell)
        secondary = secondary_suppressed(counts, primary)
        cells = []
        for group, est in raw.items():
            if group in primary:
                cells.append(GroupEstimate(dimension, group, est.withheld(small_marker), "primary"))
            elif group in secondary:
                withheld = est.withheld(SUPPRESSED_MARKER)
                cells.append(GroupEstimate(dimension, group, withheld, "secondary"))
            else:
                cells.append(GroupEstimate(dimension, group, est, None))
        dimensions[dimension] = cells
    return Disaggregation(overall, dimensions)


def design_gap(
    records: Sequence,
    design: SampleDesign,
    outcome: Outcome,
    *,
    field: str = SETTLEMENT_FIELD,
    first: Hashable = "informal",
    second: Hashable = "formal",
    withheld: Iterable[Hashable] = (),
    min_cell: int = MIN_CELL,
) -> Gap:
    """``first - second`` with its design-based interval and unadjusted p-value.

    ``withheld`` are the groups suppressed in the breakdown published with the gap; a gap
    involving one of them, or a group under ``min_cell``, is suppressed.
    """
    y = outcomes(records, outcome)
    values = np.array([str(_field(r, field)) for r in records], dtype=object)
    first_mask, second_mask = values == str(first), values == str(second)
    raw_a, raw_b, diff = design.difference(y, first_mask, second_mask)
    a = _estimate(design, y, first_mask, min_cell)
    b = _estimate(design, y, second_mask, min_cell)
    withheld = set(withheld)
    if a.suppressed or b.suppressed or diff is None or first in withheld or second in withheld:
        return Gap(None, None, None, first, second, a, b, False, True)
    return Gap(
        diff.difference, diff.low, diff.high, first, second, a, b,
        diff.low > 0 or diff.high < 0, False, p_value=diff.p_value,
    )  # fmt: skip


def withheld_groups(disaggregation: Disaggregation, dimension: str = SETTLEMENT_FIELD) -> set:
    return {g.group for g in disaggregation.dimensions.get(dimension, []) if g.suppression}


def adjust_gaps(gaps: Sequence[Gap], level: float = 1 - CONFIDENCE) -> list[Gap]:
    """Holm-adjusted p-values over the gaps shown together; ``clear`` when below ``level``."""
    shown = [i for i, g in enumerate(gaps) if not g.suppressed and g.p_value is not None]
    adjusted = holm([gaps[i].p_value for i in shown])
    out = list(gaps)
    for i, p in zip(shown, adjusted, strict=True):
        out[i] = replace(gaps[i], p_adjusted=p, clear=p < level)
    return out

"""Survey estimates, breakdowns and gaps under the survey's declared sampling design.

The same figures as :mod:`.survey` (prevalence, reporting rate, fear of crime, by group, and
the informal–formal gap) but every interval comes from :class:`.design.SampleDesign`: Taylor
linearisation with strata and PSUs, or simple random sampling when the assessment declares
it. Groups are *domains* of the whole sample (every PSU stays in the variance), not
sub-samples analysed on their own.

Disclosure: every breakdown goes through :func:`.disclosure.protect_table` (primary
suppression of small cells, of cells with fewer than :data:`~.disclosure.MIN_CELL` victims or
non-victims, of cells dominated by one weight; complementary suppression until no withheld
cell can be worked out from the overall), and a gap is withheld when either of its groups is
withheld in the settlement breakdown shown on the same page, so the hidden group cannot be
worked out as "other group minus gap".

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
    TableCell,
    exposed,
    primary_risk,
    protect_table,
    withheld_label,
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


def _public(e, design: SampleDesign) -> Estimate:
    return Estimate(
        e.value, e.low, e.high, e.n, e.n_eff, e.numerator, e.denominator, False, e.n,
        design.confidence, se=e.se, deff=e.deff, method=e.method, unreliable=e.unreliable,
    )  # fmt: skip


def _withheld(e, design: SampleDesign, min_cell: int) -> Estimate:
    return Estimate(None, None, None, None, None, None, None, True,
                    withheld_label(e.n, min_cell), design.confidence,
                    method=design.method)  # fmt: skip


def _table_cell(e) -> TableCell:
    return TableCell(e.n, e.positives, e.kish)


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
    """Overall and per-group estimates, protected by :func:`.disclosure.protect_table`.

    Each dimension is a table published with the overall: cells too small, with too few
    respondents with or without the attribute, or dominated by one weight are withheld
    (primary), then as many others as needed so none can be worked out (secondary). If even
    withholding a whole dimension leaves it exposed, the overall is withheld as well.
    """
    y = outcomes(records, outcome)
    total = design.proportion(y)
    withhold_total = total.n == 0 or primary_risk(_table_cell(total), min_cell)
    dimensions = {}
    for dimension in by:
        raw = {g: design.proportion(y, m) for g, m in _group_masks(records, dimension).items()}
        raw = {g: e for g, e in raw.items() if e.n > 0}
        cells = {g: _table_cell(e) for g, e in raw.items()}
        hidden = protect_table(cells, min_cell=min_cell)
        if exposed(cells, hidden, min_cell=min_cell):
            withhold_total = True
        dimensions[dimension] = [
            GroupEstimate(dimension, g, _withheld(e, design, min_cell), hidden[g])
            if g in hidden
            else GroupEstimate(dimension, g, _public(e, design), None)
            for g, e in raw.items()
        ]
    overall = _withheld(total, design, min_cell) if withhold_total else _public(total, design)
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
    a, b = (
        _withheld(e, design, min_cell)
        if e.value is None or primary_risk(_table_cell(e), min_cell)
        else _public(e, design)
        for e in (raw_a, raw_b)
    )
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

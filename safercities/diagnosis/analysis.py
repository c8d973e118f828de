"""The diagnosis of one assessment, computed from plain records. No Django here.

Three kinds of assessment, three summaries, each built only from the statistics cores:

* safety audit → :func:`audit_summary` (:mod:`safercities.stats.audit`),
* victimization survey → :func:`survey_summary` (:mod:`safercities.stats.survey`),
* incident reports → :func:`incident_summary` (:mod:`safercities.stats.disclosure`).

``public=True`` gives what may be shown beyond the city team: areas with fewer than
:data:`~safercities.stats.disclosure.MIN_CELL` audits get no score, spots are pooled into
grid cells of at least that many audits (snapped to the cell centre), survey cells below the
minimum are suppressed (they always are: the survey functions suppress for everyone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from safercities.stats import audit as audit_stats
from safercities.stats import survey as survey_stats
from safercities.stats import survey_design
from safercities.stats.disclosure import (
    MIN_CELL,
    PRIMARY,
    TableCell,
    cell_label,
    exposed,
    is_small,
    protect_table,
    withheld_label,
)

from .geo import DEFAULT_CELL_SIZE, PublicCell, grid_cells, point_in_polygon

#: Audits whose safety score (0–100) is below this count as low-scoring (a mean rating
#: below the audit core's LOW_RATING_THRESHOLD).
LOW_SCORE = audit_stats.LOW_RATING_THRESHOLD / audit_stats.MAX_RATING * 100


# --- safety audits -----------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    score: audit_stats.AreaScore


@dataclass(frozen=True)
class Spot:
    score: audit_stats.SpotScore
    latitude: float
    longitude: float
    description: str


@dataclass(frozen=True)
class CellScore:
    cell: PublicCell
    score: audit_stats.AreaScore


@dataclass
class AuditSummary:
    n_audits: int
    n_spots: int
    areas: list[Area]
    correlations: list[audit_stats.ParameterCorrelation]
    min_area_audits: int
    spots: list[Spot] = field(default_factory=list)  # team only
    cells: list[CellScore] = field(default_factory=list)  # public pooling
    correlations_shown: bool = True


def audit_summary(
    audits: Sequence[dict[str, Any]],
    *,
    settlements: Iterable[tuple[str, str, dict | None]] = (),
    public: bool,
    origin: tuple[float, float] | None = None,
    cell_size: float = DEFAULT_CELL_SIZE,
    all_label: str = "All spots",
    outside_label: str = "Outside informal settlements",
) -> AuditSummary:
    """Scores per area and per spot (team) or per grid cell (public).

    ``audits`` are dicts with ``spot``, ``latitude``, ``longitude``, ``description`` and one
    rating (0–3 or None) per parameter. ``settlements`` are ``(key, name, outline)``; the
    audits inside each outline form an area, and those outside all of them another.
    """
    audits = list(audits)
    min_area = MIN_CELL if public else audit_stats.MIN_AUDITS_PER_AREA
    areas = [Area("all", all_label, audit_stats.area_score(audits, min_audits=min_area))]
    located = [a for a in audits if a.get("latitude") is not None]
    inside_any: set[int] = set()
    for key, name, outline in settlements:
        members = []
        for index, record in enumerate(located):
            if point_in_polygon(record["longitude"], record["latitude"], outline):
                members.append(record)
                inside_any.add(index)
        if members:
            areas.append(Area(key, name, audit_stats.area_score(members, min_audits=min_area)))
    if inside_any:
        outside = [r for i, r in enumerate(located) if i not in inside_any]
        areas.append(
            Area("outside", outside_label, audit_stats.area_score(outside, min_audits=min_area))
        )
    if public and len(areas) > 1:
        areas = _protect_areas(areas)
    summary = AuditSummary(
        n_audits=len(audits),
        n_spots=len({a["spot"] for a in audits}),
        areas=areas,
        correlations=audit_stats.feeling_correlations(audits),
        min_area_audits=min_area,
        correlations_shown=not public or len(audits) >= MIN_CELL,
    )
    if not summary.correlations_shown:
        summary.correlations = []
    elif public:
        shown = [_public_correlation(c) for c in summary.correlations]
        summary.correlations = sorted(shown, key=lambda c: c.priority is None)
    if public:
        summary.cells = audit_cells(located, origin=origin, size=cell_size)
    else:
        summary.spots = spots_of(audits)
    return summary


def _protect_areas(areas: list[Area]) -> list[Area]:
    """Areas are published with the all-spots score: withhold with a small area as many
    others as needed that it cannot be worked out (:func:`protect_table` on audit counts)."""
    cells = {a.key: TableCell(a.score.n_audits) for a in areas[1:]}
    hidden = protect_table(cells)
    out = [areas[0]]
    for area in areas[1:]:
        if area.key in hidden and area.score.overall is not None:
            empty = dict.fromkeys(audit_stats.CHANGEABLE_PARAMETERS)
            score = replace(area.score, overall=None, parameters=empty, feeling=None)
            area = Area(area.key, area.name, score)
        out.append(area)
    return out


def _public_correlation(c: audit_stats.ParameterCorrelation) -> audit_stats.ParameterCorrelation:
    """Beyond the team, a correlation resting on fewer than MIN_CELL audits is withheld."""
    if c.n >= MIN_CELL:
        return c
    return replace(c, rho=None, p_value=None, priority=None)


def audit_cells(
    located: Sequence[dict[str, Any]],
    *,
    origin: tuple[float, float] | None,
    size: float = DEFAULT_CELL_SIZE,
    min_count: int = MIN_CELL,
) -> list[CellScore]:
    """Audits pooled into grid cells of at least ``min_count`` audits, scored as areas."""
    lon = [r["longitude"] for r in located]
    lat = [r["latitude"] for r in located]
    cells, point_cell = grid_cells(lon, lat, size=size, origin=origin)
    members: dict[int, list] = {}
    for record, index in zip(located, point_cell.tolist(), strict=True):
        members.setdefault(index, []).append(record)
    out = []
    for index, cell in enumerate(cells):
        if cell.count >= min_count:
            score = audit_stats.area_score(members[index], min_audits=min_count)
            out.append(CellScore(replace(cell, mean=score.overall), score))
    return out


def spots_of(audits: Sequence[dict[str, Any]]) -> list[Spot]:
    """Every spot's scores (audit core) with the location and description of its first audit."""
    first: dict = {}
    for record in audits:
        first.setdefault(record["spot"], record)
    return [
        Spot(
            score,
            first[score.spot].get("latitude"),
            first[score.spot].get("longitude"),
            first[score.spot].get("description") or "",
        )
        for score in audit_stats.spot_scores(audits)
    ]


def spot_points(audits: Sequence[dict[str, Any]]) -> list[tuple[Spot, bool]]:
    """Every located spot and whether it is low-scoring (for maps and hot spots)."""
    return [
        (spot, spot.score.overall is not None and spot.score.overall < LOW_SCORE)
        for spot in spots_of(audits)
        if spot.latitude is not None
    ]


# --- victimization survey ----------------------------------------------------------------


@dataclass(frozen=True)
class CrimeResult:
    crime: str
    prevalence: survey_stats.Disaggregation
    prevalence_gap: survey_stats.Gap
    reporting: survey_stats.Disaggregation
    reporting_gap: survey_stats.Gap


@dataclass
class SurveySummary:
    n_respondents: int
    weighted: bool
    crimes: list[CrimeResult]
    fear: survey_stats.Disaggregation
    fear_gap: survey_stats.Gap
    dimensions: tuple[str, ...]
    #: The design the intervals use: "taylor" (strata/PSUs) or "srs"; its size.
    method: str = "srs"
    stratified: bool = False
    clustered: bool = False
    n_strata: int = 1
    n_psu: int = 0
    df: int | None = None
    #: Gaps shown together (one per crime and fear): the "clear gap" badges are adjusted for
    #: this many comparisons.
    comparisons: int = 0
    #: A problem code when the declared design could not be used as declared
    #: ("design_values_missing": some respondents lack a stratum or PSU; the intervals then
    #: ignore the clustering and may be too narrow; "population_too_small": a stratum's
    #: population count of PSUs is below the PSUs sampled, so no FPC is applied).
    design_problem: str | None = None


def survey_summary(
    respondents: Sequence[dict[str, Any]],
    crimes: Sequence[str],
    *,
    dimensions: Sequence[str] = survey_stats.DEFAULT_DIMENSIONS,
    design: survey_design.DesignSpec | None = None,
) -> SurveySummary:
    """Prevalence, reporting rate (per crime) and fear of crime, overall and by group.

    Estimates and intervals follow ``design`` (Taylor linearisation with the declared strata
    and PSUs, or simple random sampling when declared; weighted when every respondent has a
    weight). Each informal–formal gap has a design-based interval, and the "clear gap"
    badges are Holm-adjusted over the gaps shown together. Cells under the minimum are
    suppressed, and so is a gap whose group is withheld.
    """
    respondents = list(respondents)
    weighted = bool(respondents) and all(r.get("weight") is not None for r in respondents)
    spec = design or survey_design.DesignSpec()
    spec = replace(spec, weight="weight" if weighted else None)
    problem = None
    try:
        survey_design.build_design(respondents, replace(spec, population_psus=None))
    except ValueError:
        problem = "design_values_missing"
        spec = replace(spec, stratum=None, psu=None, population_psus=None)
    try:
        sample = survey_design.build_design(respondents, spec)
    except ValueError:
        problem = "population_too_small"
        sample = survey_design.build_design(respondents, replace(spec, population_psus=None))

    def both(outcome: Callable) -> tuple:
        breakdown = survey_design.design_disaggregate(respondents, sample, outcome, dimensions)
        gap = survey_design.design_gap(
            respondents, sample, outcome, withheld=survey_design.withheld_groups(breakdown)
        )
        return breakdown, gap

    results = []
    for crime in crimes:
        prevalence, prevalence_gap = both(survey_design.prevalence_outcome(crime))
        reporting, reporting_gap = both(survey_design.reporting_outcome(crime))
        results.append(CrimeResult(crime, prevalence, prevalence_gap, reporting, reporting_gap))
    fear, fear_gap = both(survey_design.fear_outcome())
    shown = survey_design.adjust_gaps([c.prevalence_gap for c in results] + [fear_gap])
    results = [replace(c, prevalence_gap=g) for c, g in zip(results, shown, strict=False)]
    fear_gap = shown[-1]
    reporting = survey_design.adjust_gaps([c.reporting_gap for c in results])
    results = [replace(c, reporting_gap=g) for c, g in zip(results, reporting, strict=True)]
    return SurveySummary(
        n_respondents=len(respondents),
        weighted=weighted,
        crimes=results,
        fear=fear,
        fear_gap=fear_gap,
        dimensions=tuple(dimensions),
        method=sample.method,
        stratified=spec.method == "taylor" and spec.stratum is not None,
        clustered=spec.method == "taylor" and spec.psu is not None,
        n_strata=sample.n_strata,
        n_psu=sample.n_psu,
        df=sample.df if sample.method == "taylor" else None,
        comparisons=len(crimes) + 1,
        design_problem=problem,
    )


# --- incident reports --------------------------------------------------------------------


@dataclass
class IncidentSummary:
    n_reports: int
    n_label: int | str
    categories: list[tuple[str, int | str]]  # (category, count or marker)


def incident_summary(categories: Iterable[str], known: Sequence[str] = ()) -> IncidentSummary:
    """Reports per category through :func:`~safercities.stats.disclosure.protect_table`.

    Listed categories may be 0, so a withheld category can be anything from 0 up; counts
    under the minimum (zeros included) are withheld, and others with them until none can be
    worked out from the total. A total under the minimum withholds everything.
    """
    counts: dict[str, int] = dict.fromkeys(known, 0)
    total = 0
    for category in categories:
        counts[category or "other"] = counts.get(category or "other", 0) + 1
        total += 1
    cells = {key: TableCell(n) for key, n in counts.items()}
    hidden = protect_table(cells, floor=0)
    if is_small(total) or exposed(cells, hidden, floor=0):
        hidden = dict.fromkeys(counts, PRIMARY)
    labels = [(key, withheld_label(n) if key in hidden else n) for key, n in counts.items()]
    return IncidentSummary(total, cell_label(total), labels)

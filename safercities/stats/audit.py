"""Scores from women's safety audits (safety walks).

Each audit is one visit to one *spot* by one auditor or group, rating nine
parameters from 0 (worst) to 3 (best).  Audits are plain records: dicts (e.g.
``QuerySet.values()`` rows) or objects, with a spot identifier (field
``"spot"`` by default) and one field per parameter holding ``0``-``3`` or
``None`` when the parameter was not rated (not applicable, e.g. no public
transport nearby).

``feeling`` (how safe the auditors felt) is the outcome; the other eight are
what a city can change.  The published method is :data:`FORMULA_TEXT` (scores)
and :data:`RANKING_TEXT` (what to fix first); the constants below are the
numbers those texts quote.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from statistics import fmean

from scipy import stats

__all__ = [
    "CHANGEABLE_PARAMETERS",
    "FORMULA_TEXT",
    "LOW_RATING_THRESHOLD",
    "MAX_RATING",
    "MIN_AUDITS_PER_AREA",
    "MIN_AUDITS_PER_SPOT",
    "MIN_CORRELATION_PAIRS",
    "MIN_PARAMETERS_FOR_OVERALL",
    "OUTCOME_PARAMETER",
    "PARAMETERS",
    "RANKING_TEXT",
    "AreaScore",
    "ParameterCorrelation",
    "SpotScore",
    "area_score",
    "feeling_correlations",
    "spot_scores",
]

#: The eight parameters a city can act on, in display order.
CHANGEABLE_PARAMETERS = (
    "lighting",
    "openness",
    "visibility",
    "people",
    "security",
    "walk_path",
    "public_transport",
    "gender_usage",
)
#: The outcome: how safe the auditors felt at the spot.
OUTCOME_PARAMETER = "feeling"
PARAMETERS = (*CHANGEABLE_PARAMETERS, OUTCOME_PARAMETER)

#: Ratings run from 0 (worst) to MAX_RATING (best); scores are rating / MAX_RATING * 100.
MAX_RATING = 3
#: A spot's overall score needs at least this many of the eight parameters rated.
MIN_PARAMETERS_FOR_OVERALL = 6
#: A spot is scored from a single audit ...
MIN_AUDITS_PER_SPOT = 1
#: ... but an area needs at least this many audits (over all its spots).
MIN_AUDITS_PER_AREA = 3
#: A correlation with feeling needs at least this many audits rating both.
MIN_CORRELATION_PAIRS = 3
#: Parameters whose mean rating (0-3) is below this are flagged as low-scoring.
LOW_RATING_THRESHOLD = 1.5


def gettext_noop(text: str) -> str:
    """Mark a text for the Hub's translation catalogs (extracted by makemessages) without
    importing Django: the web pages translate it when they show it."""
    return text


FORMULA_TEXT = gettext_noop(
    "In every audit each of the nine parameters is rated from 0 (worst) to 3 (best). "
    "For each spot, a parameter's score is the average of its ratings over all audits "
    "of that spot, converted to a scale from 0 to 100 (average divided by 3, times 100). "
    "Ratings left blank, for example public transport where there is none, are ignored. "
    "A spot's safety score is the simple average of the scores of the eight parameters "
    "a city can change (lighting, openness, visibility, people, security, walk path, "
    "public transport and gender usage), each counting equally. It is given only when "
    "at least 6 of the 8 have been rated, and a single audit is enough. "
    '"Feeling", how safe the auditors felt, is the result the other parameters should '
    "improve, so it is reported separately and is not part of the safety score. "
    "An area's safety score is the average of its spots' safety scores, each spot "
    "counting equally however often it was audited, and is shown only when the area "
    "has at least 3 audits."
)

RANKING_TEXT = gettext_noop(
    "To suggest what to fix first, each of the eight parameters gets a priority: "
    "its correlation with feeling multiplied by its shortfall. The correlation is "
    "Spearman's rank correlation between the parameter's ratings and the feeling "
    "ratings, over the audits that rated both; a high positive value means that "
    "where the parameter was rated poorly, auditors felt unsafe. The shortfall is how "
    "far the parameter's average rating falls below the best rating, from 0 (always "
    "rated 3) to 1 (always rated 0). Parameters are listed from the highest priority "
    "down. A correlation needs at least 3 audits and ratings that vary; parameters "
    "without one are listed last. Parameters with an average rating below 1.5 are "
    "flagged as low-scoring."
)


@dataclass(frozen=True)
class SpotScore:
    """Scores (0-100) for one spot; ``None`` where there is nothing to show.

    ``parameters`` maps each changeable parameter to its score, ``n_parameters``
    counts those rated at least once, ``overall`` is the safety score and
    ``feeling`` the outcome score.
    """

    spot: Hashable
    n_audits: int
    parameters: dict[str, float | None]
    n_parameters: int
    overall: float | None
    feeling: float | None


@dataclass(frozen=True)
class AreaScore:
    """Averages over spots (0-100), with the numbers of audits and spots behind them.

    ``n_spots_scored`` is the number of spots with a safety score, i.e. those
    averaged into ``overall``.
    """

    overall: float | None
    parameters: dict[str, float | None]
    feeling: float | None
    n_audits: int
    n_spots: int
    n_spots_scored: int


@dataclass(frozen=True)
class ParameterCorrelation:
    """Association of one changeable parameter with feeling, across audits.

    ``rho``/``p_value``: Spearman correlation over the ``n`` audits rating both
    (``None`` when undefined).  ``mean_rating`` (0-3) is over every audit rating
    the parameter; ``shortfall = 1 - mean_rating / 3``; ``priority = rho *
    shortfall``; ``low_scoring`` is ``mean_rating < LOW_RATING_THRESHOLD``.
    """

    parameter: str
    rho: float | None
    p_value: float | None
    n: int
    mean_rating: float | None
    shortfall: float | None
    priority: float | None
    low_scoring: bool


def _field(record, name: str):
    if isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


def _rating(audit, parameter: str) -> float | None:
    value = _field(audit, parameter)
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value <= MAX_RATING
    ):
        raise ValueError(f"{parameter!r} must be a rating from 0 to {MAX_RATING}, got {value!r}")
    return value


def _scaled(ratings: list) -> float | None:
    return fmean(ratings) / MAX_RATING * 100 if ratings else None


def _mean(values: Iterable) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def _by_spot(audits: Iterable, spot_field: str) -> dict:
    spots: dict = {}
    for audit in audits:
        spot = _field(audit, spot_field)
        if spot is None:
            raise ValueError(f"every audit needs a {spot_field!r}")
        spots.setdefault(spot, []).append(audit)
    return spots


def _spot_score(spot: Hashable, audits: list, min_audits: int) -> SpotScore:
    n = len(audits)
    if n < min_audits:
        empty = dict.fromkeys(CHANGEABLE_PARAMETERS)
        return SpotScore(spot, n, empty, 0, None, None)
    ratings = {p: [r for a in audits if (r := _rating(a, p)) is not None] for p in PARAMETERS}
    scores = {p: _scaled(ratings[p]) for p in CHANGEABLE_PARAMETERS}
    answered = [s for s in scores.values() if s is not None]
    overall = fmean(answered) if len(answered) >= MIN_PARAMETERS_FOR_OVERALL else None
    feeling = _scaled(ratings[OUTCOME_PARAMETER])
    return SpotScore(spot, n, scores, len(answered), overall, feeling)


def spot_scores(
    audits: Iterable, *, spot_field: str = "spot", min_audits: int = MIN_AUDITS_PER_SPOT
) -> list[SpotScore]:
    """One :class:`SpotScore` per spot, in order of first appearance in ``audits``."""
    return [
        _spot_score(spot, members, min_audits)
        for spot, members in _by_spot(audits, spot_field).items()
    ]


def area_score(
    audits: Iterable, *, spot_field: str = "spot", min_audits: int = MIN_AUDITS_PER_AREA
) -> AreaScore:
    """Scores for all ``audits`` taken together as one area, each spot weighted equally.

    Every score is ``None`` when there are fewer than ``min_audits`` audits;
    the counts are always given.
    """
    audits = list(audits)
    spots = spot_scores(audits, spot_field=spot_field)
    scored = [s for s in spots if s.overall is not None]
    if len(audits) < min_audits:
        empty = dict.fromkeys(CHANGEABLE_PARAMETERS)
        return AreaScore(None, empty, None, len(audits), len(spots), len(scored))
    parameters = {p: _mean(s.parameters[p] for s in spots) for p in CHANGEABLE_PARAMETERS}
    return AreaScore(
        overall=_mean(s.overall for s in scored),
        parameters=parameters,
        feeling=_mean(s.feeling for s in spots),
        n_audits=len(audits),
        n_spots=len(spots),
        n_spots_scored=len(scored),
    )


def _spearman(x: list, y: list) -> tuple[float | None, float | None]:
    if len(x) < MIN_CORRELATION_PAIRS or len(set(x)) < 2 or len(set(y)) < 2:
        return None, None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = stats.spearmanr(x, y)
    rho, p = float(result.statistic), float(result.pvalue)
    return (rho if math.isfinite(rho) else None), (p if math.isfinite(p) else None)


def _correlation(audits: list, parameter: str) -> ParameterCorrelation:
    ratings = [_rating(a, parameter) for a in audits]
    feelings = [_rating(a, OUTCOME_PARAMETER) for a in audits]
    pairs = [(r, f) for r, f in zip(ratings, feelings, strict=True) if None not in (r, f)]
    rho, p = _spearman([r for r, _ in pairs], [f for _, f in pairs])
    mean = _mean(ratings)
    shortfall = None if mean is None else 1 - mean / MAX_RATING
    priority = None if rho is None else rho * shortfall
    low = mean is not None and mean < LOW_RATING_THRESHOLD
    return ParameterCorrelation(parameter, rho, p, len(pairs), mean, shortfall, priority, low)


def feeling_correlations(audits: Iterable) -> list[ParameterCorrelation]:
    """Correlation of each changeable parameter with feeling, "what to fix first" first.

    Ordered as described in :data:`RANKING_TEXT`: by ``priority`` descending,
    ties broken by higher ``rho``, then lower ``mean_rating``; parameters
    without a correlation come last, in :data:`CHANGEABLE_PARAMETERS` order.
    """
    audits = list(audits)
    results = [_correlation(audits, p) for p in CHANGEABLE_PARAMETERS]

    def order(c: ParameterCorrelation):
        if c.priority is None:
            return (1, 0.0, 0.0, 0.0)
        return (0, -c.priority, -c.rho, c.mean_rating)

    return sorted(results, key=order)

"""Which practices fit a city: pure Python, no Django (the pages translate the reasons).

Each candidate practice gets a score out of ``MAX_SCORE`` from four parts, each a fit from 0 to 1:

========================  ======  ====================================================
part                      weight  fit
========================  ======  ====================================================
shared concern themes     3       shared themes / min(3, number of city concerns):
                                  sharing three of the city's concerns (or all of them,
                                  when it has fewer) is a full fit
similar size              1       1 − |ln(population ratio)| / ln 10: same size 1,
                                  ten times larger or smaller 0
similar informal share    1       1 − |difference in share| / 0.20: same share 1,
                                  20 percentage points apart 0
budget band (optional)    1       same cost band as the city's budget band 1, the band
                                  next to it 0.5; only when the city has set one
========================  ======  ====================================================

A practice rated replicable by its reviewers gets ``REPLICABLE_BONUS`` (0.5) on top: enough
to put it first among practices that fit equally, not enough to lift a weak fit over a good
one. Ties are broken by cost (low, medium, high, unknown: cheaper first), then by id, so the
order never depends on the database.

A practice is listed only when at least one reason speaks for it: a shared theme, a similar
size (within about 3×), a similar informal share (within 5 points) or a cost in the city's
budget band (the band next to it adds to the score but is not a reason on its own).
Practices from the city itself are never listed.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

THEME_WEIGHT = 3.0
SIZE_WEIGHT = 1.0
INFORMAL_WEIGHT = 1.0
BUDGET_WEIGHT = 1.0
REPLICABLE_BONUS = 0.5
MAX_SCORE = THEME_WEIGHT + SIZE_WEIGHT + INFORMAL_WEIGHT + BUDGET_WEIGHT + REPLICABLE_BONUS

THEMES_FOR_FULL_FIT = 3
SIZE_SPAN = math.log(10)  # a tenfold difference in population: no size fit left
INFORMAL_SPAN = 0.20  # twenty percentage points apart: no informal-share fit left
SIMILAR_SIZE = 0.5  # size fit from which "similar size" is said (within ~3.2×)
SIMILAR_INFORMAL = 0.75  # informal fit from which "similar share" is said (within 5 points)

COST_BANDS = ("low", "medium", "high")
LOW_COST_BELOW = 50_000  # USD: a practice costing less is "low cost"
MEDIUM_COST_BELOW = 500_000  # USD: less is "medium", this or more is "high"


def cost_band_for_amount(amount_usd: float | None) -> str | None:
    """The cost band of an amount in USD: low < 50,000 ≤ medium < 500,000 ≤ high."""
    if amount_usd is None:
        return None
    if amount_usd < LOW_COST_BELOW:
        return "low"
    if amount_usd < MEDIUM_COST_BELOW:
        return "medium"
    return "high"


@dataclass(frozen=True)
class TargetCity:
    """The city practices are matched to."""

    id: int
    population: int | None
    informal_share: float | None  # 0–1
    concern_themes: frozenset[str] = frozenset()
    budget_band: str | None = None  # one of COST_BANDS


@dataclass(frozen=True)
class Candidate:
    """A practice, with what matching needs to know about it and its city."""

    id: int
    city_id: int | None
    city_name: str
    population: int | None
    informal_share: float | None
    themes: frozenset[str] = frozenset()
    cost_band: str | None = None
    replicable: bool = False


@dataclass(frozen=True)
class Reason:
    """One plain reason a practice fits; the page turns it into a translated sentence.

    ``code``: "themes" (``themes`` holds the shared slugs, sorted), "size" and "informal"
    (``practice_value`` and ``city_value`` hold population or share), "budget" and
    "low_cost" (``band``), "replicable".
    """

    code: str
    themes: tuple[str, ...] = ()
    practice_value: float | None = None
    city_value: float | None = None
    band: str = ""


@dataclass(frozen=True)
class Fit:
    practice_id: int
    score: float
    reasons: tuple[Reason, ...]
    parts: dict[str, float] = field(default_factory=dict)


def theme_fit(shared: int, concerns: int) -> float:
    if not shared or not concerns:
        return 0.0
    return min(1.0, shared / min(THEMES_FOR_FULL_FIT, concerns))


def size_fit(a: int | None, b: int | None) -> float | None:
    """1 for the same population, falling to 0 at a tenfold difference; None if unknown."""
    if not a or not b:
        return None
    return max(0.0, 1.0 - abs(math.log(a / b)) / SIZE_SPAN)


def informal_fit(a: float | None, b: float | None) -> float | None:
    """1 for the same informal share, falling to 0 at 20 points apart; None if unknown."""
    if a is None or b is None:
        return None
    return max(0.0, 1.0 - abs(a - b) / INFORMAL_SPAN)


def budget_fit(band: str | None, budget: str | None) -> float | None:
    if budget not in COST_BANDS:
        return None
    if band not in COST_BANDS:
        return 0.0
    distance = abs(COST_BANDS.index(band) - COST_BANDS.index(budget))
    return {0: 1.0, 1: 0.5}.get(distance, 0.0)


def fit(city: TargetCity, candidate: Candidate) -> Fit:
    """Score one candidate for one city, with the reasons that speak for it."""
    reasons: list[Reason] = []
    parts: dict[str, float] = {}

    shared = tuple(sorted(candidate.themes & city.concern_themes))
    parts["themes"] = theme_fit(len(shared), len(city.concern_themes))
    if shared:
        reasons.append(Reason("themes", themes=shared))

    size = size_fit(candidate.population, city.population)
    parts["size"] = size or 0.0
    if size is not None and size >= SIMILAR_SIZE:
        reasons.append(
            Reason("size", practice_value=candidate.population, city_value=city.population)
        )

    informal = informal_fit(candidate.informal_share, city.informal_share)
    parts["informal"] = informal or 0.0
    if informal is not None and informal >= SIMILAR_INFORMAL:
        reasons.append(
            Reason(
                "informal",
                practice_value=candidate.informal_share,
                city_value=city.informal_share,
            )
        )

    budget = budget_fit(candidate.cost_band, city.budget_band)
    parts["budget"] = budget or 0.0
    if budget == 1.0:
        reasons.append(Reason("budget", band=candidate.cost_band or ""))
    elif budget is None and candidate.cost_band == "low":
        reasons.append(Reason("low_cost", band="low"))

    parts["replicable"] = 1.0 if candidate.replicable else 0.0
    if candidate.replicable:
        reasons.append(Reason("replicable"))

    score = (
        THEME_WEIGHT * parts["themes"]
        + SIZE_WEIGHT * parts["size"]
        + INFORMAL_WEIGHT * parts["informal"]
        + BUDGET_WEIGHT * parts["budget"]
        + REPLICABLE_BONUS * parts["replicable"]
    )
    return Fit(candidate.id, round(score, 6), tuple(reasons), parts)


_SPEAKS_FOR = {"themes", "size", "informal", "budget"}


def _cost_rank(band: str | None) -> int:
    return COST_BANDS.index(band) if band in COST_BANDS else len(COST_BANDS)


def rank(city: TargetCity, candidates: Iterable[Candidate], limit: int | None = None) -> list[Fit]:
    """Candidates that fit ``city``, best first (ties: cheaper first, then lower id)."""
    scored = []
    for candidate in candidates:
        if candidate.city_id is not None and candidate.city_id == city.id:
            continue
        result = fit(city, candidate)
        if not any(reason.code in _SPEAKS_FOR for reason in result.reasons):
            continue
        scored.append((-result.score, _cost_rank(candidate.cost_band), candidate.id, result))
    scored.sort(key=lambda row: row[:3])
    fits = [row[3] for row in scored]
    return fits if limit is None else fits[: max(0, limit)]

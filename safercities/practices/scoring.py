"""Replicability review arithmetic: pure Python, no Django.

A review scores the six best-practice criteria (UN-Habitat / Dubai International Award) from
1 to 5. Given the reviews of one practice as a list of ``{criterion: score}`` dicts:

- ``criterion_means`` gives the mean per criterion (None when nobody scored it);
- ``disagreements`` lists the criteria on which two reviews differ by ``DISAGREEMENT_GAP``
  (2) or more: the editor looks at those before trusting the mean;
- ``is_replicable`` is true when there are at least ``MIN_REVIEWS`` (2) reviews and EVERY
  criterion mean is at least ``REPLICABLE_MEAN`` (3.5; exactly 3.5 counts).

Means are compared as exact fractions, so 3.5 never loses to floating-point rounding.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

CRITERIA: tuple[str, ...] = (
    "impact",
    "partnership",
    "sustainability",
    "leadership",
    "inclusion",
    "innovation",
)
MIN_SCORE = 1
MAX_SCORE = 5
MIN_REVIEWS = 2
REPLICABLE_MEAN = Fraction(7, 2)
DISAGREEMENT_GAP = 2

Scores = Mapping[str, int]


@dataclass(frozen=True)
class Disagreement:
    criterion: str
    lowest: int
    highest: int

    @property
    def gap(self) -> int:
        return self.highest - self.lowest


@dataclass(frozen=True)
class Summary:
    count: int
    means: dict[str, float | None]
    disagreements: tuple[Disagreement, ...]
    replicable: bool

    @property
    def flagged(self) -> frozenset[str]:
        return frozenset(d.criterion for d in self.disagreements)


def check_scores(scores: Scores, criteria: Sequence[str] = CRITERIA) -> None:
    """Raise ValueError unless ``scores`` holds an integer 1–5 for every criterion."""
    missing = [c for c in criteria if c not in scores]
    if missing:
        raise ValueError(f"missing scores for {', '.join(missing)}")
    for criterion in criteria:
        value = scores[criterion]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"the score for {criterion} must be a whole number")
        if not MIN_SCORE <= value <= MAX_SCORE:
            raise ValueError(f"the score for {criterion} must be {MIN_SCORE}–{MAX_SCORE}")


def _values(reviews: Iterable[Scores], criterion: str) -> list[int]:
    return [review[criterion] for review in reviews if review.get(criterion) is not None]


def _exact_means(reviews: Sequence[Scores], criteria: Sequence[str]) -> dict[str, Fraction | None]:
    means: dict[str, Fraction | None] = {}
    for criterion in criteria:
        values = _values(reviews, criterion)
        means[criterion] = Fraction(sum(values), len(values)) if values else None
    return means


def criterion_means(
    reviews: Sequence[Scores], criteria: Sequence[str] = CRITERIA
) -> dict[str, float | None]:
    """The mean score per criterion, or None for a criterion nobody scored."""
    return {
        criterion: None if mean is None else float(mean)
        for criterion, mean in _exact_means(reviews, criteria).items()
    }


def disagreements(
    reviews: Sequence[Scores], criteria: Sequence[str] = CRITERIA
) -> list[Disagreement]:
    """Criteria on which the lowest and highest score are ``DISAGREEMENT_GAP`` or more apart."""
    found = []
    for criterion in criteria:
        values = _values(reviews, criterion)
        if values and max(values) - min(values) >= DISAGREEMENT_GAP:
            found.append(Disagreement(criterion, min(values), max(values)))
    return found


def is_replicable(reviews: Sequence[Scores], criteria: Sequence[str] = CRITERIA) -> bool:
    """At least two reviews, and every criterion's mean at least 3.5."""
    if len(reviews) < MIN_REVIEWS:
        return False
    means = _exact_means(reviews, criteria)
    return all(mean is not None and mean >= REPLICABLE_MEAN for mean in means.values())


def summarize(reviews: Sequence[Scores], criteria: Sequence[str] = CRITERIA) -> Summary:
    return Summary(
        count=len(reviews),
        means=criterion_means(reviews, criteria),
        disagreements=tuple(disagreements(reviews, criteria)),
        replicable=is_replicable(reviews, criteria),
    )

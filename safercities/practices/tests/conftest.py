"""Factories for the Practice Library's tests (keyword-only options, saved objects)."""

import itertools

import pytest

from safercities.practices.enums import PracticeStatus
from safercities.practices.models import Practice, Review, ReviewAssignment
from safercities.practices.scoring import CRITERIA
from safercities.taxonomy.models import Theme

_counter = itertools.count(1)


@pytest.fixture
def make_practice(db):
    def make(
        *,
        city=None,
        country: str | None = None,
        title: str | None = None,
        published: bool = True,
        themes: tuple[str, ...] = (),
        **extra,
    ) -> Practice:
        n = next(_counter)
        title = title or f"Practice {n}"
        practice = Practice.objects.create(
            title=title,
            slug=extra.pop("slug", f"practice-{n}"),
            city=city,
            country_id=country or (city.country_id if city else "TH"),
            start_year=extra.pop("start_year", 2018),
            end_year=extra.pop("end_year", 2021),
            problem=extra.pop("problem", f"Problem of {title}"),
            what_was_done=extra.pop("what_was_done", f"What {title} did"),
            status=PracticeStatus.PUBLISHED if published else PracticeStatus.DRAFT,
            **extra,
        )
        if themes:
            practice.themes.set(Theme.objects.filter(slug__in=themes))
        return practice

    return make


@pytest.fixture
def make_review(db):
    """``make_review(practice, reviewer, 4, impact=2)``: assigned and saved directly."""

    def make(practice, reviewer, default: int = 4, **scores) -> Review:
        ReviewAssignment.objects.get_or_create(practice=practice, reviewer=reviewer)
        fields = {}
        for criterion in CRITERIA:
            fields[criterion] = scores.get(criterion, default)
            fields[f"{criterion}_reason"] = f"Because of the evidence on {criterion}."
        return Review.objects.create(practice=practice, reviewer=reviewer, **fields)

    return make


@pytest.fixture
def reviewer(make_user):
    return make_user(email="reviewer@example.org", name="Test Reviewer")


@pytest.fixture
def second_reviewer(make_user):
    return make_user(email="reviewer2@example.org", name="Second Reviewer")


def review_post(default: int = 4, **scores) -> dict:
    data = {}
    for criterion in CRITERIA:
        data[criterion] = str(scores.get(criterion, default))
        data[f"{criterion}_reason"] = f"The practice shows this on {criterion} clearly."
    return data

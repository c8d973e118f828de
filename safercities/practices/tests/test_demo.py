"""The demo data: enough to show every feature, clearly invented, and idempotent."""

from io import StringIO

import pytest

from safercities.accounts import demo as accounts_demo
from safercities.places import demo as places_demo
from safercities.places.models import City
from safercities.practices import demo
from safercities.practices.city_matching import practices_for_city
from safercities.practices.models import CityProfile, Indicator, Practice, Review, ReviewAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    out = StringIO()
    places_demo.load(out)
    accounts_demo.load(out)
    demo.load(out)
    return out


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Practice, Indicator, Review, ReviewAssignment, CityProfile)
    )


def test_the_demo_shows_every_case_of_the_review(loaded):
    published = Practice.objects.published()
    assert published.count() >= 25
    assert Practice.objects.drafts().count() == 1
    assert all(p.title.startswith("Demo:") for p in Practice.objects.all())
    assert {"en", "th", "vi", "id", "km"} <= set(published.values_list("language", flat=True))
    assert published.filter(city__isnull=False).values("city").distinct().count() == 14
    summaries = {
        p.slug: p.review_summary() for p in published.filter(reviews__isnull=False).distinct()
    }
    assert 3 <= sum(s.replicable for s in summaries.values()) < len(summaries)
    assert any(s.disagreements and not s.replicable for s in summaries.values())
    assert any(s.count == 1 for s in summaries.values())
    for slug, summary in summaries.items():
        assert Practice.objects.get(slug=slug).is_replicable == summary.replicable
    assert Indicator.objects.count() >= 20
    assert published.exclude(partners=None).count() >= 15


def test_pilot_cities_get_practices_that_share_their_concerns(loaded):
    for city in City.objects.pilots():
        matches = practices_for_city(city, limit=5)
        assert len(matches) == 5, city
        assert any(reason.startswith("shares") for reason in matches[0].reasons), city


def test_loading_twice_adds_nothing(loaded):
    before = counts()
    demo.load(StringIO())
    assert counts() == before

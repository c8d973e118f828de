"""The city page under load: bounded queries, whatever the number of settlements and practices,
and visitors share a short-lived copy of the feature sections."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_region(make_city, make_settlement, make_practice, city_a):
    """City A, and practices from ten other cities with many settlements each."""
    for n in range(10):
        other = make_city(name=f"Other {n}", population=500_000)
        for _ in range(8):
            make_settlement(city=other, estimated_population=1_000)
        make_practice(city=other, title=f"Lighting practice {n}")
    for _ in range(5):
        make_settlement(city=city_a, estimated_population=2_000)
    return city_a


def page_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_city_page_does_not_load_every_settlement_of_the_matched_cities(
    client, busy_region, make_city, make_settlement, make_practice
):
    url = busy_region.get_absolute_url()
    before, page = page_queries(client, url)
    assert "Lighting practice" in page
    more = make_city(name="One more", population=100_000)
    for _ in range(20):
        make_settlement(city=more, estimated_population=10)
    make_practice(city=more, title="Another practice")
    after, _ = page_queries(client, url)
    assert after == before  # more practices and settlements, not more queries
    assert before <= 19


def test_the_matched_cities_informal_share_is_summed_in_the_database(busy_region):
    from safercities.places.models import City

    with CaptureQueriesContext(connection) as ctx:
        city = City.objects.with_informal_population().get(name="Other 0")
        share = city.informal_share
    assert len(ctx.captured_queries) == 1
    assert share == pytest.approx(8_000 / 500_000)


def test_visitors_share_the_sections_for_a_minute_and_members_always_see_fresh_ones(
    client, busy_region, settings, make_practice, make_city, member
):
    settings.CITY_SECTIONS_CACHE_SECONDS = 60
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "city-page-test"}}  # fmt: skip
    cache.clear()
    url = busy_region.get_absolute_url()
    first, page = page_queries(client, url)
    second, again = page_queries(client, url)
    assert second <= 4 < first  # the city, its districts and settlements; the sections cached
    assert "Lighting practice 0" in again and again.count("<h1") == 1
    make_practice(city=busy_region, title="Fresh practice")
    assert "Fresh practice" not in page_queries(client, url)[1]  # visitors: up to a minute old
    client.force_login(member)
    assert "Fresh practice" in page_queries(client, url)[1]  # members: always fresh
    client.logout()
    cache.clear()
    assert "Fresh practice" in page_queries(client, url)[1]
    thai = client.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    translation.activate("en")  # the request left Thai active in this thread
    assert 'lang="th"' in thai and "Practices that may fit this city" not in thai

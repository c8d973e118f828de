"""Practices for a city, as the pages and other apps see them."""

import pytest
from django.utils import translation

from safercities.accounts.models import CityTeamMembership
from safercities.core.models import AuditLogEntry
from safercities.library.enums import ResourceStatus, ResourceType
from safercities.library.models import Resource
from safercities.practices.city_matching import city_concerns, practices_for_city
from safercities.practices.models import CityProfile
from safercities.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def chiang_mai(make_city, make_settlement):
    city = make_city(name="Chiang Mai", slug="chiang-mai", country="TH", population=1_200_000)
    make_settlement(city=city, estimated_population=144_000)  # 12 %
    return city


@pytest.fixture
def target(make_city, make_settlement):
    city = make_city(name="Target", slug="target", country="KH", population=2_300_000)
    make_settlement(city=city, estimated_population=207_000)  # 9 %
    profile = CityProfile.objects.create(city=city)
    profile.concern_themes.set(
        Theme.objects.filter(slug__in=["street-lighting", "womens-safety", "youth"])
    )
    return city


def test_the_explanation_names_shared_themes_size_share_and_cost(make_practice, chiang_mai, target):
    make_practice(
        city=chiang_mai,
        title="Lights",
        themes=("street-lighting", "womens-safety", "drugs"),
        cost_usd=20_000,
    )
    with translation.override("en"):
        [match] = practices_for_city(target)
    assert match.reasons == [
        "shares 2 themes: Street lighting, Women's safety",
        "similar size (1.2 m vs 2.3 m here)",
        "similar share living in informal settlements (12 % vs 9 % here)",
        "low cost",
    ]
    assert match.why.startswith("Shares 2 themes")
    assert match.score > 0


def test_practices_from_the_city_itself_and_drafts_are_left_out(make_practice, chiang_mai, target):
    make_practice(city=target, title="Own", themes=("youth",))
    make_practice(city=chiang_mai, title="Draft", themes=("youth",), published=False)
    elsewhere = make_practice(city=chiang_mai, title="Elsewhere", themes=("youth",))
    assert [m.practice for m in practices_for_city(target)] == [elsewhere]


def test_the_ranking_puts_the_better_fit_first_and_breaks_ties_by_id(
    make_practice, chiang_mai, target
):
    one = make_practice(city=chiang_mai, themes=("youth",))
    two = make_practice(city=chiang_mai, themes=("youth",))
    best = make_practice(city=chiang_mai, themes=("youth", "street-lighting"))
    assert [m.practice for m in practices_for_city(target)] == [best, one, two]
    assert [m.practice for m in practices_for_city(target, limit=1)] == [best]


def test_concerns_come_from_the_profile_the_team_and_resources_about_the_city(make_user, make_city):
    city = make_city(slug="concerned")
    teammate = make_user()
    teammate.themes.set(Theme.objects.filter(slug="drugs"))
    CityTeamMembership.objects.create(user=teammate, city=city)
    resource = Resource.objects.create(
        title="Land study",
        language="en",
        resource_type=ResourceType.RESEARCH,
        status=ResourceStatus.PUBLISHED,
    )
    resource.cities.add(city)
    resource.themes.set(Theme.objects.filter(slug="land-tenure"))
    profile = CityProfile.objects.create(city=city)
    profile.concern_themes.set(Theme.objects.filter(slug="youth"))
    assert city_concerns(city).slugs == {"drugs", "land-tenure", "youth"}


def test_the_city_page_shows_both_practice_sections(client, make_practice, chiang_mai, target):
    make_practice(city=target, title="Target's own practice")
    make_practice(city=chiang_mai, title="Fitting practice", themes=("youth",))
    body = client.get(target.get_absolute_url()).content.decode()
    assert "Practices from this city" in body and "Target&#x27;s own practice" in body
    assert "Practices that may fit this city" in body and "Fitting practice" in body
    assert "Shares 1 theme: Youth" in body
    assert f"/practices/for/{target.slug}/" in body


def test_a_city_with_nothing_to_show_has_no_practice_sections(client, make_city):
    city = make_city(slug="empty-city", population=None)
    body = client.get(city.get_absolute_url()).content.decode()
    assert "Practices from this city" not in body
    assert "Practices that may fit" not in body


def test_the_page_for_a_city_lists_matches_with_reasons(client, make_practice, chiang_mai, target):
    make_practice(city=chiang_mai, title="Fitting practice", themes=("youth",))
    response = client.get(f"/practices/for/{target.slug}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Fitting practice" in body and "Shares 1 theme: Youth" in body
    assert client.get("/practices/for/atlantis/").status_code == 404


def test_the_city_team_and_editors_edit_the_city_concerns(
    client_for, city_a, team_a, team_b, editor
):
    url = f"/practices/for/{city_a.slug}/concerns/"
    assert client_for(team_b).get(url).status_code == 403
    lighting = Theme.objects.get(slug="street-lighting")
    response = client_for(team_a).post(url, {"concern_themes": [lighting.pk], "budget_band": "low"})
    assert response.status_code == 302
    profile = CityProfile.objects.get(city=city_a)
    assert list(profile.concern_themes.all()) == [lighting]
    assert profile.budget_band == "low"
    assert AuditLogEntry.objects.filter(action="city.concerns_updated").exists()
    assert client_for(editor).get(url).status_code == 200

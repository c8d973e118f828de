"""The city page lists published resources about the city: up to five, with the count."""

import pytest

from safercities.library.enums import ResourceStatus

pytestmark = pytest.mark.django_db


def test_the_city_page_shows_five_resources_and_the_count(client, city_a, city_b, make_resource):
    for n in range(7):
        make_resource(title=f"Bangkok resource {n}", cities=[city_a])
    make_resource(title="Bangkok draft", cities=[city_a], status=ResourceStatus.DRAFT)
    make_resource(title="Phnom Penh resource", cities=[city_b])
    body = client.get(city_a.get_absolute_url()).content.decode()
    assert "Resources about this city" in body and "(7)" in body
    assert sum(f"Bangkok resource {n}" in body for n in range(7)) == 5
    assert "Bangkok draft" not in body and "Phnom Penh resource" not in body
    assert f"/library/?city={city_a.slug}" in body


def test_no_section_when_nothing_is_published_about_the_city(client, city_a, make_resource):
    make_resource(cities=[city_a], status=ResourceStatus.SUBMITTED)
    assert "Resources about this city" not in client.get(city_a.get_absolute_url()).content.decode()


def test_the_list_filters_by_city(client, city_a, city_b, make_resource):
    make_resource(title="About Bangkok", cities=[city_a])
    make_resource(title="About Phnom Penh", cities=[city_b])
    body = client.get("/library/", {"city": city_a.slug}).content.decode()
    assert "About Bangkok" in body and "About Phnom Penh" not in body

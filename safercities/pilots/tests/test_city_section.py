import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_city_page_links_to_its_pilot(client, pilot_a):
    html = client.get(reverse("places:city", args=["bangkok"])).content.decode()
    assert pilot_a.get_absolute_url() in html


def test_the_city_team_is_offered_to_start_a_pilot(client, team_a, city_a):
    client.force_login(team_a)
    response = client.get(reverse("places:city", args=["bangkok"]))
    assert reverse("pilots:start", args=["bangkok"]) in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_others_see_no_pilot_section_when_there_is_none(client, team_b, city_a):
    client.force_login(team_b)
    html = client.get(reverse("places:city", args=["bangkok"])).content.decode()
    assert reverse("pilots:start", args=["bangkok"]) not in html

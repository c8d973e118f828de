"""Report an incident from the menu: each city's channel, its support services first."""

import pytest

from safercities.diagnosis.models import SupportService
from safercities.diagnosis.tests.conftest import INCIDENT

pytestmark = pytest.mark.django_db


def test_the_menu_and_home_page_lead_to_the_report_page(client):
    html = client.get("/").content.decode()
    assert html.count('href="/diagnosis/report/"') == 2  # main menu and home page
    assert 'href="/diagnosis/"' in html  # diagnosis pages reachable from the menu


def test_a_city_with_a_channel_shows_its_support_services_before_the_report_button(
    client, make_assessment, city_a
):
    assessment = make_assessment(tool=INCIDENT, is_open=True)
    SupportService.objects.create(city=city_a, name="Women's crisis hotline", phone="1300")
    html = client.get("/diagnosis/report/").content.decode()
    assert html.index("Women&#x27;s crisis hotline") < html.index(
        f"/diagnosis/{assessment.pk}/submit/"
    )
    assert 'href="tel:1300"' in html


def test_a_city_without_a_channel_says_so_and_points_to_its_services(client, city_b):
    SupportService.objects.create(city=city_b, name="Legal aid clinic", phone="012 345 678")
    html = client.get("/diagnosis/report/").content.decode()
    assert "Phnom Penh has no incident reporting channel on the Hub yet." in html
    assert "Legal aid clinic" in html and "The services above can help you now." in html


def test_choosing_a_city_without_anything_still_says_so(client, city_b):
    html = client.get("/diagnosis/report/?city=phnom-penh").content.decode()
    assert "Phnom Penh has no incident reporting channel on the Hub yet." in html


def test_a_closed_channel_is_not_offered(client, make_assessment, city_a):
    closed = make_assessment(tool=INCIDENT, is_open=False)
    html = client.get("/diagnosis/report/?city=bangkok").content.decode()
    assert f"/diagnosis/{closed.pk}/submit/" not in html
    assert "has no incident reporting channel" in html

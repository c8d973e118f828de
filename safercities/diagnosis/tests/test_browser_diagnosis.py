"""In headless Debian Chromium at 360 × 740: a team member audits a spot in Thai and maps it;
a visitor sees only the aggregated diagnosis."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from safercities.diagnosis.models import Submission
from safercities.instruments.generic import generic_instrument

from .conftest import LEVELS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SPOT = (13.721234, 100.558765)
DESCRIPTION = "ป้ายรถเมล์หลังตลาด"


@pytest.fixture(autouse=True)
def countries(transactional_db):
    """Transactional tests flush the seeded countries: put back the one the cities need."""
    from safercities.places.models import Country

    Country.objects.get_or_create(code="TH", defaults={"name": "Thailand"})


@pytest.fixture
def no_tiles(settings):
    settings.MAP_TILE_URL = ""  # no requests to a tile server from the tests


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_team_member_audits_a_spot_in_thai_on_a_phone_and_sees_it_on_the_map(
    live_server, phone_page, team_a, make_assessment, no_tiles
):
    team_a.ui_language = "th"
    team_a.save()
    audit = make_assessment(title="เดินสำรวจคลองเตย")
    page = phone_page
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": SPOT[0], "longitude": SPOT[1], "accuracy": 8})
    log_in(page, live_server, team_a)

    page.goto(f"{live_server.url}/diagnosis/{audit.pk}/submit/")
    title = generic_instrument("womens-safety-audit").title_for("th")
    assert page.locator("h1").inner_text() == title
    assert page.locator("[data-webform]").get_attribute("lang") == "th"
    page.locator("input[name='audit_date']").fill("2024-03-05")
    page.locator("input[name='time_of_day'][value='after_dark']").check()
    page.locator("input[name='walk_group'][value='womens_group']").check()
    page.locator("button.webform-locate").click()
    page.wait_for_function("document.querySelector('input[name=location]').value !== ''")
    page.locator("textarea[name='spot_description']").fill(DESCRIPTION)
    for parameter, levels in LEVELS.items():
        page.locator(f"input[name='{parameter}'][value='{levels[1]}']").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("form.submission-form button[type='submit']").click()
    page.wait_for_url(f"**/diagnosis/{audit.pk}/submit/?lang=th")

    submission = Submission.objects.get(assessment=audit)
    assert (submission.latitude, submission.longitude) == SPOT
    assert submission.language == "th" and submission.created_by == team_a

    page.goto(f"{live_server.url}/diagnosis/{audit.pk}/map/")
    page.wait_for_selector("#diagnosis-map[data-ready='true']")
    assert page.locator(".spot-marker").count() == 1
    row = page.locator("#spot-table tr.spot-row")
    assert row.count() == 1 and DESCRIPTION in row.inner_text()
    assert "13.72123" in row.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_visitor_sees_only_the_aggregated_diagnosis(
    live_server, phone_page, make_assessment, no_tiles
):
    from .conftest import audit_answers, store

    audit = make_assessment(title="Khlong Toei walks")
    for i in range(6):
        lat, lon = SPOT[0] + i * 0.00011, SPOT[1]
        store(audit, audit_answers(i % 4, lat, lon, spot_description=f"Hidden place {i}"))
    page = phone_page

    page.goto(f"{live_server.url}/diagnosis/{audit.pk}/")
    text = page.content()
    assert "Hidden place" not in text and "13.72123" not in text and "100.55876" not in text
    assert page.locator(f"a[href='/diagnosis/{audit.pk}/submissions/']").count() == 0
    assert page.get_by_role("heading", name="Scores by map cell").is_visible()

    page.goto(f"{live_server.url}/diagnosis/{audit.pk}/map/")
    page.wait_for_selector("#diagnosis-map[data-ready='true']")
    assert page.locator(".spot-marker").count() == 0
    assert page.locator("#spot-table").count() == 0
    assert page.locator(".cell-polygon").count() >= 1  # the pooled cell
    text = page.content()
    assert "Hidden place" not in text and "13.72123" not in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    response = page.goto(f"{live_server.url}/diagnosis/{audit.pk}/submissions/")
    assert "/accounts/login/" in page.url and response.ok

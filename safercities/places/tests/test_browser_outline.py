"""On a 360 px phone in Thai: an editor draws a settlement's outline on the map and saves it."""

import pytest
from django.conf import settings
from django.test import Client

from safercities.places.models import InformalSettlement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, user, language="th"):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )


def test_an_editor_draws_a_settlement_outline_on_a_phone_in_thai(
    live_server, phone_page, editor, city_a
):
    page = phone_page
    _log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/cities/{city_a.slug}/settlements/new/")
    assert page.locator("html").get_attribute("lang") == "th"
    page.locator("input[name=name]").fill("ชุมชนคลองเตย")
    map_box = page.locator("[data-outline-map]")
    map_box.scroll_into_view_if_needed()
    assert map_box.is_visible()
    page.locator(".leaflet-pm-icon-polygon").click()
    box = map_box.bounding_box()
    # right of the toolbar, whose action buttons open over the left of a phone-sized map
    corners = [(0.55, 0.35), (0.9, 0.35), (0.9, 0.75), (0.55, 0.75), (0.55, 0.35)]
    for fx, fy in corners:
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
        page.wait_for_timeout(150)
    assert page.locator("input[name=outline_drawn]").input_value().startswith('{"type":"Polygon"')
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(f"**/cities/{city_a.slug}/")
    settlement = InformalSettlement.objects.get(name="ชุมชนคลองเตย")
    ring = settlement.outline["coordinates"][0]
    assert len(ring) == 5 and ring[0] == ring[-1]
    assert 13.5 < settlement.latitude < 14.0 and 100.3 < settlement.longitude < 100.7
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

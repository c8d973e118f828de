"""On a 360 px touch phone in Khmer: the header reaches the language switcher; no Ctrl hint."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_touch_phone_finds_the_language_switcher_and_no_ctrl_hint(live_server, _chromium, member):
    context = _chromium.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True, locale="km"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "km"
    link = page.locator("header .header-language")
    box = link.bounding_box()
    assert box and box["y"] < 740  # visible without scrolling
    link.click()
    select = page.locator("#language-select")
    select.select_option("th")
    page.locator(".language-form button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "th"

    client = Client()
    client.force_login(member)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(live_server.url + "/library/new/")
    hint = page.locator(".pointer-hint").first
    assert hint.count() == 1 and not hint.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()

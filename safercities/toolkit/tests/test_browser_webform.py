"""In headless Debian Chromium at 360 px: the web form's location button and relevance."""

import pytest
from django.urls import reverse

from safercities.toolkit import services
from safercities.toolkit.models import ToolVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_use_my_location_fills_the_geopoint_and_the_form_fits_a_phone(live_server, phone_page):
    services.ensure_generic_tools()
    version = ToolVersion.objects.generic("incident-report")
    page = phone_page
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 13.7563, "longitude": 100.5018, "accuracy": 12})

    page.goto(
        live_server.url + reverse("toolkit:version_preview", args=[version.tool.slug, version.pk])
    )
    page.get_by_role("button", name="Use my location").click()

    location = page.locator("input[data-geolocate]")
    page.wait_for_function("document.querySelector('input[data-geolocate]').value !== ''")
    latitude, longitude, *_ = location.input_value().split()
    assert (float(latitude), float(longitude)) == (13.7563, 100.5018)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_questions_appear_when_they_become_relevant(live_server, phone_page):
    services.ensure_generic_tools()
    version = ToolVersion.objects.generic("incident-report")
    instrument = version.instrument()
    dependent = next(q for q in instrument.questions if q.relevant == "${category} = 'other'")
    page = phone_page
    page.goto(
        live_server.url + reverse("toolkit:version_preview", args=[version.tool.slug, version.pk])
    )

    wrapper = page.locator(f"[data-question='{dependent.name}']")
    assert wrapper.is_hidden()
    page.locator("input[name='category'][value='other']").check()
    assert wrapper.is_visible()
    page.locator("input[name='category']").first.check()
    assert wrapper.is_hidden()


def test_the_form_works_without_javascript(live_server, _chromium):
    services.ensure_generic_tools()
    version = ToolVersion.objects.generic("incident-report")
    context = _chromium.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    try:
        page.goto(
            live_server.url
            + reverse("toolkit:version_preview", args=[version.tool.slug, version.pk])
        )
        assert page.get_by_role("button", name="Use my location").is_hidden()
        page.locator("input[data-geolocate]").fill("13.75 100.5")
        page.get_by_role("button", name="Check my answers").click()
        page.wait_for_load_state()
        assert page.locator(".field-error [data-geolocate]").count() == 0
        assert page.locator(".field-error").count() > 0  # other required answers are missing
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_incidents_are_added_and_removed_with_the_repeat_buttons(
    live_server, _chromium, javascript
):
    services.ensure_generic_tools()
    version = ToolVersion.objects.generic("victimization-survey")
    context = _chromium.new_context(
        java_script_enabled=javascript, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    try:
        page.goto(
            live_server.url
            + reverse("toolkit:version_preview", args=[version.tool.slug, version.pk])
        )
        page.locator("input[name='incidents__0__incident_crime'][value='robbery']").check()
        page.get_by_role("button", name="Add another: Incidents in the past 12 months").click()
        page.wait_for_selector("input[name='incidents__1__incident_crime']")
        assert page.locator(
            "input[name='incidents__0__incident_crime'][value='robbery']"
        ).is_checked()
        # Relevance inside an entry is not hidden by the script: the question stays answerable.
        assert page.locator("[data-question='incident_why_not']").first.is_visible()
        page.get_by_role("button", name="Remove entry 1").click()
        page.wait_for_selector("input[name='incidents__1__incident_crime']", state="detached")
        assert not page.locator("input[name='incidents__0__incident_crime']").first.is_checked()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()

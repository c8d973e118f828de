"""In headless Debian Chromium: sign up, confirm, log in, edit the profile, switch to Thai."""

import re

import pytest
from django.core import mail

from safercities.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_user_signs_up_confirms_logs_in_edits_profile_and_switches_to_thai(
    live_server, phone_page, city_a
):
    page = phone_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Email").fill("field.officer@example.org")
    page.get_by_label(re.compile(r"^Password \(required")).fill("a-good-password-51")
    page.get_by_label(re.compile(r"^Password \(again")).fill("a-good-password-51")
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + "/" + link.split("/", 3)[3])
    page.get_by_role("button", name="Confirm").click()

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("field.officer@example.org")
    page.get_by_label("Password").fill("a-good-password-51")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/profile/")

    page.get_by_label(re.compile("^Name")).fill("Field Officer")
    page.get_by_label("Position").fill("Community development officer")
    page.get_by_label("City", exact=True).select_option(label="Bangkok")
    page.get_by_label("ไทย").check()
    page.get_by_role("button", name="Save profile").click()
    assert page.get_by_text("Your profile has been saved.").is_visible()

    user = User.objects.get(email="field.officer@example.org")
    assert user.name == "Field Officer"
    assert user.city == city_a
    assert "th" in user.languages

    page.get_by_label("Language", exact=True).select_option("th")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "th"
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading != "My profile" and re.search(r"[\u0e00-\u0e7f]", heading)
    user.refresh_from_db()
    assert user.ui_language == "th"
    # The page fits the phone: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

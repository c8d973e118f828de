"""On a 360 px phone in Khmer and Thai: ask for a role, the lead approves; accept an invitation."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from safercities.accounts.models import CityTeamMembership, RoleRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, user, language):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
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


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_member_asks_in_khmer_to_join_a_team_and_the_lead_approves_in_thai(
    live_server, phone_page, make_user, city_b
):
    sokha = make_user(email="sokha@example.org", name="Sokha Chan")
    lead = make_user(email="lead.pp@example.org", name="Dara Lead")
    CityTeamMembership.objects.create(user=lead, city=city_b, is_lead=True)
    page = phone_page

    _log_in(page, live_server, sokha, "km")
    page.goto(live_server.url + "/roles/")
    assert page.locator("html").get_attribute("lang") == "km"
    page.locator("select[name=role]").select_option("city_team")
    page.locator("select[name=city]").select_option(label="Phnom Penh")
    page.locator("textarea[name=reason]").fill("ខ្ញុំធ្វើការវាយតម្លៃសុវត្ថិភាពនៅសង្កាត់ទួលសង្កែ")
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url("**/roles/")
    assert page.get_by_role("status").inner_text().strip()
    assert _fits(page)
    request = RoleRequest.objects.get(user=sokha)
    assert request.city == city_b

    _log_in(page, live_server, lead, "th")
    page.goto(live_server.url + "/roles/")
    decision = page.locator("li.decision", has_text="Sokha Chan")
    assert "ទួលសង្កែ" in decision.inner_text()
    decision.locator("textarea").fill("ยินดีต้อนรับ")
    decision.locator("button[value=approve]").click()
    page.wait_for_url("**/roles/")
    assert _fits(page)
    assert CityTeamMembership.objects.filter(user=sokha, city=city_b).exists()
    assert mail.outbox[-1].to == ["sokha@example.org"]


def test_an_invited_person_accepts_on_a_phone(live_server, phone_page, make_user, city_a):
    lead = make_user(email="lead.bkk@example.org", name="Busaba Lead")
    CityTeamMembership.objects.create(user=lead, city=city_a, is_lead=True)
    page = phone_page
    _log_in(page, live_server, lead, "th")
    page.goto(f"{live_server.url}/cities/{city_a.slug}/team/")
    assert _fits(page)
    page.locator("input[name=email]").fill("niran@example.org")
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(f"**/cities/{city_a.slug}/team/")
    assert "niran@example.org" in page.content()

    link = re.search(r"https?://[^/\s]+(/invitations/\S+/)", mail.outbox[-1].body).group(1)
    niran = make_user(email="niran@example.org", name="Niran")
    _log_in(page, live_server, niran, "th")
    page.goto(live_server.url + link)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{city_a.get_absolute_url()}")
    assert CityTeamMembership.objects.filter(user=niran, city=city_a).exists()
    assert _fits(page)

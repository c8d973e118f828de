"""In headless Debian Chromium on a 360 px phone: a Thai digest's unsubscribe link works
without logging in, in Thai; the header count appears through htmx for a logged-in member."""

import pytest
from django.core import mail

from safercities.notifications.digests import send_digests
from safercities.notifications.models import Preference
from safercities.notifications.services import notify, set_preference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_thai_digest_arrives_and_its_unsubscribe_link_works_without_login(
    live_server, phone_page, somchai, reply_kind, settings
):
    set_preference(somchai, "test.reply", "daily")
    notify(somchai, "test.reply", data={"title": "ทางเดินสว่างยามค่ำ"}, language="th")
    assert send_digests("daily").sent == 1
    [message] = mail.outbox
    assert "สรุปรายวัน" in message.subject and "ทางเดินสว่างยามค่ำ" in message.body
    link = message.extra_headers["List-Unsubscribe"][1:-1]
    assert link in message.body
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    page = phone_page
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == "th"
    page.get_by_role("button", name="ยกเลิกการรับ").click()
    page.wait_for_selector("p[role=status]")
    assert "เรียบร้อย" in page.locator("p[role=status]").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert Preference.objects.get(user=somchai, verb="test.reply").delivery == "site"


def test_the_header_shows_the_unread_count_once_htmx_has_loaded_it(
    live_server, phone_page, member, reply_kind, client
):
    notify(member, "test.reply", data={"title": "Lit lanes"})
    client.force_login(member)
    cookie = client.cookies["sessionid"]
    page = phone_page
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.goto(live_server.url + "/about/")
    badge = page.locator("#notifications-link .badge")
    badge.wait_for()
    assert badge.inner_text().startswith("1")
    page.locator("#notifications-link a").click()
    page.wait_for_url("**/notifications/")
    assert "Lit lanes" in page.content()

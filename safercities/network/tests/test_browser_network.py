"""In headless Debian Chromium on a 360 px phone: a member asks in Khmer, the question reaches
a Phnom Penh expert after 48 hours, the expert answers, the asker accepts, a visitor sees
public threads only, and a hidden post is gone for others."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from safercities.conftest import PASSWORD
from safercities.network import moderation
from safercities.network.enums import ThreadKind, Visibility
from safercities.network.models import Post, Thread
from safercities.network.routing import route_unanswered
from safercities.notifications.models import Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_a_khmer_question_is_routed_answered_accepted_and_seen_by_visitors(
    live_server, _chromium, make_user, make_space, make_thread, city_b, editor
):
    from safercities.taxonomy.models import Theme

    lighting = Theme.objects.get(slug="street-lighting")
    make_space(name="Street lighting", slug="street-lighting", theme=lighting)
    lounge = make_space(name="Lounge", slug="lounge", visibility=Visibility.MEMBERS)
    asker = make_user(email="asker@example.org", name="Asker Demo", city=city_b, languages=["km"])
    expert = make_user(email="expert@example.org", name="Expert Demo", city=city_b,
                       languages=["km", "en"])  # fmt: skip
    expert.themes.add(lighting)
    for person in (asker, expert):  # neither is new any more
        make_thread(space=lounge, author=person, title=f"Hello from {person}",
                    kind=ThreadKind.DISCUSSION)  # fmt: skip
    base = live_server.url

    context, page = _phone(_chromium)
    _log_in(page, base, "asker@example.org")
    page.goto(base + "/")
    page.get_by_role("link", name="Join the network").click()
    page.get_by_role("link", name="Street lighting").first.click()
    page.get_by_role("link", name="Ask a question or start a discussion").click()
    page.get_by_label(re.compile("^Title")).fill("តើយើងគួរបំភ្លឺផ្លូវតូចៗនៅផ្សាររាត្រីយ៉ាងដូចម្តេច?")
    page.get_by_label(re.compile("^Text")).fill("ផ្លូវតូចៗងងឹតណាស់បន្ទាប់ពីម៉ោង ៩ យប់។")
    page.get_by_role("button", name="Post").click()
    page.wait_for_url("**/network/threads/*/")
    thread = Thread.objects.get(title__startswith="តើយើង")
    assert thread.language == "km" and thread.kind == ThreadKind.QUESTION
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()

    Thread.objects.filter(pk=thread.pk).update(created_at=timezone.now() - timedelta(hours=49))
    assert route_unanswered() == {thread.pk: [expert.pk]}
    assert Notification.objects.filter(recipient=expert, verb="network.question_routed").exists()

    context, page = _phone(_chromium)
    _log_in(page, base, "expert@example.org")
    page.goto(base + "/notifications/")
    page.get_by_role("link", name=re.compile("តើយើង")).first.click()
    page.wait_for_url("**/network/threads/*/**")
    page.get_by_label("Your reply").fill("យើងបានដំឡើងអំពូល LED ពន្លឺព្រះអាទិត្យ ៤០។")
    page.get_by_role("button", name="Post").click()
    page.wait_for_load_state()
    answer = Post.objects.get(thread=thread, author=expert)
    assert answer.language == "km" and page.get_by_text("អំពូល LED").is_visible()
    context.close()

    context, page = _phone(_chromium)
    _log_in(page, base, "asker@example.org")
    page.goto(base + thread.get_absolute_url())
    page.get_by_role("link", name="Accept this answer").click()
    page.get_by_label("Where and how it worked").fill("Phnom Penh night market, 2024")
    page.get_by_role("button", name="Accept this answer").click()
    page.wait_for_load_state()
    assert page.get_by_text("Phnom Penh night market, 2024").is_visible()
    thread.refresh_from_db()
    assert thread.is_answered
    context.close()

    moderation.hide(editor, Post.objects.get(thread__title="Hello from Expert Demo"), "test")
    spam = Post.objects.create(thread=thread, author=asker, body="Cheap watches here",
                               body_html="<p>Cheap watches here</p>", language="en")  # fmt: skip
    moderation.hide(editor, spam, "Advertising")

    context, page = _phone(_chromium)
    page.goto(base + "/network/")
    assert page.get_by_role("link", name=re.compile("តើយើង")).is_visible()
    assert page.get_by_text("Hello from Asker Demo").count() == 0  # members-only space
    page.get_by_role("link", name=re.compile("តើយើង")).click()
    assert page.get_by_text("Accepted answer").is_visible()
    assert page.get_by_text("Cheap watches here").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()

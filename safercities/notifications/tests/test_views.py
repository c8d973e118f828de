"""The notifications page, the header count, marking read, preferences and unsubscribing."""

import re

import pytest
from django.core import mail

from safercities.core.models import AuditLogEntry
from safercities.notifications.models import Notification, Preference
from safercities.notifications.services import notify
from safercities.notifications.tokens import make_token


def _tell(person, title, **extra):
    return notify(person, "test.reply", data={"title": title}, url="/cities/", **extra)


def test_a_visitor_is_asked_to_log_in(client):
    for url in ("/notifications/", "/notifications/preferences/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_header_refresh_after_the_session_ended_changes_nothing(client):
    response = client.get("/notifications/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response.content == b""


def test_the_page_lists_the_member_notifications_newest_first(client_for, member, reply_kind):
    _tell(member, "Older")
    _tell(member, "Newer")
    html = client_for(member).get("/notifications/").content.decode()
    assert html.count("<h1") == 1
    assert html.index("Newer") < html.index("Older")
    assert "2 unread notifications." in html


def test_members_never_see_each_others_notifications(client_for, member, make_user, reply_kind):
    _tell(member, "Mine only")
    other = make_user(name="Other")
    assert "Mine only" not in client_for(other).get("/notifications/").content.decode()
    notification = Notification.objects.get(recipient=member)
    response = client_for(other).post(f"/notifications/{notification.pk}/read/")
    assert response.status_code == 404
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_the_page_is_paged_by_thirty(client_for, member, reply_kind):
    for n in range(35):
        _tell(member, f"Item {n:02d}")
    client = client_for(member)
    first = client.get("/notifications/").content.decode()
    second = client.get("/notifications/?page=2").content.decode()
    assert "Item 34" in first and "Item 04" not in first
    assert "Item 04" in second and "Item 34" not in second
    assert client.get("/notifications/?page=zzz").status_code == 200


def test_the_page_query_count_does_not_grow_with_notifications(
    client_for, member, editor, reply_kind, django_assert_max_num_queries
):
    for n in range(30):
        _tell(member, f"Item {n}", actor=editor)
    client = client_for(member)
    with django_assert_max_num_queries(8):
        assert client.get("/notifications/").status_code == 200


def test_marking_one_read_keeps_the_others_unread(client_for, member, reply_kind):
    first, second = _tell(member, "First"), _tell(member, "Second")
    response = client_for(member).post(
        f"/notifications/{first.pk}/read/", {"next": "/notifications/?page=1"}
    )
    assert response["Location"] == "/notifications/?page=1"
    assert Notification.objects.get(pk=first.pk).read_at is not None
    assert Notification.objects.get(pk=second.pk).read_at is None


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client_for, member, reply_kind):
    notification = _tell(member, "First")
    response = client_for(member).post(f"/notifications/{notification.pk}/read/", {"open": "1"})
    assert response["Location"] == "/cities/"
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_following_a_link_from_the_list_marks_it_read(client_for, member, make_user, reply_kind):
    notification = _tell(member, "First")
    client = client_for(member)
    assert (
        f"/notifications/{notification.pk}/open/" in client.get("/notifications/").content.decode()
    )
    response = client.get(f"/notifications/{notification.pk}/open/")
    assert response["Location"] == "/cities/"
    assert Notification.objects.get(pk=notification.pk).read_at is not None
    assert client_for(make_user()).get(f"/notifications/{notification.pk}/open/").status_code == 404


def test_marking_never_redirects_to_another_site(client_for, member, reply_kind):
    notification = _tell(member, "First")
    response = client_for(member).post(
        f"/notifications/{notification.pk}/read/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/notifications/"


def test_mark_all_read(client_for, member, reply_kind):
    _tell(member, "First")
    _tell(member, "Second")
    client = client_for(member)
    response = client.post("/notifications/")
    assert response.status_code == 302
    assert not Notification.objects.unread().exists()
    assert "unread notification" not in client.get("/notifications/").content.decode()


def test_the_header_shows_a_plain_link_without_a_query(
    client_for, member, reply_kind, django_assert_max_num_queries
):
    _tell(member, "First")
    client = client_for(member)
    client.get("/about/")  # warm the session
    html = client.get("/about/").content.decode()
    link = re.search(r'<li id="notifications-link".*?</li>', html, re.S).group(0)
    assert 'href="/notifications/"' in link and 'hx-trigger="load, every 120s"' in link
    assert "badge" not in link  # the count is fetched by htmx, not by every page


def test_the_header_count_comes_as_a_partial_with_hx_request(client_for, member, reply_kind):
    _tell(member, "First")
    _tell(member, "Second")
    client = client_for(member)
    partial = client.get("/notifications/", HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert html.startswith('<li id="notifications-link"') and "<html" not in html
    assert ">2<" in html and 'hx-trigger="every 120s"' in html  # no reload loop
    assert "HX-Request" in partial.get("Vary", "")
    full = client.get("/notifications/").content.decode()
    assert "<html" in full and "2 unread notifications." in full


def test_the_header_partial_keeps_a_small_query_count(
    client_for, member, reply_kind, django_assert_max_num_queries
):
    for n in range(20):
        _tell(member, f"Item {n}")
    client = client_for(member)
    with django_assert_max_num_queries(3):
        client.get("/notifications/", HTTP_HX_REQUEST="true")


def test_the_preferences_page_saves_a_choice_per_kind(client_for, somchai, reply_kind):
    client = client_for(somchai)
    html = client.get("/notifications/preferences/").content.decode()
    assert 'name="test.reply"' in html and 'name="resource.published"' in html
    response = client.post(
        "/notifications/preferences/",
        {"test.reply": "weekly", "resource.published": "immediate"},
    )
    assert response.status_code == 302
    assert Preference.objects.get(user=somchai, verb="test.reply").delivery == "weekly"
    # unchanged choices are not stored: the kind's default still applies later
    assert not Preference.objects.filter(user=somchai, verb="resource.published").exists()
    assert AuditLogEntry.objects.filter(action="notifications.preference_set").count() == 1


def test_a_bad_preference_is_refused_in_the_member_language(client_for, somchai, reply_kind):
    client = client_for(somchai)
    client.cookies["safercities_language"] = "th"
    response = client.post("/notifications/preferences/", {"test.reply": "hourly"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "เลือกตัวเลือกที่ถูกต้อง" in response.content.decode()  # "Select a valid choice"
    assert not Preference.objects.filter(user=somchai).exists()


def test_unsubscribing_from_immediate_mail_keeps_the_site_notifications(
    client, somchai, reply_kind
):
    Preference.objects.create(user=somchai, verb="test.reply", delivery="immediate")
    _tell(somchai, "Lit lanes")
    link = mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1]
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert client.post(path).status_code == 200
    assert Preference.objects.get(user=somchai, verb="test.reply").delivery == "site"
    assert _tell(somchai, "Again").delivery == "site" and len(mail.outbox) == 1
    again = client.post(path).content.decode()
    assert "อยู่แล้ว" in again  # "you already get no mail", in Somchai's Thai


def test_a_forged_unsubscribe_link_changes_nothing(client, somchai, reply_kind):
    Preference.objects.create(user=somchai, verb="test.reply", delivery="immediate")
    token = make_token(somchai.pk, "test.reply")
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    response = client.post(f"/notifications/unsubscribe/{forged}/")
    assert response.status_code == 400
    assert Preference.objects.get(user=somchai, verb="test.reply").delivery == "immediate"


@pytest.mark.parametrize("scope", ["no.such.verb", "digest:hourly"])
def test_an_unsubscribe_link_for_an_unknown_kind_is_not_found(client, somchai, scope):
    assert (
        client.get(f"/notifications/unsubscribe/{make_token(somchai.pk, scope)}/").status_code
        == 404
    )


def test_editors_only_kinds_are_offered_to_editors_only(client_for, member, editor):
    member_page = client_for(member).get("/notifications/preferences/").content.decode()
    assert 'name="resource.published"' in member_page
    assert 'name="resource.submitted"' not in member_page
    editor_page = client_for(editor).get("/notifications/preferences/").content.decode()
    assert 'name="resource.submitted"' in editor_page and 'name="practice.proposed"' in editor_page

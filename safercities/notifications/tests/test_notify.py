"""notify / notify_many: the contract other apps build on."""

import pytest
from django.core import mail

from safercities.notifications import registry
from safercities.notifications.models import Notification, Preference
from safercities.notifications.services import notify, notify_many, set_preference
from safercities.notifications.tokens import read_token


def test_notify_stores_a_site_notification_about_the_target(member, editor, city_a, reply_kind):
    notification = notify(member, "test.reply", city_a, actor=editor, language="th")
    assert notification.recipient == member and notification.actor == editor
    assert notification.title == "Bangkok"
    assert notification.url == city_a.get_absolute_url()
    assert notification.target_id == str(city_a.pk)
    assert notification.language == "th" and notification.delivery == "site"
    assert notification.message == "News about “Bangkok”."
    assert mail.outbox == []


def test_the_content_language_is_stored_as_a_canonical_bcp47_tag(member, reply_kind):
    assert notify(member, "test.reply", language="zh_hans").language == "zh-Hans"


def test_an_explicit_url_and_title_win_over_the_target(member, city_a, reply_kind):
    notification = notify(
        member, "test.reply", city_a, url="/somewhere/", data={"title": "Another name"}
    )
    assert notification.url == "/somewhere/" and notification.title == "Another name"


def test_nobody_is_told_about_what_they_did_themselves(member, reply_kind):
    assert notify(member, "test.reply", actor=member) is None
    assert not Notification.objects.exists()


def test_inactive_or_missing_recipients_are_not_told(make_user, reply_kind):
    gone = make_user(is_active=False)
    assert notify(gone, "test.reply") is None
    assert notify(None, "test.reply") is None
    assert not Notification.objects.exists()


def test_an_unregistered_verb_is_a_programming_error(member):
    with pytest.raises(registry.UnknownVerb):
        notify(member, "no.such.verb")


def test_a_member_who_turned_a_kind_off_is_not_told(member, reply_kind):
    set_preference(member, "test.reply", "off")
    assert notify(member, "test.reply") is None
    assert not Notification.objects.exists()


def test_immediate_mail_is_rendered_in_the_recipient_language_with_unsubscribe_headers(
    somchai, city_a, reply_kind
):
    set_preference(somchai, "test.reply", "immediate")
    notification = notify(somchai, "test.reply", city_a)
    assert notification.emailed_at is not None
    [message] = mail.outbox
    assert message.to == ["somchai@example.org"]
    assert message.subject == "ข่าวเกี่ยวกับ “Bangkok”"
    assert "http://" in message.body and "/cities/" in message.body
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and "/notifications/unsubscribe/" in header
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = header.rstrip("/>").rsplit("/", 1)[1]
    assert read_token(token) == (somchai.pk, "test.reply")
    assert header[1:-1] in message.body


def test_digest_deliveries_store_the_notification_without_mail(member, reply_kind):
    set_preference(member, "test.reply", "weekly")
    notification = notify(member, "test.reply", data={"title": "Lanes"})
    assert notification.delivery == "weekly" and notification.emailed_at is None
    assert mail.outbox == []


def test_notify_many_stores_one_notification_per_follower(
    make_user, editor, city_a, reply_kind, django_assert_max_num_queries
):
    followers = [make_user() for _ in range(25)]
    with django_assert_max_num_queries(6):
        stored = notify_many(
            [f.pk for f in followers] + [followers[0].pk, editor.pk],
            "test.reply",
            city_a,
            actor=editor,
            language="km",
        )
    assert stored == 25
    rows = Notification.objects.filter(verb="test.reply")
    assert rows.count() == 25 and not rows.filter(recipient=editor).exists()
    assert set(rows.values_list("language", flat=True)) == {"km"}
    assert set(rows.values_list("title", flat=True)) == {"Bangkok"}


def test_notify_many_follows_each_member_preference(make_user, somchai, sokha, reply_kind):
    quiet = make_user(name="Quiet")
    set_preference(quiet, "test.reply", "off")
    set_preference(somchai, "test.reply", "immediate")
    set_preference(sokha, "test.reply", "daily")
    stored = notify_many([quiet, somchai, sokha], "test.reply", data={"title": "Lit lanes"})
    assert stored == 2
    assert dict(Notification.objects.values_list("recipient__name", "delivery")) == {
        "Somchai": "immediate",
        "Sokha": "daily",
    }
    assert [m.to for m in mail.outbox] == [["somchai@example.org"]]


def test_notify_many_skips_inactive_members_and_accepts_users_or_ids(make_user, reply_kind):
    active, inactive = make_user(), make_user(is_active=False)
    assert notify_many([active, inactive.pk], "test.reply") == 1
    assert notify_many([], "test.reply") == 0


def test_notify_many_query_count_does_not_grow_with_followers(
    make_user, reply_kind, django_assert_max_num_queries
):
    followers = [make_user().pk for _ in range(60)]
    Preference.objects.create(user_id=followers[0], verb="test.reply", delivery="daily")
    with django_assert_max_num_queries(6):
        assert notify_many(followers, "test.reply") == 60


def test_notify_many_later_runs_the_fan_out_in_the_task_queue(
    make_user, editor, city_a, reply_kind
):
    from safercities.notifications.services import notify_many_later

    followers = [make_user() for _ in range(3)]
    result = notify_many_later(followers + [editor], "test.reply", city_a, actor=editor)
    assert result.return_value == 3  # the immediate backend ran it already
    assert set(Notification.objects.values_list("title", flat=True)) == {"Bangkok"}
    assert not Notification.objects.filter(recipient=editor).exists()

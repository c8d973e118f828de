"""Daily and weekly digests: languages, idempotency, unsubscribe without login."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from safercities.notifications.digests import period_start, reads, send_digests
from safercities.notifications.models import Digest, Notification
from safercities.notifications.services import notify, notify_many, set_preference


def _post(recipient, title, language, verb="test.reply"):
    return notify(recipient, verb, data={"title": title}, language=language, url="/forum/1/")


@pytest.fixture
def somchai_daily(somchai, reply_kind):
    set_preference(somchai, "test.reply", "daily")
    return somchai


def test_weeks_start_on_monday_and_days_on_themselves():
    assert period_start("weekly", date(2026, 12, 3)) == date(2026, 11, 30)
    assert period_start("daily", date(2026, 12, 3)) == date(2026, 12, 3)


def test_reading_a_language_matches_bcp47_tags_sensibly():
    assert reads("th", ["th", "en"]) and reads("en-GB", ["en"]) and reads("en", ["en-GB"])
    assert reads("", ["km"])  # content without a language is for everyone
    assert not reads("km", ["th", "en"]) and not reads("zh-Hant", ["zh-Hans"])


def test_a_thai_digest_lists_thai_and_english_posts_and_counts_the_others(somchai_daily):
    _post(somchai_daily, "ทางเดินสว่าง", "th")
    _post(somchai_daily, "Lit lanes", "en")
    _post(somchai_daily, "ផ្លូវភ្លឺ", "km")
    _post(somchai_daily, "Đường sáng", "vi")
    run = send_digests("daily")
    assert (run.sent, run.listed, run.other_languages) == (1, 2, 2)
    [message] = mail.outbox
    assert message.to == ["somchai@example.org"]
    assert "สรุปรายวัน" in message.subject  # the subject is in Thai
    assert "ทางเดินสว่าง" in message.body and "Lit lanes" in message.body
    assert "ផ្លូវភ្លឺ" not in message.body and "Đường sáng" not in message.body
    assert "2 โพสต์ในภาษาอื่น" in message.body  # "2 posts in other languages"
    assert "/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_thai_digest_unsubscribe_link_works_without_login(client, somchai_daily):
    _post(somchai_daily, "ทางเดินสว่าง", "th")
    send_digests("daily")
    link = mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1]
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path, HTTP_ACCEPT_LANGUAGE="th")
    assert page.status_code == 200 and "<form" in page.content.decode()
    done = client.post("/" + path)  # what a mail client's one-click POST does
    assert done.status_code == 200
    assert somchai_daily.notification_preferences.get(verb="test.reply").delivery == "site"
    _post(somchai_daily, "อีกเรื่อง", "th")
    assert Notification.objects.filter(delivery="daily", digest__isnull=True).count() == 0


def test_a_digest_is_never_sent_twice_for_the_same_period(somchai_daily):
    _post(somchai_daily, "ทางเดินสว่าง", "th")
    first = send_digests("daily", today=date(2026, 12, 3))
    _post(somchai_daily, "Lit lanes", "en")  # arrives after today's digest went out
    second = send_digests("daily", today=date(2026, 12, 3))
    assert (first.sent, second.sent, second.skipped) == (1, 0, 1)
    assert len(mail.outbox) == 1
    assert Digest.objects.filter(user=somchai_daily).count() == 1
    tomorrow = send_digests("daily", today=date(2026, 12, 4))
    assert tomorrow.sent == 1 and "Lit lanes" in mail.outbox[1].body
    assert "ทางเดินสว่าง" not in mail.outbox[1].body  # listed once only


def test_a_member_claimed_by_another_worker_is_skipped(somchai_daily, sokha):
    set_preference(sokha, "test.reply", "daily")
    _post(somchai_daily, "ทางเดินสว่าง", "th")
    _post(sokha, "ផ្លូវភ្លឺ", "km")
    # another worker inserted Somchai's claim row for today a moment earlier
    Digest.objects.create(
        user=somchai_daily, frequency="daily", period_start=date(2026, 12, 3), claim="other"
    )
    run = send_digests("daily", today=date(2026, 12, 3))
    assert (run.sent, run.skipped) == (1, 1)
    assert [m.to for m in mail.outbox] == [["sokha@example.org"]]
    # Somchai's notification stays for the worker that claimed him (not attached here)
    assert Notification.objects.get(recipient=somchai_daily).digest is None


def test_daily_and_weekly_digests_list_only_their_own_notifications(somchai, reply_kind):
    from safercities.notifications import registry

    registry.register("test.mention", label="Mentions", message=lambda n: n.title)
    try:
        set_preference(somchai, "test.reply", "daily")
        set_preference(somchai, "test.mention", "weekly")
        _post(somchai, "Daily thing", "th")
        _post(somchai, "Weekly thing", "th", verb="test.mention")
        assert send_digests("daily").sent == 1
        assert "Weekly thing" not in mail.outbox[0].body
        assert send_digests("weekly").sent == 1
        assert "Weekly thing" in mail.outbox[1].body and "Daily thing" not in mail.outbox[1].body
        assert "สรุปรายสัปดาห์" in mail.outbox[1].subject
    finally:
        registry.unregister("test.mention")


def test_only_other_language_posts_send_no_mail(somchai_daily):
    _post(somchai_daily, "ផ្លូវភ្លឺ", "km")
    run = send_digests("daily")
    assert (run.sent, run.other_languages) == (0, 1) and mail.outbox == []


def test_members_without_languages_read_their_interface_language(make_user, reply_kind):
    dara = make_user(name="Dara", ui_language="km", languages=[])
    set_preference(dara, "test.reply", "daily")
    _post(dara, "ផ្លូវភ្លឺ", "km")
    _post(dara, "Lit lanes", "en")
    run = send_digests("daily")
    assert (run.listed, run.other_languages) == (1, 1)


def test_digest_building_keeps_a_bounded_number_of_queries(
    make_user, reply_kind, django_assert_max_num_queries
):
    people = [make_user(languages=["en"]) for _ in range(30)]
    for person in people:
        set_preference(person, "test.reply", "weekly")
    notify_many(people, "test.reply", data={"title": "Lit lanes"}, language="en")
    notify_many(people, "test.reply", data={"title": "Safe markets"}, language="en")
    # 30 queued mails (immediate task backend: no queries) + a fixed number of queries
    with django_assert_max_num_queries(12):
        run = send_digests("weekly")
    assert run.sent == 30 and run.listed == 60 and len(mail.outbox) == 30


def test_the_command_sends_the_digests_and_refuses_bad_dates(somchai_daily):
    _post(somchai_daily, "ทางเดินสว่าง", "th")
    out = StringIO()
    call_command("send_digests", "daily", stdout=out)
    assert "1 sent" in out.getvalue() and len(mail.outbox) == 1
    call_command("send_digests", "daily", stdout=out)
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError):
        call_command("send_digests", "daily", "--date", "yesterday")


def test_the_command_can_hand_the_work_to_the_task_queue(somchai_daily):
    _post(somchai_daily, "ทางเดินสว่าง", "th")
    out = StringIO()
    call_command("send_digests", "weekly", "--enqueue", stdout=out)
    assert "Queued weekly digests" in out.getvalue()

from datetime import timedelta

from django.core import mail
from django.utils import timezone
from django.utils.translation import override

from safercities.network import messaging, moderation, services
from safercities.network.enums import FollowKind, FollowLevel, Visibility
from safercities.network.follows import follow
from safercities.network.models import Thread
from safercities.network.notices import fan_out_post
from safercities.network.routing import experts_for, route_unanswered
from safercities.notifications.models import Notification
from safercities.notifications.registry import render_message


def _verbs(user):
    return list(Notification.objects.filter(recipient=user).values_list("verb", flat=True))


def test_a_mention_notifies_the_member_by_mail_in_their_language(
    thread, make_user, establish, django_capture_on_commit_callbacks
):
    dara = make_user(name="Dara Sok", ui_language="km")
    peer = establish(make_user(name="Peer"))
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(peer, thread, body="@Dara_Sok what do you think?")
    assert "network.mention" in _verbs(dara)
    assert any(dara.email in m.to for m in mail.outbox)


def test_a_reply_notifies_the_thread_author_but_not_the_replier(
    thread, member, make_user, establish, django_capture_on_commit_callbacks
):
    peer = establish(make_user())
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(peer, thread, body="Solar lamps")
    assert _verbs(member) == ["network.reply"]
    assert _verbs(peer) == []


def test_watchers_of_a_thread_hear_of_new_posts_muted_members_do_not(
    thread, make_user, establish, django_capture_on_commit_callbacks
):
    watcher, muted, tracker = make_user(), make_user(), make_user()
    follow(watcher, FollowKind.THREAD, thread, FollowLevel.WATCHING)
    follow(tracker, FollowKind.THREAD, thread, FollowLevel.TRACKING)
    follow(muted, FollowKind.SPACE, thread.space, FollowLevel.WATCHING)
    follow(muted, FollowKind.THREAD, thread, FollowLevel.MUTED)
    peer = establish(make_user())
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(peer, thread, body="News")
    assert _verbs(watcher) == ["network.post"]
    assert _verbs(muted) == [] and _verbs(tracker) == []
    note = Notification.objects.get(recipient=watcher)
    assert note.language == "en" and note.title == thread.title


def test_followers_of_a_theme_hear_of_new_threads(
    space, theme, make_user, establish, django_capture_on_commit_callbacks
):
    fan = make_user()
    follow(fan, FollowKind.THEME, theme, FollowLevel.WATCHING)
    author = establish(make_user())
    with django_capture_on_commit_callbacks(execute=True):
        services.start_thread(author, space, title="Night buses", body="Who runs them?")
    assert _verbs(fan) == ["network.thread"]


def test_followers_outside_a_private_space_are_not_told(
    make_space, team_b, city_b, make_user, establish, django_capture_on_commit_callbacks
):
    space = make_space(visibility=Visibility.CITY_TEAM, city=city_b, kind="city")
    outsider = make_user()
    follow(outsider, FollowKind.CITY, city_b, FollowLevel.WATCHING)
    follow(team_b, FollowKind.CITY, city_b, FollowLevel.WATCHING)
    author = establish(make_user())
    from safercities.accounts.models import CityTeamMembership

    CityTeamMembership.objects.create(user=author, city=city_b)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_thread(author, space, title="Team budget", body="Draft numbers")
    assert _verbs(outsider) == [] and _verbs(team_b) == ["network.thread"]


def test_the_fan_out_runs_as_a_task_and_counts_what_it_stored(thread, make_user, make_post):
    watchers = [make_user() for _ in range(5)]
    for person in watchers:
        follow(person, FollowKind.THREAD, thread, FollowLevel.WATCHING)
    post = make_post(thread=thread, author=make_user())
    assert fan_out_post.call(post_id=post.pk, skip=[watchers[0].pk]) == 4


def test_accepted_answers_messages_and_moderation_notify_the_person(
    thread, member, make_user, make_post, editor
):
    answerer = make_user()
    answer = make_post(thread=thread, author=answerer)
    services.accept_answer(member, answer)
    # on_commit is not run in tests: call the notice the verb schedules
    from safercities.network import notices

    notices.answer_accepted(answer.acceptance)
    messaging.send_message(member, answerer, "Thank you!")
    moderation.hide(editor, answer, "Contains a phone number")
    notices.moderated(answer, "post.hidden", "Contains a phone number", editor)
    assert set(_verbs(answerer)) == {
        "network.answer_accepted",
        "network.message",
        "network.moderated",
    }
    hidden = Notification.objects.get(recipient=answerer, verb="network.moderated")
    assert hidden.data["comment"] == "Contains a phone number"
    with override("th"):
        assert "“" in render_message(hidden)


def test_a_pending_first_post_tells_the_moderators(
    space, make_user, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.start_thread(make_user(), space, title="First", body="Hello")
    assert _verbs(editor) == ["network.pending"]


def _expert(make_user, city, languages, theme, **extra):
    person = make_user(city=city, languages=languages, **extra)
    person.themes.add(theme)
    return person


def test_a_question_unanswered_for_48_hours_goes_to_three_nearby_experts(
    space, theme, make_user, make_city, make_thread
):
    phnom_penh = make_city(name="Phnom Penh", country="KH")
    bangkok = make_city(name="Bangkok", country="TH")
    tokyo = make_city(name="Tokyo", country="JP")
    fiji = make_city(name="Suva", country="FJ")
    asker = make_user(city=phnom_penh, languages=["km"])
    near = [_expert(make_user, phnom_penh, ["km"], theme) for _ in range(2)]
    thai = _expert(make_user, bangkok, ["km", "th"], theme)
    _expert(make_user, fiji, ["km"], theme)  # far away
    _expert(make_user, tokyo, ["km"], theme)  # east Asia is next to mainland south-east Asia
    _expert(make_user, phnom_penh, ["en"], theme)  # does not read Khmer
    make_user(city=phnom_penh, languages=["km"])  # no expertise
    question = make_thread(space=space, author=asker, language="km", title="ផ្លូវ")
    Thread.objects.filter(pk=question.pk).update(created_at=timezone.now() - timedelta(hours=49))
    routed = route_unanswered()
    assert set(routed[question.pk]) == {near[0].pk, near[1].pk, thai.pk}
    assert Notification.objects.filter(verb="network.question_routed").count() == 3
    assert route_unanswered() == {}  # routed once only


def test_a_recent_or_answered_question_is_not_routed(space, make_user, make_thread, theme):
    asker = make_user()
    make_thread(space=space, author=asker, title="Fresh")
    old = make_thread(space=space, author=asker, title="Answered", is_answered=True)
    Thread.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    assert route_unanswered() == {}


def test_experts_who_opted_out_of_the_directory_are_not_chosen(
    space, theme, make_user, make_city, make_thread
):
    from safercities.network.models import NetworkProfile

    city = make_city(country="KH")
    hidden = _expert(make_user, city, ["en"], theme)
    NetworkProfile.objects.create(user=hidden, listed=False)
    question = make_thread(space=space, author=make_user(city=city))
    assert experts_for(question) == []

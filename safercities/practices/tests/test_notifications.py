"""The Practice Library tells people through the shared notifications app."""

from django.core import mail

from safercities.notifications.models import Notification
from safercities.practices import services


def test_an_assigned_reviewer_is_notified_on_the_site_and_by_mail_in_their_language(
    make_practice, editor, make_user
):
    reviewer = make_user(name="Reviewer Dara", ui_language="km")
    practice = make_practice(title="Lit lanes")
    services.assign_reviewer(editor, practice, reviewer)
    notification = Notification.objects.get(recipient=reviewer)
    assert notification.verb == "practice.review_requested"
    assert notification.url == f"/practices/{practice.slug}/review/"
    [message] = mail.outbox
    assert message.to == [reviewer.email] and "Lit lanes" in message.subject
    assert message.subject != "Please review a practice: Lit lanes"  # Khmer, not English
    assert "List-Unsubscribe" in message.extra_headers


def test_assigning_the_same_reviewer_twice_tells_them_once(make_practice, editor, make_user):
    reviewer = make_user()
    practice = make_practice()
    services.assign_reviewer(editor, practice, reviewer)
    services.assign_reviewer(editor, practice, reviewer)
    assert Notification.objects.filter(recipient=reviewer).count() == 1


def test_publishing_tells_the_proposer(make_practice, editor, member):
    practice = make_practice(title="Safe markets", proposed_by=member, published=False)
    services.publish_practice(editor, practice)
    notification = Notification.objects.get(recipient=member, verb="practice.published")
    assert "Safe markets" in notification.message


def test_proposing_a_practice_tells_every_editor(client_for, member, editor, city_a):
    from safercities.practices.tests.test_pages import valid_practice

    client_for(member).post("/practices/new/", valid_practice(city_a))
    notification = Notification.objects.get(verb="practice.proposed")
    assert notification.recipient == editor and notification.actor == member
    assert "Lit lanes" in notification.message
    assert [message.to for message in mail.outbox] == [[editor.email]]

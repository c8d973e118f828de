"""Demo notifications: demo people have some, the demo member reads a daily digest."""

import io

from django.core import mail

from safercities.notifications.digests import send_digests
from safercities.notifications.models import Notification, Preference


def _load():
    from safercities.accounts import demo as accounts_demo
    from safercities.library import demo as library_demo
    from safercities.notifications import demo as notifications_demo
    from safercities.places import demo as places_demo

    out = io.StringIO()
    for module in (places_demo, accounts_demo, notifications_demo, library_demo):
        module.load(out)


def test_demo_people_have_notifications_and_the_member_gets_a_daily_digest(db, client):
    _load()
    member = Notification.objects.filter(recipient__email="member@demo.safercities.invalid")
    assert member.filter(verb="resource.changes_requested", delivery="daily").exists()
    editor = Notification.objects.filter(recipient__email="editor@demo.safercities.invalid")
    assert editor.filter(verb="resource.submitted").count() == 2
    assert Preference.objects.filter(user__email="member@demo.safercities.invalid").exists()
    count = Notification.objects.count()
    _load()
    assert Notification.objects.count() == count  # idempotent
    assert send_digests("daily").sent == 1
    assert mail.outbox[0].to == ["member@demo.safercities.invalid"]

"""Two workers sending the same digests at the same moment send each digest once.

Needs real concurrent connections, so it runs on PostgreSQL (an in-memory SQLite database is
private to one connection; on SQLite writers are serialised anyway).
"""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from safercities.notifications.digests import send_digests
from safercities.notifications.models import Digest, Notification, Preference
from safercities.notifications.services import notify_many

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_workers_at_once_send_each_members_digest_once(make_user, reply_kind):
    people = [make_user(languages=["en"]) for _ in range(40)]
    Preference.objects.bulk_create(
        [Preference(user=p, verb="test.reply", delivery="daily") for p in people]
    )
    notify_many(people, "test.reply", data={"title": "Lit lanes"}, language="en")
    start = threading.Barrier(2)
    runs = []

    def worker():
        try:
            start.wait()
            runs.append(send_digests("daily"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(runs) == 2
    assert sum(run.sent for run in runs) == 40
    assert sum(run.skipped for run in runs) == 40
    assert len(mail.outbox) == 40
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert Digest.objects.count() == 40
    assert not Notification.objects.filter(digest__isnull=True).exists()

"""Moving the library's notifications into this app keeps every existing row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from safercities.notifications.models import Notification

BEFORE = [("library", "0001_initial"), ("notifications", "0001_initial")]
AFTER = [("library", "0002_move_notifications_to_notifications_app")]


@pytest.mark.django_db(transaction=True)
def test_the_library_notifications_are_copied_with_their_comment_and_read_state(make_user):
    somchai = make_user(email="somchai.migrate@example.org", name="Somchai")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    Old = old_apps.get_model("library", "Notification")
    Old.objects.create(
        user_id=somchai.pk,
        verb="changes_requested",
        title="Safety walk checklist",
        url="/library/7/",
        comment="Add a summary in Thai.",
    )
    read = Old.objects.create(user_id=somchai.pk, verb="published", title="Lit lanes", url="/x/")
    Old.objects.filter(pk=read.pk).update(read_at="2026-01-02T03:04:05Z")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    rows = {n.verb: n for n in Notification.objects.filter(recipient=somchai)}
    assert set(rows) == {"resource.changes_requested", "resource.published"}
    changes = rows["resource.changes_requested"]
    assert changes.title == "Safety walk checklist" and changes.url == "/library/7/"
    assert changes.comment == "Add a summary in Thai." and changes.read_at is None
    assert changes.emailed_at is not None and changes.digest is None
    assert rows["resource.published"].read_at is not None
    assert "has been published" in rows["resource.published"].message

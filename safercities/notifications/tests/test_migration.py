"""Moving the library's notifications into this app keeps every existing row.

The migration runs in a separate process on a throw-away SQLite file: migrating backwards
and forwards inside the test database would need a transactional test, whose final flush
would also remove the countries and themes the migrations seed for the tests that follow.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import json, django
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("library", "0001_initial"), ("notifications", "0001_initial")]
AFTER = [("library", "0002_move_notifications_to_notifications_app")]
executor = MigrationExecutor(connection)
executor.migrate(BEFORE)
old = executor.loader.project_state(BEFORE).apps
user = old.get_model("accounts", "User").objects.create(email="somchai@example.org", name="Somchai")
Old = old.get_model("library", "Notification")
Old.objects.create(user_id=user.pk, verb="changes_requested", title="Safety walk checklist",
                   url="/library/7/", comment="Add a summary in Thai.")
read = Old.objects.create(user_id=user.pk, verb="published", title="Lit lanes", url="/x/")
Old.objects.filter(pk=read.pk).update(read_at="2026-01-02T03:04:05Z")
Old.objects.filter(pk=read.pk).update(created_at="2025-05-06T07:08:09Z")
MigrationExecutor(connection).migrate(AFTER)
from safercities.notifications.models import Notification
rows = {}
for n in Notification.objects.filter(recipient_id=user.pk):
    rows[n.verb] = {"title": n.title, "url": n.url, "comment": n.comment,
                    "read": n.read_at is not None, "emailed": n.emailed_at is not None,
                    "created": n.created_at.isoformat(), "message": n.message}
print("RESULT" + json.dumps(rows))
"""


def test_the_library_notifications_are_copied_with_their_comment_and_read_state(tmp_path):
    root = Path(__file__).resolve().parents[3]
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{tmp_path / 'migrate.sqlite3'}",
        SAFERCITIES_ENV="test",
        DJANGO_SETTINGS_MODULE="safercities.settings",
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = json.loads(done.stdout.split("RESULT", 1)[1])
    assert set(rows) == {"resource.changes_requested", "resource.published"}
    changes = rows["resource.changes_requested"]
    assert changes["title"] == "Safety walk checklist" and changes["url"] == "/library/7/"
    assert changes["comment"] == "Add a summary in Thai." and not changes["read"]
    assert changes["emailed"]  # already mailed: never listed in a digest
    published = rows["resource.published"]
    assert published["read"] and published["created"].startswith("2025-05-06")
    assert "has been published" in published["message"]

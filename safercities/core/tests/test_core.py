import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings

from safercities.core.audit import record
from safercities.core.models import AuditLogEntry
from safercities.core.tasks import send_email

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_reports_an_unreachable_database(client, monkeypatch):
    from django.db import DatabaseError

    from safercities.core import views

    class Broken:
        def __enter__(self):
            raise DatabaseError("down")

        def __exit__(self, *args):
            return False

    monkeypatch.setattr(views.connection, "cursor", lambda: Broken())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_a_visitor_switches_language_with_a_cookie(client):
    response = client.post("/language/", {"language": "th", "next": "/places/"})
    assert response.status_code == 302
    assert response["Location"] == "/places/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "th"
    assert '<html lang="th"' in client.get("/places/").content.decode()


def test_a_member_language_choice_is_kept_in_the_profile(client, member):
    client.force_login(member)
    client.post("/language/", {"language": "km", "next": "/"})
    member.refresh_from_db()
    assert member.ui_language == "km"
    client.cookies.clear()
    client.force_login(member)
    assert '<html lang="km"' in client.get("/").content.decode()


def test_the_language_switch_refuses_unknown_languages_and_foreign_redirects(client):
    response = client.post("/language/", {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_every_page_carries_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "HX-Request" in response["Vary"]


def test_an_htmx_request_gets_the_same_page_and_a_vary_header(client):
    plain = client.get("/about/")
    htmx = client.get("/about/", HTTP_HX_REQUEST="true")
    assert plain.status_code == htmx.status_code == 200
    assert "HX-Request" in htmx["Vary"]


def test_unknown_pages_answer_404_as_html_or_json(client):
    html = client.get("/no-such-page/")
    assert html.status_code == 404
    assert "Page not found" in html.content.decode()
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404
    assert api.json()["detail"]


def test_the_audit_log_records_and_shows_actions(client, site_admin, member):
    record(member, "profile.updated", member, fields=["name"])
    entry = AuditLogEntry.objects.for_object(member).get(action="profile.updated")
    assert entry.actor == member
    assert entry.data == {"fields": ["name"]}
    client.force_login(site_admin)
    body = client.get("/audit-log/", {"action": "profile."}).content.decode()
    assert "profile.updated" in body
    assert member.email in body


def test_mail_is_sent_by_a_background_task():
    result = send_email.enqueue(subject="Hello", body="Body", to=["a@example.org"])
    assert result.return_value == 1
    assert mail.outbox[0].subject == "Hello"


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_holds_a_task_until_the_worker_runs_it():
    """The worker closes its database connection when done, so no wrapping transaction."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=queue):
        send_email.enqueue(subject="Queued", body="B", to=["q@example.org"])
        assert DBTaskResult.objects.count() == 1
        assert not mail.outbox
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
        assert mail.outbox[0].subject == "Queued"
        assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "SAFERCITIES_ENV": "production",
        "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdef",
        "ALLOWED_HOSTS": "hub.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
        "DJANGO_SETTINGS_MODULE": "safercities.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "SAFERCITIES_ENV": "production", "SECRET_KEY": ""}
    env["DJANGO_SETTINGS_MODULE"] = "safercities.settings"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("changeme", "too weak"),
        ("a" * 60, "too weak"),
        ("django-insecure-" + "k2#9x" * 12, "development default"),
        ("insecure-development-key-" + "x" * 40, "development default"),
    ],
)
def test_production_refuses_to_start_with_a_weak_or_default_secret_key(key, message):
    env = {**os.environ, "SAFERCITIES_ENV": "production", "SECRET_KEY": key}
    env["DJANGO_SETTINGS_MODULE"] = "safercities.settings"
    env["ALLOWED_HOSTS"] = "hub.example.org"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert message in result.stderr and "secrets.token_urlsafe" in result.stderr

"""Running the Hub like production: request ids, JSON logs, compression, readiness, doctor."""

import gzip
import json
import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from safercities.core.logs import JsonFormatter, request_id_var
from safercities.core.tasks import send_email

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def subprocess_env(tmp_path, **extra) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "safercities.settings",
        "SAFERCITIES_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'hub.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    env.pop("TASKS_IMMEDIATE", None)
    env.update(extra)
    return env


def test_every_answer_carries_a_fresh_request_id(client):
    first = client.get("/about/")["X-Request-ID"]
    second = client.get("/about/")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_proxys_request_id_is_kept_and_an_odd_one_replaced(client):
    assert client.get("/about/", HTTP_X_REQUEST_ID="proxy-1234abcd")["X-Request-ID"] == (
        "proxy-1234abcd"
    )
    odd = client.get("/about/", HTTP_X_REQUEST_ID="bad id\nwith newline")["X-Request-ID"]
    assert odd != "bad id\nwith newline" and len(odd) == 32


def test_each_request_is_logged_once_with_its_id_status_and_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger="safercities.access"):
        response = client.get("/about/")
    [line] = [r for r in caplog.records if r.name == "safercities.access"]
    assert line.request_id == response["X-Request-ID"]
    assert (line.method, line.path, line.status) == ("GET", "/about/", 200)
    assert line.duration_ms >= 0


def test_json_log_lines_carry_the_ids_and_extra_fields():
    token = request_id_var.set("req-0123456789")
    try:
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("there",), None)
        from safercities.core.logs import ContextFilter

        ContextFilter().filter(record)
        record.status = 201
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "hello there"
    assert line["request_id"] == "req-0123456789"
    assert line["status"] == 201 and line["level"] == "INFO"


def test_a_task_enqueued_during_a_request_is_logged_with_that_request_id(caplog):
    token = request_id_var.set("req-abcdef0123")
    try:
        with caplog.at_level(logging.INFO, logger="safercities.tasks"):
            result = send_email.enqueue(subject="S", body="B", to=["a@example.org"])
    finally:
        request_id_var.reset(token)
    [line] = [r for r in caplog.records if getattr(r, "event", "") == "task.enqueued"]
    from safercities.core.logs import ContextFilter

    ContextFilter().filter(line)
    assert line.request_id == "req-abcdef0123"
    assert line.enqueued_task_id == str(result.id)


def test_html_is_compressed_when_the_browser_accepts_gzip(client):
    plain = client.get("/about/")
    packed = client.get("/about/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    html = gzip.decompress(packed.content)  # the CSRF token differs between the two answers
    assert html.startswith(b"<!doctype html>") and abs(len(html) - len(plain.content)) < 10
    assert len(packed.content) < len(plain.content) / 2
    assert "Accept-Encoding" in packed["Vary"]


def test_binary_answers_are_not_compressed_again(rf):
    from django.http import HttpResponse

    from safercities.core.middleware import TextGZipMiddleware

    photo = HttpResponse(b"\xff\xd8" + b"x" * 5000, content_type="image/jpeg")
    middleware = TextGZipMiddleware(lambda request: photo)
    response = middleware(rf.get("/", HTTP_ACCEPT_ENCODING="gzip"))
    assert "Content-Encoding" not in response


def test_readiness_without_a_queue_reports_ok(client):
    body = client.get("/readyz").json()
    assert body["status"] == "ok"
    assert body["tasks"]["backend"] == "immediate"


@pytest.mark.django_db(transaction=True)
def test_readiness_reports_the_backlog_and_the_oldest_waiting_task(client):
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=QUEUE):
        send_email.enqueue(subject="1", body="B", to=["a@example.org"])
        send_email.enqueue(subject="2", body="B", to=["a@example.org"])
        DBTaskResult.objects.filter(args_kwargs__kwargs__subject="1").update(
            enqueued_at=timezone.now() - timedelta(minutes=10)
        )
        response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["tasks"]["backlog"] == 2
    assert 590 < body["tasks"]["oldest_waiting_seconds"] < 700
    assert body["tasks"]["workers"] == 0
    assert any("no task worker" in w for w in body["tasks"]["warnings"])
    assert any("oldest waiting task" in w for w in body["tasks"]["warnings"])


@pytest.mark.django_db(transaction=True)
def test_readiness_counts_live_workers_only():
    from safercities.core.health import queue_status
    from safercities.core.models import WorkerHeartbeat

    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="fresh", hostname="h", pid=1, last_seen=now)
    WorkerHeartbeat.objects.create(
        worker_id="old", hostname="h", pid=2, last_seen=now - timedelta(hours=1)
    )
    with override_settings(TASKS=QUEUE):
        status = queue_status()
    assert status["workers"] == 1 and status["warnings"] == []


def test_doctor_passes_on_the_test_setup_and_reports_as_json(capsys):
    call_command("doctor", "--json", "--skip-mail")
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    checks = {f["check"]: f["level"] for f in report["findings"]}
    assert checks["migrations"] == "OK"
    assert checks["storage"] == "OK"
    assert checks["database"] == "OK"


@pytest.mark.django_db(transaction=True)
def test_doctor_fails_when_tasks_wait_and_no_worker_runs(capsys):
    with override_settings(TASKS=QUEUE):
        send_email.enqueue(subject="1", body="B", to=["a@example.org"])
        with pytest.raises(SystemExit) as exited:
            call_command("doctor", "--skip-mail")
    out = capsys.readouterr().out
    assert exited.value.code == 1
    assert "[FAIL] task worker: 0 live worker(s), 1 waiting" in out
    assert "fix: start one" in out


def test_doctor_names_what_to_fix_on_a_bad_production_setup(tmp_path):
    env = subprocess_env(
        tmp_path,
        SAFERCITIES_ENV="production",
        SECRET_KEY="doctor-test-" + "s3cr3t-" * 8,  # a weak key stops production at start-up
        ALLOWED_HOSTS="hub.example.org",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "doctor"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "[  OK] secret key" in out
    assert "[FAIL] migrations:" in out and "fix: run python manage.py migrate" in out
    assert "[FAIL] mail: console backend" in out
    assert "[FAIL] static files" in out


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_immediate_transactions(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0], connection.transaction_mode)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=subprocess_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.splitlines()[-1].split() == ["wal", "20000", "IMMEDIATE"], result.stderr


def test_production_web_processes_share_only_the_database_and_object_storage(tmp_path):
    """Sessions, cache (and so login rate limits) in the database; files in the bucket."""
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_ENGINE, s.CACHES['default']['BACKEND'],"
        " s.STORAGES['default']['BACKEND'], s.STORAGES['private']['BACKEND'],"
        " s.STORAGES['private']['OPTIONS']['querystring_expire'],"
        " s.STORAGES['private']['OPTIONS']['default_acl'])"
    )
    env = subprocess_env(
        tmp_path,
        SAFERCITIES_ENV="production",
        SECRET_KEY="p" * 20 + "-unique-production-secret-0123456789",
        ALLOWED_HOSTS="hub.example.org",
        S3_BUCKET="hub-files",
        S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.splitlines()[-1].split() == [
        "django.contrib.sessions.backends.db",
        "django.core.cache.backends.db.DatabaseCache",
        "storages.backends.s3.S3Storage",
        "storages.backends.s3.S3Storage",
        "300",
        "None",
    ], result.stderr

"""`manage.py serve` (what `make serve` runs), started for real on a fresh SQLite file."""

import gzip
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from safercities.core.tests.test_operations import subprocess_env

ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    """A port nobody listens on now, so a leftover server can never answer for this one."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PORT = _free_port()


def get(path: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return response.status, dict(response.headers), response.read()


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except (OSError, sqlite3.Error):
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_sets_up_a_fresh_database_and_runs_gunicorn_with_a_supervised_task_worker(
    tmp_path,
):
    env = subprocess_env(
        tmp_path,
        SAFERCITIES_ENV="production",
        SECRET_KEY="serve-test-" + "k3y-" * 16,
        SECURE_SSL_REDIRECT="0",
        LOG_FORMAT="json",
        TASK_HEARTBEAT_SECONDS="1",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    db = tmp_path / "hub.sqlite3"
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--port", str(PORT), "--web-workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        ready = wait_for(
            lambda: json.loads(get("/readyz")[2])["tasks"]["workers"] == 1, 240, "readiness"
        )
        assert ready
        # Set up happened: static files collected (hashed, pre-compressed), catalogs compiled.
        assert (tmp_path / "static" / "staticfiles.json").exists()
        status, headers, body = get("/about/", **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert b"<h1" in gzip.decompress(body)
        assert len(headers["X-Request-ID"]) == 32
        status, headers, _ = get("/about/", **{"Accept-Language": "th"})
        assert headers["Content-Language"] == "th"

        # The task worker runs queued tasks.
        enqueue = (
            "from safercities.core.tasks import send_email;"
            "send_email.enqueue(subject='Served', body='B', to=['a@example.org'])"
        )
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", enqueue],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )

        def task_done():
            with sqlite3.connect(db) as conn:
                rows = conn.execute(
                    "SELECT status FROM django_tasks_database_dbtaskresult"
                ).fetchall()
            return rows == [("SUCCESSFUL",)]

        wait_for(task_done, 60, "the queued task")

        # A task worker that dies is started again.
        with sqlite3.connect(db) as conn:
            [(old_pid,)] = conn.execute("SELECT pid FROM core_workerheartbeat").fetchall()
        os.kill(old_pid, signal.SIGKILL)

        def new_worker():
            with sqlite3.connect(db) as conn:
                pids = {p for (p,) in conn.execute("SELECT pid FROM core_workerheartbeat")}
            return pids - {old_pid}

        new_pids = wait_for(new_worker, 60, "a restarted task worker")
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
        log.close()
    assert code == 0, (tmp_path / "serve.log").read_text()[-3000:]
    with sqlite3.connect(db) as conn:  # the stopped worker said goodbye
        left = {p for (p,) in conn.execute("SELECT pid FROM core_workerheartbeat")}
    assert not (left & new_pids)
    lines = [
        json.loads(x) for x in (tmp_path / "serve.log").read_text().splitlines() if x[:1] == "{"
    ]
    access = [x for x in lines if x["logger"] == "safercities.access"]
    assert any(x["path"] == "/about/" and x["status"] == 200 for x in access)
    assert any(x.get("event") == "task.finished" and x.get("task_id") for x in lines)


@pytest.mark.parametrize("path", ["deploy/Caddyfile", "deploy/nginx.conf"])
def test_the_documented_proxy_configs_compress_html_and_keep_private_files_private(path):
    text = (ROOT / path).read_text()
    assert "8000" in text
    assert "gzip" in text  # HTML leaves compressed even where the app's gzip is turned off
    assert "X-Request-ID" in text  # the proxy's id reaches the Hub's logs
    assert "X-Forwarded-Proto" in text  # the Hub knows the request came over HTTPS

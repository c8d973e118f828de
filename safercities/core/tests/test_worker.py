"""Task workers: heartbeats, recovery of a killed worker's task, many workers on one queue."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from safercities.core.models import AuditLogEntry, WorkerHeartbeat
from safercities.core.tests.worker_tasks import record_run
from safercities.core.worker import LOST_WORKER_ERROR, recover_stale_tasks

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK_PATH = "safercities.core.tests.worker_tasks.record_run"
DEAD_PID = 2**22 + 12345  # above the kernel's default pid_max: never a live process


def running_task(worker_ids: list[str], started_minutes_ago: float = 5) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": ["k"], "kwargs": {}},
        task_path=TASK_PATH,
        backend_name="default",
        run_after=get_date_max(),
        started_at=timezone.now() - timedelta(minutes=started_minutes_ago),
        worker_ids=worker_ids,
    )


def beat(worker_id: str, *, hostname: str, pid: int, seconds_ago: float = 0) -> None:
    WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        hostname=hostname,
        pid=pid,
        last_seen=timezone.now() - timedelta(seconds=seconds_ago),
    )


def test_a_task_of_a_dead_process_on_this_machine_goes_back_to_the_queue():
    import socket

    beat("gone", hostname=socket.gethostname(), pid=DEAD_PID)
    task = running_task(["gone"])
    assert recover_stale_tasks()["requeued"] == [str(task.id)]
    task.refresh_from_db()
    assert task.status == "READY" and task.started_at is None
    assert task.worker_ids == ["gone"]  # the history of attempts stays


def test_a_task_of_a_live_process_on_this_machine_is_left_alone():
    import socket

    beat("me", hostname=socket.gethostname(), pid=os.getpid(), seconds_ago=3600)
    task = running_task(["me"])
    assert recover_stale_tasks() == {"requeued": [], "failed": []}
    task.refresh_from_db()
    assert task.status == "RUNNING"


@override_settings(TASK_LEASE_SECONDS=60)
def test_a_worker_on_another_machine_keeps_its_task_while_its_lease_is_fresh():
    beat("fresh", hostname="web-2.example", pid=1, seconds_ago=30)
    beat("silent", hostname="web-3.example", pid=1, seconds_ago=120)
    kept = running_task(["fresh"])
    lost = running_task(["silent"])
    assert recover_stale_tasks()["requeued"] == [str(lost.id)]
    kept.refresh_from_db()
    assert kept.status == "RUNNING"


def test_a_task_without_any_heartbeat_is_recovered_after_the_grace_period_only():
    old = running_task(["never-registered"], started_minutes_ago=5)
    just_claimed = running_task(["never-registered-2"], started_minutes_ago=0)
    assert recover_stale_tasks()["requeued"] == [str(old.id)]
    just_claimed.refresh_from_db()
    assert just_claimed.status == "RUNNING"


@override_settings(TASK_MAX_ATTEMPTS=3)
def test_a_task_that_lost_three_workers_is_failed_instead_of_retried_forever():
    task = running_task(["a", "b", "c"])
    assert recover_stale_tasks()["failed"] == [str(task.id)]
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == LOST_WORKER_ERROR
    assert "disappeared 3 times" in task.traceback


def test_the_worker_command_registers_a_heartbeat_and_removes_it_when_done():
    from django.core.management import call_command

    with override_settings(TASKS=QUEUE):
        record_run.enqueue("one")
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert AuditLogEntry.objects.filter(action="test.task_ran").count() == 1
    assert not WorkerHeartbeat.objects.exists()


# --- three real worker processes on PostgreSQL -------------------------------------------------


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def start_worker(worker_id: str, log) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "safercities.settings",
        "SAFERCITIES_ENV": "development",
        "DATABASE_URL": database_url(),
        "TASK_HEARTBEAT_SECONDS": "1",
        "TASK_LEASE_SECONDS": "5",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("TASKS_IMMEDIATE", None)
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--worker-id",
            worker_id,
            "-v",
            "0",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs a database that worker processes can share: the SQLite test database lives "
    "in memory (on SQLite, claims are serialised by exclusive transactions; run one worker)",
)
def test_three_workers_run_every_task_once_even_when_one_is_killed_mid_task(tmp_path):
    with override_settings(TASKS=QUEUE):
        victim = record_run.using(priority=10).enqueue("victim", seconds=8)
        for n in range(40):
            record_run.enqueue(f"task-{n}", seconds=0.05)
    log = (tmp_path / "workers.log").open("w")
    workers = {wid: start_worker(wid, log) for wid in ("w1", "w2", "w3")}
    try:
        running = wait_until(
            lambda: DBTaskResult.objects.filter(id=victim.id, status="RUNNING").first(),
            120,
            "a worker to start the long task",
        )
        first_owner = running.worker_ids[-1]
        workers[first_owner].send_signal(signal.SIGKILL)
        workers[first_owner].wait(timeout=30)

        def all_done():
            return not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()

        wait_until(all_done, 180, "every task to finish")
    finally:
        for proc in workers.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in workers.values():
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()
    runs = Counter(
        AuditLogEntry.objects.filter(action="test.task_ran").values_list("object_repr", flat=True)
    )
    assert runs == Counter({"victim": 1, **{f"task-{n}": 1 for n in range(40)}})
    victim_row = DBTaskResult.objects.get(id=victim.id)
    assert victim_row.worker_ids[0] == first_owner
    assert len(victim_row.worker_ids) == 2 and victim_row.worker_ids[1] != first_owner
    used = Counter(w for row in DBTaskResult.objects.all() for w in row.worker_ids)
    assert len(used) == 3, used  # the queue was really shared

"""Task workers that can die without losing a task: heartbeats, leases and stale-claim recovery.

django-tasks-db claims a task by marking it RUNNING inside a ``SELECT … FOR UPDATE SKIP
LOCKED`` transaction, so two workers never claim the same task. But a worker killed in the
middle of a task (OOM killer, ``kill -9``, a machine that goes away) leaves it RUNNING forever.

Here every worker keeps a :class:`~safercities.core.models.WorkerHeartbeat` row fresh from a
side thread. The same thread looks for RUNNING tasks whose worker is gone and puts them back
on the queue (``READY``), where the next free worker picks them up. A worker is gone when

* it ran on this machine and its process no longer exists, or
* its heartbeat is older than the lease (``TASK_LEASE_SECONDS``, default 60 s).

A task that already lost ``TASK_MAX_ATTEMPTS`` workers (default 3) is marked FAILED instead,
so a task that kills its worker cannot take the queue down. Tasks must therefore be safe to
run again after a crash: the Hub's tasks write in one transaction (a killed import commits
nothing) or are harmless to repeat.
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

logger = logging.getLogger("safercities.worker")

LOST_WORKER_ERROR = "safercities.core.worker.WorkerLost"


class WorkerLost(Exception):
    """The worker running a task disappeared too many times."""


def lease_seconds() -> float:
    return float(getattr(settings, "TASK_LEASE_SECONDS", 60))


def heartbeat_seconds() -> float:
    return float(getattr(settings, "TASK_HEARTBEAT_SECONDS", 10))


def max_attempts() -> int:
    return int(getattr(settings, "TASK_MAX_ATTEMPTS", 3))


def process_exists(pid: int) -> bool:
    """True when a live (not zombie) process has this id on this machine."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def live_worker_ids(now=None) -> set[str]:
    """Workers that are alive: by their process on this machine, by their lease elsewhere."""
    from safercities.core.models import WorkerHeartbeat

    now = now or timezone.now()
    cutoff = now - timedelta(seconds=lease_seconds())
    here = socket.gethostname()
    alive = set()
    for beat in WorkerHeartbeat.objects.all():
        if beat.hostname == here:
            if process_exists(beat.pid):
                alive.add(beat.worker_id)
        elif beat.last_seen >= cutoff:
            alive.add(beat.worker_id)
    return alive


def recover_stale_tasks(now=None) -> dict[str, list[str]]:
    """Put RUNNING tasks of vanished workers back on the queue; fail those out of attempts.

    Returns ``{"requeued": [ids], "failed": [ids]}``. Safe to run from any number of workers
    at once: each task row is locked while it is looked at.
    """
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    alive = live_worker_ids(now)
    grace = now - timedelta(seconds=heartbeat_seconds())
    outcome: dict[str, list[str]] = {"requeued": [], "failed": []}
    with transaction.atomic():
        running = DBTaskResult.objects.running()
        if connection.features.has_select_for_update_skip_locked:
            running = running.select_for_update(skip_locked=True)
        for task in running:
            owner = task.worker_ids[-1] if task.worker_ids else ""
            if owner in alive:
                continue
            if task.started_at and task.started_at > grace:
                continue  # just claimed: its worker's first heartbeat may not be written yet
            if len(task.worker_ids) >= max_attempts():
                task.status = "FAILED"
                task.finished_at = now
                task.exception_class_path = LOST_WORKER_ERROR
                task.traceback = (
                    f"The worker running this task disappeared {len(task.worker_ids)} times "
                    f"(workers: {', '.join(task.worker_ids)}); not trying again."
                )
                task.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                outcome["failed"].append(str(task.id))
                logger.error(
                    "task.abandoned %s",
                    task.task_path,
                    extra={"event": "task.abandoned", "task_id": str(task.id)},
                )
            else:
                task.status = "READY"
                task.started_at = None
                task.save(update_fields=["status", "started_at"])
                outcome["requeued"].append(str(task.id))
                logger.warning(
                    "task.requeued %s (worker %s is gone)",
                    task.task_path,
                    owner,
                    extra={"event": "task.requeued", "task_id": str(task.id), "lost": owner},
                )
    return outcome


class Heartbeat(threading.Thread):
    """Side thread of a worker: refresh its heartbeat row, recover other workers' tasks."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.current_task_id = ""
        self.tasks_run = 0
        self.stopping = threading.Event()

    def beat(self) -> None:
        from safercities.core.models import WorkerHeartbeat

        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname(),
                "pid": os.getpid(),
                "last_seen": timezone.now(),
                "current_task_id": self.current_task_id,
                "tasks_run": self.tasks_run,
            },
        )

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                try:
                    self.beat()
                    recover_stale_tasks()
                except Exception:  # the database may be busy or away: try again next beat
                    logger.warning("worker.heartbeat_failed", exc_info=True)
                    connection.close()
                self.stopping.wait(heartbeat_seconds())
        finally:
            connection.close()

    def stop(self) -> None:
        from safercities.core.models import WorkerHeartbeat

        self.stopping.set()
        self.join(timeout=heartbeat_seconds() + 30)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except Exception:
            logger.warning("worker.unregister_failed", exc_info=True)

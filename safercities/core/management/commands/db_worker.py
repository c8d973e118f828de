"""``manage.py db_worker``: django-tasks-db's worker with heartbeats and stale-claim recovery.

Same options as the upstream command (this app comes first in INSTALLED_APPS, so this one
runs). On top, the worker registers a heartbeat, puts the tasks of killed workers back on the
queue (see ``safercities.core.worker``) and logs each task with its ``task_id``.
"""

import time

from django_tasks_db.management.commands import db_worker as upstream

from safercities.core.logs import task_id_var
from safercities.core.worker import Heartbeat


class LeasedWorker(upstream.Worker):
    def run(self) -> None:
        self.heartbeat = Heartbeat(self.worker_id)
        for attempt in range(10):  # register before claiming anything (the database may be busy)
            try:
                self.heartbeat.beat()
                break
            except Exception:
                if attempt == 9:
                    raise
                time.sleep(1)
        self.heartbeat.start()
        try:
            super().run()
        finally:
            self.heartbeat.stop()

    def run_task(self, db_task_result) -> None:
        token = task_id_var.set(str(db_task_result.id))
        self.heartbeat.current_task_id = str(db_task_result.id)
        started = time.monotonic()
        upstream.logger.info(
            "task.started %s",
            db_task_result.task_path,
            extra={"event": "task.started", "attempt": len(db_task_result.worker_ids)},
        )
        try:
            super().run_task(db_task_result)
        finally:
            upstream.logger.info(
                "task.finished %s %s",
                db_task_result.task_path,
                db_task_result.status,
                extra={
                    "event": "task.finished",
                    "status": db_task_result.status,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            self.heartbeat.current_task_id = ""
            self.heartbeat.tasks_run += 1
            task_id_var.reset(token)


class Command(upstream.Command):
    help = "Run a database task worker (with heartbeat and recovery of killed workers' tasks)"

    def handle(self, *args, **options) -> None:
        original = upstream.Worker
        upstream.Worker = LeasedWorker
        try:
            super().handle(*args, **options)
        finally:
            upstream.Worker = original

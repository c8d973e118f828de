"""What /readyz and ``manage.py doctor`` report about the task queue and its workers."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Min
from django.utils import timezone


def queue_status(now=None) -> dict:
    """Backlog, oldest waiting task, running tasks and live workers (all from the database).

    With the immediate task backend (tests, ``TASKS_IMMEDIATE=1``) there is no queue: the
    answer says so and reports nothing waiting.
    """
    from django_tasks_db.models import DBTaskResult

    from safercities.core.models import WorkerHeartbeat

    now = now or timezone.now()
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        return {
            "backend": "immediate",
            "backlog": 0,
            "oldest_waiting_seconds": None,
            "running": 0,
            "workers": 0,
            "warnings": [],
        }
    ready = DBTaskResult.objects.ready()
    oldest = ready.aggregate(oldest=Min("enqueued_at"))["oldest"]
    oldest_age = round((now - oldest).total_seconds(), 1) if oldest else None
    lease = timedelta(seconds=getattr(settings, "TASK_LEASE_SECONDS", 60))
    workers = WorkerHeartbeat.objects.filter(last_seen__gte=now - lease)
    last_beat = WorkerHeartbeat.objects.aggregate(last=Min("last_seen"))["last"]
    status = {
        "backend": "database",
        "backlog": ready.count(),
        "oldest_waiting_seconds": oldest_age,
        "running": DBTaskResult.objects.running().count(),
        "workers": workers.count(),
        "warnings": [],
    }
    limit = getattr(settings, "TASK_BACKLOG_WARN_SECONDS", 300)
    if status["workers"] == 0:
        status["warnings"].append(
            "no task worker has sent a heartbeat recently"
            + (f" (last one {last_beat.isoformat()})" if last_beat else "")
        )
    if oldest_age is not None and oldest_age > limit:
        status["warnings"].append(f"the oldest waiting task has waited {oldest_age:.0f} s")
    return status

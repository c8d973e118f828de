"""Background tasks of the pilots (run by ``manage.py db_worker``)."""

from safercities.core.taskapi import task
from safercities.pilots.plan import send_reporting_reminders


@task()
def send_reporting_reminders_task() -> int:
    """Remind city teams of reporting dates within a week; safe to run twice."""
    return send_reporting_reminders()

"""Remind city teams of intervention reporting dates: ``manage.py pilot_reminders``.

Run it daily from cron (or a systemd timer); ``--enqueue`` hands the work to the task worker.
Each reporting date is reminded once.
"""

from django.core.management.base import BaseCommand

from safercities.pilots.plan import send_reporting_reminders
from safercities.pilots.tasks import send_reporting_reminders_task


class Command(BaseCommand):
    help = "Remind city teams of intervention reporting dates within a week (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Queue it for the worker.")

    def handle(self, *args, enqueue: bool, **options) -> None:
        if enqueue:
            send_reporting_reminders_task.enqueue()
            self.stdout.write("queued")
            return
        self.stdout.write(f"{send_reporting_reminders()} reminders sent")

"""Send the daily or weekly notification digests: ``manage.py send_digests daily``.

Run it from cron (or a systemd timer) once a day for ``daily`` and once a week for
``weekly``; ``--enqueue`` hands the work to the task worker instead of doing it here.
Running it twice for the same period sends nothing more.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from safercities.notifications.digests import send_digests
from safercities.notifications.enums import Frequency
from safercities.notifications.tasks import send_digests_task


class Command(BaseCommand):
    help = "Send the daily or weekly notification digests that are due (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("frequency", choices=Frequency.values)
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the work for the task worker."
        )
        parser.add_argument(
            "--date", help="Send for the period containing this day (YYYY-MM-DD); default today."
        )

    def handle(self, *args, frequency: str, enqueue: bool, date: str | None, **options) -> None:
        if enqueue:
            if date:
                raise CommandError("--date cannot be combined with --enqueue.")
            result = send_digests_task.enqueue(frequency)
            self.stdout.write(f"Queued {frequency} digests (task {result.id}).")
            return
        today = None
        if date:
            try:
                today = _parse(date)
            except ValueError as exc:
                raise CommandError(f"--date: {exc}") from exc
        run = send_digests(frequency, today=today)
        self.stdout.write(
            f"{frequency} digests for the period starting {run.period_start}: "
            f"{run.sent} sent, {run.members} members waiting, {run.skipped} already sent."
        )


def _parse(value: str) -> date:
    return date.fromisoformat(value)

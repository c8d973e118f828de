"""Queue the scheduled pulls of connected KoboToolbox / ODK Central forms (run it from cron)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from safercities.diagnosis.models import FieldSync
from safercities.diagnosis.services_sync import pull_sync, rotate_credentials
from safercities.diagnosis.tasks import pull_field_data


class Command(BaseCommand):
    help = (
        "Queue a pull for every connected form not pulled for SYNC_INTERVAL_MINUTES "
        "(run every few minutes from cron or a systemd timer; db_worker does the pulls)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="pull here instead of queueing")
        parser.add_argument(
            "--rotate-keys",
            action="store_true",
            help="re-encrypt every stored credential with the current key, then stop",
        )

    def handle(self, *args, now=False, rotate_keys=False, **options):
        if rotate_keys:
            count = rotate_credentials()
            self.stdout.write(f"{count} credential(s) re-encrypted.")
            return
        due = timezone.now() - timedelta(minutes=settings.SYNC_INTERVAL_MINUTES)
        connections = FieldSync.objects.filter(
            Q(last_pulled_at__isnull=True) | Q(last_pulled_at__lte=due)
        ).select_related("assessment__tool_version__tool")
        for connection in connections:
            if now:
                result = pull_sync(None, connection)
                problem = result.problem.get("code", "")
                self.stdout.write(
                    f"{connection.assessment_id} {connection}: {result.created} new, "
                    f"{len(result.jobs)} page(s){' — ' + problem if problem else ''}"
                )
            else:
                pull_field_data.enqueue(connection.pk)
                self.stdout.write(f"{connection.assessment_id} {connection}: queued")

"""Lapse unanswered waiting-list offers (passing each seat on) and send the day-before
reminders. Idempotent: schedule it every hour (cron or systemd timer)."""

from django.core.management.base import BaseCommand

from safercities.training import services


class Command(BaseCommand):
    help = "Lapse expired seat offers and send event reminders (run hourly)."

    def handle(self, *args, **options) -> None:
        expired = services.expire_offers()
        reminded = services.send_reminders()
        self.stdout.write(f"training: {expired} offers lapsed, {reminded} reminders sent\n")

"""Send questions unanswered for 48 hours to up to three matching members: run hourly."""

from django.core.management.base import BaseCommand

from safercities.network.routing import route_unanswered


class Command(BaseCommand):
    help = "Route questions unanswered for 48 hours to matching members (run hourly)."

    def handle(self, *args, **options) -> None:
        routed = route_unanswered()
        told = sum(len(ids) for ids in routed.values())
        self.stdout.write(f"route_questions: {len(routed)} questions, {told} members told\n")

from django.core.management.base import BaseCommand, CommandError

from safercities.search.documents import sources
from safercities.search.index import rebuild_index


class Command(BaseCommand):
    help = "Empty the search index and index every searchable object again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind", help="Only this kind of content (for example resource or practice)."
        )

    def handle(self, *args, kind=None, **options):
        kinds = sorted(source.kind for source in sources())
        if kind is not None and kind not in kinds:
            raise CommandError(f"Unknown kind {kind!r}; registered kinds: {', '.join(kinds)}")
        total = rebuild_index(kind)
        self.stdout.write(f"Indexed {total} documents ({', '.join(kinds) or 'no sources'}).")

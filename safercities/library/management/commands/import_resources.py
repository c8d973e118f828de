"""Bulk import of resources: ``python manage.py import_resources FILE [--publish]``.

FILE is ``.jsonl`` or ``.csv`` (see safercities/library/importer.py for the fields). A file
with any invalid row imports nothing: every bad row is listed with its line number.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safercities.library.importer import parse
from safercities.library.imports import check_references, import_resources, vocabulary


class Command(BaseCommand):
    help = "Import resources from a .jsonl or .csv file (all rows or none)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="a .jsonl or .csv file (UTF-8)")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish the imported resources (otherwise new ones wait for review)",
        )
        parser.add_argument(
            "--format", choices=["jsonl", "csv"], help="the format, when the suffix does not say"
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")

        def progress(stage: str):
            return lambda count: self.stderr.write(f"{stage}: {count:,} rows")

        rows, errors = parse(
            path, vocabulary(), fmt=options["format"], progress=progress("checked")
        )
        if not errors:
            errors = check_references(rows)
        if errors:
            listing = "\n".join(f"  {error}" for error in errors)
            raise CommandError(
                f"{len(errors)} invalid row(s) in {path.name}; nothing was imported:\n{listing}"
            )
        if not rows:
            raise CommandError(f"{path.name} holds no rows; nothing was imported.")
        result = import_resources(rows, publish=options["publish"], progress=progress("written"))
        self.stdout.write(
            f"Imported {len(rows):,} rows from {path.name}: {result.created:,} created, "
            f"{result.updated:,} updated, {result.published:,} published."
        )

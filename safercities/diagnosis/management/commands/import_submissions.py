"""Import a KoboToolbox / ODK export into an assessment from the command line.

    python manage.py import_submissions ASSESSMENT_ID FILE [--actor EMAIL] [--keep-good-rows]

Runs the same import as the upload page (validated, all-or-nothing unless --keep-good-rows,
idempotent by submission id), in the foreground, printing progress, how the headers were read
and every column or part of the file that was not used. Exits with status 1 when nothing was
imported.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safercities.accounts.models import User
from safercities.diagnosis.importing import estimate_rows, import_submissions
from safercities.diagnosis.models import Assessment
from safercities.diagnosis.results import data_changed


class Command(BaseCommand):
    help = "Import submissions exported from KoboToolbox (CSV/XLSX) or ODK Central (CSV)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("assessment_id", type=int)
        parser.add_argument("file", type=Path)
        parser.add_argument("--actor", help="Email of the person recorded as importing.")
        parser.add_argument(
            "--keep-good-rows",
            action="store_true",
            help="Import the rows without problems and list the others (default: nothing).",
        )

    def handle(self, *args, **options) -> None:
        assessment = Assessment.objects.filter(pk=options["assessment_id"]).first()
        if assessment is None:
            raise CommandError(f"No assessment with id {options['assessment_id']}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        actor = None
        if options.get("actor"):
            actor = User.objects.filter(email=options["actor"].lower()).first()
            if actor is None:
                raise CommandError(f"No user with email {options['actor']}.")
        total = estimate_rows(path)
        verbose = options["verbosity"] > 0

        def progress(rows: int) -> None:
            if verbose:
                self.stdout.write(f"  {rows} of about {total} rows checked")

        result = import_submissions(
            assessment,
            path,
            filename=path.name,
            actor=actor,
            progress=progress,
            keep_good_rows=options["keep_good_rows"],
        )
        if result.created:
            data_changed(assessment)  # recompute the stored results (task queue)
        report = result.report
        if report:
            self.stdout.write(
                f"headers: {report['naming']} names/labels, groups joined by "
                f"{report['separator']!r}"
            )
            for version, count in sorted(report.get("versions", {}).items()):
                self.stdout.write(f"form version {version}: {count} rows")
            if report["ignored_columns"]:
                self.stdout.write("columns not used: " + ", ".join(report["ignored_columns"]))
            for part in report["ignored_parts"]:
                self.stdout.write(f"not read (repeat group or media): {part}")
        for problem in result.file_problems:
            self.stderr.write(f"file: {problem}")
        for error in result.errors:
            column = f" [{error['column']}]" if error.get("column") else ""
            self.stderr.write(f"line {error['line']}: {error['field']}{column}: {error['message']}")
        if result.error_rows > len(result.errors):
            self.stderr.write(f"… and more: {result.error_rows} rows have problems in all.")
        if not result.ok:
            raise CommandError(
                f"Nothing imported: {result.error_rows} of {result.rows} rows have problems."
                if result.error_rows
                else "Nothing imported: the file cannot be read."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} submissions imported, {result.existing} already imported, "
                f"{result.error_rows} rows with problems left out "
                f"({result.file_format}, {result.rows} rows)."
            )
        )

"""Write a tool version as an XLSForm workbook.

    python manage.py export_xlsform womens-safety-audit audit.xlsx
    python manage.py export_xlsform womens-safety-audit audit.xlsx --city bangkok --version 2
    python manage.py export_xlsform victimization-survey survey.xlsx --version 1

Without ``--version``: the latest published generic version (with ``--city``: the city's
latest published version). ``--version N`` is the version number in the city's numbering
(with ``--city``) or the generic numbering.
"""

from django.core.management.base import BaseCommand, CommandError

from safercities.instruments.xlsform import export_xlsform
from safercities.places.models import City
from safercities.toolkit.models import Tool


class Command(BaseCommand):
    help = "Export a tool version as an XLSForm (.xlsx) for KoboToolbox or ODK."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names the tool version here, not Django's version: replace that option.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser) -> None:
        parser.add_argument("tool", help="Tool slug, e.g. womens-safety-audit")
        parser.add_argument("out", help="Path of the .xlsx file to write")
        parser.add_argument("--version", type=int, dest="number", help="Version number")
        parser.add_argument("--city", help="City slug (default: the generic tool)")

    def handle(self, *args, tool: str, out: str, number: int | None, city: str | None, **options):
        found = Tool.objects.filter(slug=tool).first()
        if found is None:
            known = ", ".join(Tool.objects.values_list("slug", flat=True))
            raise CommandError(f"No tool {tool!r}. Known tools: {known}.")
        versions = found.versions.all()
        if city:
            place = City.objects.filter(slug=city).first()
            if place is None:
                raise CommandError(f"No city {city!r}.")
            versions = versions.filter(city=place)
        else:
            versions = versions.filter(city__isnull=True)
        where = f"{city}" if city else "the generic tool"
        if number is None:
            version = versions.filter(published=True).order_by("-number").first()
            if version is None:
                raise CommandError(f"{tool} has no published version for {where}.")
        else:
            version = versions.filter(number=number).first()
            if version is None:
                numbers = ", ".join(str(n) for n in versions.values_list("number", flat=True))
                raise CommandError(
                    f"{tool} has no version {number} for {where}"
                    + (f" (versions: {numbers})." if numbers else ".")
                )
        try:
            export_xlsform(version.export_instrument(), out)
        except OSError as exc:
            raise CommandError(f"Cannot write {out}: {exc}") from None
        self.stdout.write(f"Wrote {version.tool.slug} {version.label} to {out}\n")

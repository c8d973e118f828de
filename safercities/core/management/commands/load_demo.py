"""Load the demo data of every app: ``python manage.py load_demo``.

Each app may provide a ``demo`` module with ``load(out) -> None``; apps run in
INSTALLED_APPS order, so places exist before the content that refers to them. Loading
twice changes nothing: every loader keys its objects on stable slugs or emails.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load invented demo data (idempotent) and print the demo logins."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--logins-only",
            action="store_true",
            help="Only print the demo logins (the data is already loaded).",
        )

    def handle(self, *args, **options) -> None:
        from safercities.accounts.demo import print_logins

        if options["logins_only"]:
            print_logins(self.stdout)
            return
        for config in apps.get_app_configs():
            if not config.name.startswith("safercities."):
                continue
            module_name = f"{config.name}.demo"
            if find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            with transaction.atomic():
                module.load(self.stdout)
        print_logins(self.stdout)

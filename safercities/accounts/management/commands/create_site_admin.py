"""Create the first (or another) site administrator of a fresh Hub, without the Django admin.

    manage.py create_site_admin --email you@example.org --name "Your Name"
    manage.py create_site_admin --check    # says whether the Hub has a site administrator

The password is asked twice on the terminal, or read from the environment variable
``SITE_ADMIN_PASSWORD`` (for scripted installs). The address counts as confirmed.
"""

import getpass
import os

from allauth.account.models import EmailAddress
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from safercities.accounts.models import User
from safercities.core.audit import record

HINT = "manage.py create_site_admin --email you@example.org --name 'Your Name'"


class Command(BaseCommand):
    help = "Create a site administrator (the first account of a fresh Hub)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email")
        parser.add_argument("--name", default="")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only say whether a site administrator exists, and how to create one.",
        )

    def handle(self, *args, email=None, name="", check=False, **options) -> None:
        has_admin = User.objects.filter(is_superuser=True, is_active=True).exists()
        if check:
            if has_admin:
                self.stdout.write("The Hub has a site administrator.")
            else:
                self.stdout.write(
                    "This Hub has no site administrator yet. Create the first one with:\n"
                    f"  .venv/bin/python {HINT}"
                )
            return
        if not email:
            raise CommandError(f"Give the address with --email, e.g. {HINT}")
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"{email!r} is not a valid email address.") from exc
        email = email.strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"An account with {email} exists already.")
        password = os.environ.get("SITE_ADMIN_PASSWORD") or self._ask_password()
        user = User(email=email, name=name.strip())
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        with transaction.atomic():
            user = User.objects.create_superuser(email=email, password=password, name=name.strip())
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            record(None, "role.granted", user, user_id=user.pk, role="site_admin", reason="setup")
        self.stdout.write(
            self.style.SUCCESS(f"Site administrator {email} created. Log in at /accounts/login/.")
        )

    def _ask_password(self) -> str:
        if not os.isatty(0):
            raise CommandError("Set SITE_ADMIN_PASSWORD or run this command in a terminal.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first

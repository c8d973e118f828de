"""Audit-log the account events that matter (allauth sends the signals)."""

from allauth.account.signals import (
    email_confirmed,
    password_changed,
    password_reset,
    user_signed_up,
)
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from safercities.core.audit import record


@receiver(user_signed_up)
def _signed_up(sender, request, user, **kwargs) -> None:
    record(user, "account.signed_up", user)


@receiver(email_confirmed)
def _email_confirmed(sender, request, email_address, **kwargs) -> None:
    record(email_address.user, "account.email_confirmed", email_address.user)


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    record(user, "account.logged_in", user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    record(None, "account.login_failed", None, email=str(credentials.get("email", ""))[:200])


@receiver(password_reset)
def _password_reset(sender, request, user, **kwargs) -> None:
    record(user, "account.password_reset", user)


@receiver(password_changed)
def _password_changed(sender, request, user, **kwargs) -> None:
    record(user, "account.password_changed", user)

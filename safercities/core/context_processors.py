from django.conf import settings
from django.http import HttpRequest

from safercities.accounts import permissions


def site(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        "site_name": "Safer Cities Hub",
        "ui_languages": settings.LANGUAGES,
        "is_editor": permissions.is_editor(user),
        "is_site_admin": permissions.is_site_admin(user),
        "demo_mode": not settings.PRODUCTION,
    }

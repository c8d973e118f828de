from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from safercities.accounts import permissions
from safercities.accounts.models import Organisation
from safercities.core.models import AuditLogEntry
from safercities.places.models import City, InformalSettlement
from safercities.taxonomy.models import Theme


def home(request: HttpRequest) -> HttpResponse:
    pilots = City.objects.pilots().select_related("country").order_by("name")
    context = {
        "pilots": pilots,
        "themes": Theme.objects.all(),
        "counts": {
            "cities": City.objects.count(),
            "settlements": InformalSettlement.objects.count(),
            "organisations": Organisation.objects.count(),
        },
    }
    context["setup"] = _setup_steps(request.user, context["counts"])
    return render(request, "core/home.html", context)


def _setup_steps(user, counts: dict) -> dict | None:
    """What a fresh Hub still needs, for the home page (None once it is set up)."""
    from safercities.accounts.models import CityTeamMembership, User

    if not User.objects.filter(is_superuser=True, is_active=True).exists():
        return {"no_admin": True}
    if not permissions.is_site_admin(user):
        return None
    first_city = City.objects.order_by("pk").first()
    steps = {
        "city": counts["cities"] > 0,
        "team": CityTeamMembership.objects.exists(),
        "organisations": counts["organisations"] > 0,
        "editors": User.objects.filter(is_editor=True).exists(),
    }
    if all(steps.values()):
        return None
    return {"steps": steps, "first_city": first_city}


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language: a cookie for everyone, the profile for members."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language and check_for_language(language) and language in dict(settings.LANGUAGES):
        if permissions.is_member(request.user) and request.user.ui_language != language:
            request.user.ui_language = language
            request.user.save(update_fields=["ui_language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        )
    return response


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "error", "database": "unreachable", "detail": exc.__class__.__name__},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database answers, plus the task queue's backlog and its workers.

    503 only when the database does not answer (this process cannot serve). A queue that
    waits too long or has no live worker is ``"status": "degraded"`` with ``warnings``: the
    web process can still serve pages, but someone should look (``manage.py doctor``).
    """
    from safercities.core.health import queue_status

    try:
        queue = queue_status()
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "error", "database": "unreachable", "detail": exc.__class__.__name__},
            status=503,
        )
    status = "degraded" if queue["warnings"] else "ok"
    return JsonResponse({"status": status, "database": "ok", "tasks": queue})


def audit_log(request: HttpRequest) -> HttpResponse:
    permissions.check_can_view_audit_log(request.user)
    entries = permissions.filter_audit_log_queryset(
        request.user, AuditLogEntry.objects.select_related("actor")
    )
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page": page, "action": action})


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(exception or "Forbidden")}, status=403)
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    return render(request, "403.html", {"reason": exception}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error."}, status=500)
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)

"""The member's notifications, their delivery preferences, and the unsubscribe link."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from safercities.notifications import permissions, registry, services
from safercities.notifications.forms import PreferencesForm
from safercities.notifications.models import Notification
from safercities.notifications.tokens import read_token

PAGE_SIZE = 30


@require_http_methods(["GET", "HEAD", "POST"])
def notification_list(request: HttpRequest) -> HttpResponse:
    """The member's notifications, newest first; POST marks them all read.

    With ``HX-Request`` it answers only the header link with the unread count (the header
    refreshes it with htmx; without JavaScript the header shows a plain link).
    """
    if not request.user.is_authenticated:
        if request.htmx:  # a header refresh after the session ended: leave the link as it is
            return HttpResponse(status=204)
        return redirect_to_login(request.get_full_path())
    permissions.check_can_read_notifications(request.user)
    mine = permissions.filter_notifications_queryset(request.user, Notification.objects.all())
    if request.method == "POST":
        changed = services.mark_all_read(request.user)
        if changed:
            messages.success(request, _("All notifications are marked as read."))
        return redirect("notifications:list")
    unread_count = mine.unread().count()
    if request.htmx:
        return render(
            request,
            "notifications/_header.html#header_link",
            {"unread_count": unread_count, "refreshed": True},
        )
    page = Paginator(mine.select_related("actor"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page, "unread_count": unread_count})


def _next_url(request: HttpRequest, candidate: str, fallback: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read (and go back to the list, or open it with ``open=1``)."""
    permissions.check_can_read_notifications(request.user)
    mine = permissions.filter_notifications_queryset(request.user, Notification.objects.all())
    notification = get_object_or_404(mine, pk=pk)
    services.mark_read(request.user, [notification.pk])
    fallback = redirect("notifications:list").url
    if request.POST.get("open"):
        return redirect(_next_url(request, notification.url, fallback))
    return redirect(_next_url(request, request.POST.get("next", ""), fallback))


@login_required
@require_http_methods(["GET", "HEAD"])
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification's link from the list: it is marked read on the way."""
    permissions.check_can_read_notifications(request.user)
    mine = permissions.filter_notifications_queryset(request.user, Notification.objects.all())
    notification = get_object_or_404(mine, pk=pk)
    services.mark_read(request.user, [notification.pk])
    return redirect(_next_url(request, notification.url, redirect("notifications:list").url))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """How the member hears about each kind of event."""
    permissions.check_can_read_notifications(request.user)
    current = services.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, current=current, user=request.user)
    if request.method == "POST" and form.is_valid():
        for verb, delivery in form.changed_choices().items():
            services.set_preference(request.user, verb, delivery)
        messages.success(request, _("Your notification choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _scope_label(scope: str) -> str:
    if scope == "digest:daily":
        return _("the daily digest")
    if scope == "digest:weekly":
        return _("the weekly digest")
    if registry.is_registered(scope):
        return str(registry.get(scope).label)
    raise Http404


@csrf_exempt  # the signed token is the credential; mail clients post without a CSRF token
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe from a mail, without logging in (RFC 8058 POST or the button)."""
    found = read_token(token)
    if found is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    user = get_user_model().objects.filter(pk=found[0], is_active=True).first()
    if user is None:
        raise Http404
    # The page speaks the language the mail was written in (the recipient's).
    with translation.override(user.ui_language or translation.get_language()):
        context = {"label": _scope_label(found[1]), "subject": user}
        if request.method == "POST":
            context.update(done=True, changed=services.unsubscribe(user, found[1]))
        return render(request, "notifications/unsubscribe.html", context)

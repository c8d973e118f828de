"""The member directory, a member's network page, private messages, following, settings."""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from safercities.accounts.enums import OrganisationType
from safercities.accounts.models import User
from safercities.accounts.permissions import (
    check_member,
    filter_members_queryset,
    is_member,
    is_site_admin,
)
from safercities.core.audit import record
from safercities.core.languages import CONTENT_LANGUAGES
from safercities.network import directory, follows, messaging, moderation, permissions
from safercities.network.enums import FollowKind
from safercities.network.forms import FollowForm, MessageForm, ReportForm
from safercities.network.models import Message, NetworkProfile, Space, Thread
from safercities.network.trust import Refused, organisation_verified, trust_level
from safercities.places.models import City, Country
from safercities.taxonomy.models import Theme

MEMBERS_PER_PAGE = 24


def _directory_filters(request: HttpRequest) -> dict:
    filters = {
        "q": request.GET.get("q", "").strip()[:100],
        "city": request.GET.get("city", ""),
        "country": request.GET.get("country", "").upper()[:2],
        "org_type": request.GET.get("org_type", ""),
        "theme": request.GET.get("theme", ""),
        "language": request.GET.get("language", ""),
    }
    if filters["org_type"] not in OrganisationType.values:
        filters["org_type"] = ""
    if filters["language"] not in CONTENT_LANGUAGES:
        filters["language"] = ""
    return filters


@require_safe
def member_directory(request: HttpRequest) -> HttpResponse:
    check_member(request.user)
    filters = _directory_filters(request)
    members = directory.filter_directory(directory.listed_members(), filters)
    members = directory.with_cards(members).order_by("name", "pk")
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "themes": Theme.objects.all(),
        "countries": Country.objects.filter(cities__residents__isnull=False).distinct(),
        "cities": City.objects.filter(residents__isnull=False).distinct().order_by("name"),
        "org_types": OrganisationType.choices,
        "languages": list(CONTENT_LANGUAGES.items()),
        "listed": directory.is_listed(request.user),
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "network/directory.html#results", context)
    return render(request, "network/directory.html", context)


def _member_or_404(request, pk: int) -> User:
    visible = filter_members_queryset(request.user, User.objects.all())
    member = get_object_or_404(visible.select_related("organisation", "city__country"), pk=pk)
    own = member.pk == request.user.pk
    if not own and not is_site_admin(request.user) and not directory.is_listed(member):
        raise Http404
    return member


@require_safe
def member_page(request: HttpRequest, pk: int) -> HttpResponse:
    check_member(request.user)
    member = _member_or_404(request, pk)
    profile = directory.profile_of(member)
    visible_threads = permissions.filter_threads_queryset(request.user, Thread.objects.listed())
    context = {
        "member": member,
        "profile": profile,
        "expertise": directory.shown_expertise(member),
        "declared": member.themes.all() if profile.show_themes else [],
        "threads": visible_threads.filter(author=member).latest_first()[:10],
        "follow_level": follows.level_of(request.user, FollowKind.MEMBER, member),
        "blocked": messaging.is_blocked(request.user, member),
        "is_self": member.pk == request.user.pk,
        "trust": trust_level(member),
        "org_confirmed": organisation_verified(member),
        "message_form": MessageForm(),
    }
    return render(request, "network/member.html", context)


class NetworkSettingsForm(django_forms.ModelForm):
    class Meta:
        model = NetworkProfile
        fields = ["listed", "show_organisation", "show_city", "show_languages", "show_themes",
                  "show_bio"]  # fmt: skip


def network_settings(request: HttpRequest) -> HttpResponse:
    check_member(request.user)
    profile, _created = NetworkProfile.objects.get_or_create(user=request.user)
    form = NetworkSettingsForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request.user, "network.settings_changed", request.user, fields=form.changed_data)
        messages.success(request, _("Your directory settings are saved."))
        return redirect("network:settings")
    blocked = User.objects.filter(blocked_by__blocker=request.user)
    return render(request, "network/settings.html", {"form": form, "blocked": blocked})


@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    check_member(request.user)
    return render(
        request, "network/inbox.html", {"conversations": messaging.conversations(request.user)}
    )


def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    check_member(request.user)
    other = get_object_or_404(User, pk=pk, is_active=True)
    if other.pk == request.user.pk:
        raise Http404
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        permissions.check_can_message(request.user, other)
        if form.is_valid():
            try:
                messaging.send_message(request.user, other, form.cleaned_data["body"])
            except Refused as exc:
                form.add_error("body", exc.message)
            else:
                messages.success(request, _("Message sent."))
                return redirect("network:conversation", pk=other.pk)
        status = 400
    thread = list(messaging.conversation(request.user, other).select_related("sender"))
    if not thread and not directory.is_listed(other) and not is_site_admin(request.user):
        raise Http404
    messaging.mark_read(request.user, other)
    context = {
        "other": other,
        "conversation": thread,
        "form": form,
        "blocked": messaging.is_blocked(request.user, other),
        "blocked_by_other": messaging.is_blocked(other, request.user),
    }
    return render(request, "network/conversation.html", context, status=status)


@require_POST
def member_block(request: HttpRequest, pk: int) -> HttpResponse:
    check_member(request.user)
    other = get_object_or_404(User, pk=pk)
    try:
        if request.POST.get("undo"):
            messaging.unblock(request.user, other)
            messages.success(request, _("%(name)s can send you messages again.") % {"name": other})
        else:
            messaging.block(request.user, other)
            messages.success(
                request, _("%(name)s can no longer send you messages.") % {"name": other}
            )
    except Refused as exc:
        messages.error(request, exc.message)
    return redirect("network:member", pk=other.pk)


def message_report(request: HttpRequest, pk: int) -> HttpResponse:
    check_member(request.user)
    message = get_object_or_404(Message, pk=pk, recipient=request.user)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moderation.report(request.user, message=message, **form.cleaned_data)
        messages.success(request, _("Thank you. The moderators will look at this message."))
        return redirect("network:conversation", pk=message.sender_id)
    return render(request, "network/message_report.html", {"message": message, "form": form})


def _follow_target(request, kind: str, pk: int):
    if kind == FollowKind.THREAD:
        return permissions.filter_threads_queryset(request.user, Thread.objects.all()).get(pk=pk)
    if kind == FollowKind.SPACE:
        return permissions.filter_spaces_queryset(request.user, Space.objects.all()).get(pk=pk)
    if kind == FollowKind.MEMBER:
        return _member_or_404(request, pk)
    return follows.target_model(kind).objects.get(pk=pk)


@require_POST
def follow(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    check_member(request.user)
    if kind not in FollowKind.values:
        raise Http404
    try:
        target = _follow_target(request, kind, pk)
    except (Thread.DoesNotExist, Space.DoesNotExist, Theme.DoesNotExist, City.DoesNotExist) as exc:
        raise Http404 from exc
    if request.POST.get("undo"):
        follows.unfollow(request.user, kind, target)
        messages.success(request, _("You no longer follow this."))
    else:
        form = FollowForm(request.POST)
        if not form.is_valid():
            raise PermissionDenied(_("Unknown notification level."))
        try:
            follows.follow(request.user, kind, target, form.cleaned_data["level"])
        except Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your notification level is saved."))
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect(getattr(target, "get_absolute_url", lambda: "/network/")())


def with_unread(threads, user):
    """Threads annotated with how many visible posts ``user`` has not read yet."""
    from django.db.models import Count, OuterRef, Q, Subquery

    from safercities.network.enums import PostStatus
    from safercities.network.models import ThreadRead

    read_at = ThreadRead.objects.filter(user=user, thread=OuterRef("pk")).values("read_at")[:1]
    return threads.annotate(last_read=Subquery(read_at)).annotate(
        unread=Count(
            "posts",
            filter=Q(posts__status=PostStatus.VISIBLE)
            & (Q(last_read__isnull=True) | Q(posts__created_at__gt=F("last_read"))),
        )
    )


@require_safe
def following(request: HttpRequest) -> HttpResponse:
    check_member(request.user)
    rows = list(request.user.follows.order_by("kind", "-created_at"))
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row.target_id)
    targets = {}
    for kind, ids in by_kind.items():
        model = follows.target_model(kind)
        queryset = model.objects.filter(pk__in=ids)
        if kind == FollowKind.THREAD:
            queryset = with_unread(
                permissions.filter_threads_queryset(request.user, queryset), request.user
            )
        elif kind == FollowKind.SPACE:
            queryset = permissions.filter_spaces_queryset(request.user, queryset)
        for obj in queryset:
            targets[(kind, obj.pk)] = obj
    items = [
        {"follow": row, "target": targets[(row.kind, row.target_id)]}
        for row in rows
        if (row.kind, row.target_id) in targets
    ]
    return render(request, "network/following.html", {"items": items, "is_member": is_member})

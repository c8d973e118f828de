"""Reports and the moderation queue: approve, hide, restore, lock, move, split, merge."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safercities.accounts.permissions import check_member
from safercities.network import moderation, permissions
from safercities.network.enums import PostStatus
from safercities.network.forms import MergeForm, ModerationForm, MoveForm, ReportForm, SplitForm
from safercities.network.models import Post, Report, Space, Thread
from safercities.network.trust import Refused
from safercities.network.views import _visible_post, refused_to_form, visible_thread


def post_report(request: HttpRequest, pk: int) -> HttpResponse:
    check_member(request.user)
    post = _visible_post(request, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moderation.report(request.user, post=post, **form.cleaned_data)
        messages.success(request, _("Thank you. The moderators will look at this post."))
        return redirect(post)
    return render(request, "network/post_report.html", {"post": post, "form": form})


@require_POST
def post_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.select_related("thread__space"), pk=pk)
    permissions.check_can_moderate(request.user, post.thread.space)
    action = request.POST.get("action", "")
    form = ModerationForm(request.POST)
    try:
        if action == "approve":
            changed = moderation.approve(request.user, post)
        elif action == "restore":
            changed = moderation.restore(request.user, post, request.POST.get("reason", ""))
        elif action == "dismiss":
            changed = bool(moderation.dismiss_reports(request.user, post))
        elif action == "hide":
            if not form.is_valid():
                raise Refused(
                    "reason", _("Please give a reason: the author will see it."), "reason"
                )
            changed = moderation.hide(request.user, post, form.cleaned_data["reason"])
        else:
            raise Refused("action", _("Unknown moderation action."), "action")
    except Refused as exc:
        messages.error(request, exc.message)
        return redirect(request.POST.get("next") or post.get_absolute_url())
    if changed:
        messages.success(request, _("Done."))
    nxt = request.POST.get("next", "")
    return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else "network:queue")


def thread_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    thread = visible_thread(request, pk)
    permissions.check_can_moderate(request.user, thread.space)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms = {
        "lock": ModerationForm(request.POST if action == "lock" else None, prefix="lock"),
        "move": MoveForm(request.POST if action == "move" else None, prefix="move"),
        "split": SplitForm(request.POST if action == "split" else None, prefix="split"),
        "merge": MergeForm(request.POST if action == "merge" else None, prefix="merge"),
    }
    if action in forms and forms[action].is_valid():
        form = forms[action]
        data = form.cleaned_data
        try:
            target = _moderate_thread(request, thread, action, data)
        except Refused as exc:
            refused_to_form(form, exc)
        else:
            messages.success(request, _("Done."))
            return redirect(target)
    status = 400 if action else 200
    return render(
        request,
        "network/thread_moderate.html",
        {"thread": thread, "forms": forms, "space": thread.space},
        status=status,
    )


def _moderate_thread(request, thread: Thread, action: str, data: dict):
    user = request.user
    if action == "lock":
        moderation.set_locked(user, thread, not thread.is_locked, data["reason"])
        return thread
    if action == "move":
        space = Space.objects.filter(slug=data["space"]).first()
        if space is None:
            raise Refused("space", _("There is no space with this short name."), "space")
        permissions.check_can_moderate(user, space)
        moderation.move(user, thread, space, data["reason"])
        return thread
    if action == "split":
        posts = list(thread.posts.filter(pk__in=data["posts"]))
        return moderation.split(user, thread, posts, data["title"], data["reason"])
    target = (
        permissions.filter_threads_queryset(user, Thread.objects.all())
        .filter(pk=data["target"], merged_into__isnull=True)
        .first()
    )
    if target is None:
        raise Refused("target", _("There is no thread with this number."), "target")
    try:
        permissions.check_can_moderate(user, target.space)
    except PermissionDenied as exc:
        raise Refused("target", str(exc), "target") from exc
    moderation.merge(user, thread, target, data["reason"])
    return target


def queue(request: HttpRequest) -> HttpResponse:
    permissions.check_can_see_moderation_queue(request.user)
    spaces = permissions.filter_moderated_spaces(request.user, Space.objects.all()).values("pk")
    pending = (
        Post.objects.pending()
        .filter(thread__space__in=spaces)
        .select_related("author", "thread__space")
        .order_by("created_at")[:100]
    )
    reported = (
        Post.objects.filter(thread__space__in=spaces, reports__resolved_at__isnull=True)
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .select_related("author", "thread__space")
        .order_by("-open_reports", "created_at")[:100]
    )
    reports = Report.objects.open().filter(post__in=[p.pk for p in reported])
    by_post: dict[int, list] = {}
    for item in reports.select_related("reporter"):
        by_post.setdefault(item.post_id, []).append(item)
    reported = list(reported)
    for post in reported:
        post.open_report_list = by_post.get(post.pk, [])
    hidden = (
        Post.objects.filter(thread__space__in=spaces, status=PostStatus.HIDDEN)
        .select_related("author", "thread")
        .order_by("-pk")[:20]
    )
    context = {"pending": pending, "reported": reported, "hidden": hidden}
    return render(request, "network/queue.html", context)

"""Submitting and reviewing: write a draft, submit it, review the queue, archive."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from safercities.library import permissions
from safercities.library.forms import ResourceForm, ReviewForm
from safercities.library.models import Resource
from safercities.library.services import (
    TransitionError,
    Upload,
    archive_resource,
    publish_resource,
    reject_resource,
    request_changes,
    save_resource,
    submit_resource,
)
from safercities.notifications.models import Notification


def _visible_resource(request: HttpRequest, pk: int) -> Resource:
    visible = permissions.filter_resources_queryset(request.user, Resource.objects.all())
    return get_object_or_404(visible, pk=pk)


def _save_form(request: HttpRequest, form: ResourceForm, resource: Resource | None) -> Resource:
    upload = form.cleaned_data.get("file")
    resource = save_resource(
        request.user,
        resource,
        form.content_fields(),
        themes=form.cleaned_data["themes"],
        countries=form.cleaned_data["countries"],
        cities=form.cleaned_data["cities"],
        upload=Upload(upload, form.upload_kind) if upload else None,
        remove_file=bool(form.cleaned_data.get("remove_file")),
        translation_of=form.translation_target,
    )
    if "submit_now" in request.POST:
        try:
            submit_resource(request.user, resource)
            messages.success(request, _("Thank you: the editors will review your resource."))
        except TransitionError as error:
            messages.error(request, str(error))
    elif resource.is_editable_by_author:
        messages.success(request, _("Your draft has been saved."))
    else:
        messages.success(request, _("The changes have been saved."))
    return resource


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def resource_create(request: HttpRequest) -> HttpResponse:
    permissions.check_can_create_resource(request.user)
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        resource = _save_form(request, form, None)
        return redirect(resource)
    return render(request, "library/resource_form.html", {"form": form, "resource": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def resource_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _visible_resource(request, pk)
    permissions.check_can_edit_resource(request.user, resource)
    initial = {}
    if resource.translations().exists():
        initial["translation_of"] = resource.translations().first().get_absolute_url()
    form = ResourceForm(
        request.POST or None, request.FILES or None, instance=resource, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        resource = _save_form(request, form, resource)
        return redirect(resource)
    return render(request, "library/resource_form.html", {"form": form, "resource": resource})


@require_POST
def resource_submit(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _visible_resource(request, pk)
    permissions.check_can_submit_resource(request.user, resource)
    try:
        submit_resource(request.user, resource)
        messages.success(request, _("Thank you: the editors will review your resource."))
    except TransitionError as error:
        messages.error(request, str(error))
    return redirect(resource)


@require_POST
def resource_review(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor's decision: publish, request changes (with a comment) or reject."""
    resource = _visible_resource(request, pk)
    permissions.check_can_review(request.user)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(resource)
    action, comment = form.cleaned_data["action"], form.cleaned_data["comment"]
    try:
        if action == "publish":
            publish_resource(request.user, resource)
            messages.success(request, _("Published: “%(title)s”.") % {"title": resource.title})
        elif action == "request_changes":
            request_changes(request.user, resource, comment)
            messages.success(request, _("The author has been asked for changes."))
        else:
            reject_resource(request.user, resource, comment)
            messages.success(request, _("The resource has been rejected."))
    except TransitionError as error:
        messages.error(request, str(error))
        return redirect(resource)
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("library:review")


@require_POST
def resource_archive(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _visible_resource(request, pk)
    permissions.check_can_archive(request.user)
    try:
        archive_resource(request.user, resource)
        messages.success(request, _("The resource has been archived."))
    except TransitionError as error:
        messages.error(request, str(error))
    return redirect(resource)


def review_queue(request: HttpRequest) -> HttpResponse:
    permissions.check_can_review(request.user)
    waiting = (
        Resource.objects.awaiting_review()
        .select_related("submitter")
        .prefetch_related("themes")
        .order_by("submitted_at", "id")
    )
    page = Paginator(waiting, 20).get_page(request.GET.get("page"))
    return render(request, "library/review_queue.html", {"page": page, "form": ReviewForm()})


@login_required
def my_resources(request: HttpRequest) -> HttpResponse:
    resources = Resource.objects.submitted_by(request.user).order_by("-updated_at", "-id")
    notifications = Notification.objects.for_member(request.user).select_related("actor")
    return render(
        request,
        "library/my_resources.html",
        {
            "resources": resources,
            "notifications": notifications[:5],
            "unread_count": notifications.unread().count(),
        },
    )


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The notifications page moved to ``/notifications/`` (shared by every app)."""
    return redirect("notifications:list")

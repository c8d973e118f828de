"""Pages of a pilot's coordinating committee and its meetings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from safercities.core.privacy import team_only
from safercities.pilots import permissions, services
from safercities.pilots.forms import CommitteeMemberForm, MeetingForm
from safercities.pilots.models import CommitteeMember, Meeting
from safercities.pilots.views import _form_errors, _pilot


@team_only
def committee_add(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    form = CommitteeMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_committee_member(request.user, pilot, **form.fields_for_service())
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Added to the committee."))
            return redirect(pilot.get_absolute_url())
    return render(request, "pilots/committee_form.html", {"pilot": pilot, "form": form})


@require_POST
@team_only
def committee_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    seat = get_object_or_404(CommitteeMember, pk=pk, pilot=pilot)
    services.remove_committee_member(request.user, seat)
    messages.success(request, _("Removed from the committee."))
    return redirect(pilot.get_absolute_url())


@require_safe
@team_only
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _pilot(slug)
    meeting = get_object_or_404(Meeting, pk=pk, pilot=pilot)
    permissions.check_can_view_meeting(request.user, meeting)
    return render(
        request,
        "pilots/meeting_detail.html",
        {
            "pilot": pilot,
            "meeting": meeting,
            "can_edit": permissions.can_edit_pilot(request.user, pilot),
        },
    )


@team_only
def meeting_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    meeting = get_object_or_404(Meeting, pk=pk, pilot=pilot) if pk else None
    if meeting is not None and meeting.locked:
        messages.error(request, _("Approved minutes are locked and cannot be changed."))
        return redirect(meeting.get_absolute_url())
    initial = (
        {"held_on": meeting.held_on, "title": meeting.title, "minutes": meeting.minutes}
        if meeting
        else {}
    )
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.save_meeting(
                request.user, pilot, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(meeting.get_absolute_url())
    return render(
        request, "pilots/meeting_form.html", {"pilot": pilot, "form": form, "meeting": meeting}
    )


@require_POST
@team_only
def meeting_approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    meeting = get_object_or_404(Meeting, pk=pk, pilot=pilot)
    try:
        services.approve_minutes(request.user, meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The minutes are approved and locked."))
    return redirect(meeting.get_absolute_url())


@require_POST
@team_only
def meeting_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    meeting = get_object_or_404(Meeting, pk=pk, pilot=pilot)
    try:
        services.delete_meeting(request.user, meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting.get_absolute_url())
    messages.success(request, _("The meeting is deleted."))
    return redirect(pilot.get_absolute_url())

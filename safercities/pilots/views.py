"""Pages of a pilot: list, the pilot (public summary or the team's view), phases, outputs."""

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from safercities.accounts.permissions import check_member
from safercities.core.privacy import mark_team_only, team_only
from safercities.library.views import DOWNLOAD_CSP
from safercities.pilots import permissions, services
from safercities.pilots.enums import Phase
from safercities.pilots.forms import OutputForm, PhaseForm, PilotForm
from safercities.pilots.models import PhaseOutput, Pilot, PilotPhase
from safercities.places.models import City

PROBLEMS_SHOWN = 10


def _pilot(slug: str) -> Pilot:
    return get_object_or_404(Pilot.objects.with_city(), city__slug=slug)


def _outputs(pilot: Pilot):
    return PhaseOutput.objects.select_related("phase").filter(phase__pilot=pilot)


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                form.add_error(field if field in form.fields else None, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


@require_safe
def pilot_list(request: HttpRequest) -> HttpResponse:
    pilots = Pilot.objects.with_city().annotate(
        phases_done=Count("phases", filter=Q(phases__status="done"))
    )
    return render(request, "pilots/pilot_list.html", {"pilots": pilots, "phase_total": len(Phase)})


@require_safe
def pilot_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _pilot(slug)
    can_edit = permissions.can_edit_pilot(request.user, pilot)
    sees_committee = can_edit or permissions.is_committee_member(request.user, pilot)
    if sees_committee:
        mark_team_only(request)
    phases = pilot.phases.in_method_order().prefetch_related(
        Prefetch("outputs", queryset=PhaseOutput.objects.select_related("resource"))
    )
    committee = pilot.committee.select_related("organisation")
    meetings = permissions.filter_meetings_queryset(request.user, pilot, pilot.meetings.all())
    return render(
        request,
        "pilots/pilot_detail.html",
        {
            "pilot": pilot,
            "city": pilot.city,
            "phases": phases,
            "committee": committee,
            "meetings": meetings.newest_first(),
            "approved_meetings": pilot.meetings.approved().count(),
            "problems": pilot.problems.ranked()[:PROBLEMS_SHOWN],
            "can_edit": can_edit,
            "sees_committee": sees_committee,
        },
    )


def pilot_start(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    check_member(request.user)
    permissions.check_can_start_pilot(request.user, city)
    if Pilot.objects.filter(city=city).exists():
        return redirect("pilots:detail", slug)
    form = PilotForm(
        request.POST or None, initial={"title": _("Safer %(city)s") % {"city": city.name}}
    )
    if request.method == "POST" and form.is_valid():
        try:
            pilot = services.start_pilot(request.user, city, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The pilot is started."))
            return redirect(pilot.get_absolute_url())
    return render(request, "pilots/pilot_form.html", {"form": form, "city": city, "pilot": None})


@team_only
def pilot_edit(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    initial = {"title": pilot.title, "summary": pilot.summary, "language": pilot.language}
    form = PilotForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_pilot(request.user, pilot, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(pilot.get_absolute_url())
    return render(
        request, "pilots/pilot_form.html", {"form": form, "city": pilot.city, "pilot": pilot}
    )


@team_only
def phase_edit(request: HttpRequest, slug: str, phase: str) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    row = get_object_or_404(PilotPhase, pilot=pilot, phase=phase)
    initial = {
        "status": row.status,
        "started_on": row.started_on,
        "ended_on": row.ended_on,
        "notes": row.notes,
    }
    form = PhaseForm(request.POST or None, initial=initial)
    output_form = OutputForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.update_phase(request.user, row, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(pilot.get_absolute_url())
    return render(
        request,
        "pilots/phase_form.html",
        {"pilot": pilot, "row": row, "form": form, "output_form": output_form},
    )


@team_only
def output_add(request: HttpRequest, slug: str, phase: str) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    row = get_object_or_404(PilotPhase, pilot=pilot, phase=phase)
    output_form = OutputForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and output_form.is_valid():
        services.add_output(request.user, row, **output_form.cleaned_data)
        messages.success(request, _("The output is added."))
        return redirect("pilots:phase", slug, phase)
    form = PhaseForm(initial={"status": row.status, "notes": row.notes})
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "pilots/phase_form.html",
        {"pilot": pilot, "row": row, "form": form, "output_form": output_form},
        status=status,
    )


@require_POST
@team_only
def output_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    output = get_object_or_404(_outputs(pilot), pk=pk)
    phase = output.phase.phase
    services.remove_output(request.user, output)
    messages.success(request, _("The output is removed."))
    return redirect("pilots:phase", slug, phase)


@require_safe
@team_only
def output_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    pilot = _pilot(slug)
    output = get_object_or_404(_outputs(pilot), pk=pk)
    permissions.check_can_download_output(request.user, output)
    if not output.file:
        raise Http404
    try:
        handle = output.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        content_type="application/octet-stream",
        as_attachment=True,
        filename=PurePath(output.file.name).name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response

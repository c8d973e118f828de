"""Pages of the action plan: objectives, interventions (with suggested practices), milestones."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from safercities.core.privacy import mark_team_only, team_only
from safercities.pilots import permissions, plan
from safercities.pilots.forms import (
    InterventionForm,
    MilestoneDoneForm,
    MilestoneForm,
    ObjectiveForm,
)
from safercities.pilots.models import Intervention, Milestone, Objective, Problem
from safercities.pilots.views import _form_errors, _pilot
from safercities.practices.city_matching import CityConcerns, city_concerns, practices_for_city
from safercities.practices.enums import TargetGroup

SUGGESTIONS = 3


def suggested_practices(problem: Problem, limit: int = SUGGESTIONS):
    """Replicable practices that fit the problem's theme (else the city's concerns), with why."""
    city = problem.pilot.city
    concerns = (
        CityConcerns(profile=None, declared=[problem.theme])
        if problem.theme_id
        else city_concerns(city)
    )
    return practices_for_city(city, limit, concerns=concerns)


@require_POST
@team_only
def objective_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    problem = get_object_or_404(Problem, pk=pk, pilot=pilot)
    form = ObjectiveForm(request.POST)
    if form.is_valid():
        plan.add_objective(request.user, problem, **form.cleaned_data)
        messages.success(request, _("The objective is added."))
    else:
        messages.error(request, _("Write the objective."))
    return redirect(problem.get_absolute_url())


def _intervention_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in InterventionForm.Meta.fields}


@team_only
def intervention_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    objective = get_object_or_404(
        Objective.objects.select_related("problem"), pk=pk, problem__pilot=pilot
    )
    initial = {"approach": objective.problem.approach}
    practice_id = request.GET.get("practice", "")
    if practice_id.isdigit():
        initial["based_on"] = int(practice_id)
    form = InterventionForm(request.POST or None, initial=initial, pilot=pilot)
    if request.method == "POST" and form.is_valid():
        try:
            intervention = plan.create_intervention(
                request.user, objective, **_intervention_fields(form)
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The intervention is added. Now add its milestones."))
            return redirect(intervention.get_absolute_url())
    return render(
        request,
        "pilots/intervention_form.html",
        {"pilot": pilot, "form": form, "objective": objective, "intervention": None},
    )


def _intervention(pilot, pk: int) -> Intervention:
    return get_object_or_404(
        Intervention.objects.for_plan().select_related("pilot__city"), pk=pk, pilot=pilot
    )


@team_only
def intervention_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    intervention = _intervention(pilot, pk)
    form = InterventionForm(request.POST or None, instance=intervention, pilot=pilot)
    if request.method == "POST" and form.is_valid():
        fields = _intervention_fields(form)
        intervention.refresh_from_db()
        try:
            plan.update_intervention(request.user, intervention, **fields)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(intervention.get_absolute_url())
    return render(
        request,
        "pilots/intervention_form.html",
        {
            "pilot": pilot,
            "form": form,
            "objective": intervention.objective,
            "intervention": intervention,
        },
    )


@require_safe
def intervention_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _pilot(slug)
    intervention = _intervention(pilot, pk)
    can_update = permissions.can_update_intervention(request.user, intervention)
    if can_update:
        mark_team_only(request)
    return render(
        request,
        "pilots/intervention_detail.html",
        {
            "pilot": pilot,
            "intervention": intervention,
            "milestones": list(intervention.milestones.all()),
            "target_groups": [
                str(TargetGroup(group).label)
                for group in intervention.target_groups
                if group in TargetGroup.values
            ],
            "can_edit": permissions.can_edit_pilot(request.user, pilot),
            "can_update": can_update,
            "milestone_form": MilestoneForm() if can_update else None,
            "done_form": MilestoneDoneForm() if can_update else None,
        },
    )


def _updatable(request, slug: str, pk: int) -> Intervention:
    pilot = _pilot(slug)
    intervention = _intervention(pilot, pk)
    permissions.check_can_update_intervention(request.user, intervention)
    return intervention


def _report_errors(request, form_or_error) -> None:
    if isinstance(form_or_error, ValidationError):
        texts = form_or_error.messages
    else:
        texts = []
        for name, errors in form_or_error.errors.items():
            field = form_or_error.fields.get(name)
            prefix = f"{field.label}: " if field is not None else ""
            texts.append(prefix + " ".join(errors))
    messages.error(request, " ".join(texts))


@require_POST
@team_only
def milestone_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    intervention = _updatable(request, slug, pk)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        plan.add_milestone(request.user, intervention, **form.cleaned_data)
        messages.success(request, _("The milestone is added."))
    else:
        _report_errors(request, form)
    return redirect(intervention.get_absolute_url())


@require_POST
@team_only
def milestone_done(request: HttpRequest, slug: str, pk: int, milestone: int) -> HttpResponse:
    intervention = _updatable(request, slug, pk)
    row = get_object_or_404(Milestone, pk=milestone, intervention=intervention)
    form = MilestoneDoneForm(request.POST)
    if form.is_valid():
        try:
            plan.complete_milestone(request.user, row, **form.cleaned_data)
        except ValidationError as error:
            _report_errors(request, error)
        else:
            messages.success(request, _("The milestone is done."))
    else:
        _report_errors(request, form)
    return redirect(intervention.get_absolute_url())


@require_POST
@team_only
def milestone_reopen(request: HttpRequest, slug: str, pk: int, milestone: int) -> HttpResponse:
    intervention = _updatable(request, slug, pk)
    row = get_object_or_404(Milestone, pk=milestone, intervention=intervention)
    plan.reopen_milestone(request.user, row)
    return redirect(intervention.get_absolute_url())


@require_safe
def plan_page(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _pilot(slug)
    interventions = Intervention.objects.for_plan().filter(pilot=pilot)
    problems = pilot.problems.ranked().prefetch_related(
        Prefetch(
            "objectives",
            queryset=Objective.objects.prefetch_related(
                Prefetch("interventions", queryset=interventions)
            ),
        )
    )
    return render(request, "pilots/plan.html", {"pilot": pilot, "problems": problems})

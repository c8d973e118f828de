"""Pages of a pilot's priority problems: from a diagnosis finding, ranked, grouped."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from safercities.core.privacy import mark_team_only, team_only
from safercities.diagnosis import findings as diagnosis_findings
from safercities.diagnosis.models import Assessment
from safercities.pilots import permissions, problems
from safercities.pilots.enums import Approach
from safercities.pilots.forms import ObjectiveForm, ProblemForm
from safercities.pilots.models import Intervention, Problem
from safercities.pilots.views import _form_errors, _pilot
from safercities.pilots.views_plan import suggested_practices

OPTION_FIELDS = ("size", "grid", "permutations", "fdr")


@require_POST
@team_only
def problem_from_evidence(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    try:
        assessment_id = int(request.POST.get("assessment", ""))
    except ValueError:
        assessment_id = 0
    assessment = get_object_or_404(Assessment, pk=assessment_id, city=pilot.city)
    kind = request.POST.get("kind", "")
    options = {name: request.POST[name] for name in OPTION_FIELDS if name in request.POST}
    if "fdr" in options:
        options["fdr"] = options["fdr"] == "True"
    finding = None
    if kind in diagnosis_findings.KINDS:
        finding = diagnosis_findings.resolve(
            assessment, kind, request.POST.get("key", ""), options or None
        )
    if finding is None:
        messages.error(request, _("This finding is no longer in the diagnosis."))
        return redirect(assessment.get_absolute_url())
    problem, created = problems.problem_from_finding(request.user, pilot, finding)
    if created:
        messages.success(request, _("The priority problem is created. Rank it and say why."))
    else:
        messages.info(request, _("This finding is already a priority problem."))
    return redirect(problem.get_absolute_url())


def _grouped(problem_list, by: str) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for problem in problem_list:
        if by == "theme":
            label = str(problem.theme) if problem.theme_id else _("No theme")
        else:
            label = problem.get_approach_display() if problem.approach else _("No approach yet")
        groups.setdefault(label, []).append(problem)
    if by == "approach":
        order = [str(label) for _value, label in Approach.choices]
        return sorted(groups.items(), key=lambda i: order.index(i[0]) if i[0] in order else 9)
    return sorted(groups.items(), key=lambda item: item[0])


@require_safe
def problem_list(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _pilot(slug)
    can_edit = permissions.can_edit_pilot(request.user, pilot)
    if can_edit:
        mark_team_only(request)
    by = request.GET.get("by", "rank")
    if by not in ("rank", "theme", "approach"):
        by = "rank"
    problem_list = list(pilot.problems.select_related("theme").ranked())
    groups = [("", problem_list)] if by == "rank" else _grouped(problem_list, by)
    return render(
        request,
        "pilots/problem_list.html",
        {
            "pilot": pilot,
            "groups": groups,
            "by": by,
            "can_edit": can_edit,
            "count": len(problem_list),
        },
    )


def problem_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _pilot(slug)
    problem = get_object_or_404(
        Problem.objects.select_related("theme", "evidence_assessment"), pk=pk, pilot=pilot
    )
    can_edit = permissions.can_edit_pilot(request.user, pilot)
    form = None
    if can_edit:
        mark_team_only(request)
        initial = {
            name: getattr(problem, name)
            for name in ("title", "description", "theme", "approach", "rank", "rank_reason")
        }
        form = ProblemForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                problems.update_problem(request.user, problem, **_problem_fields(form))
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(problem.get_absolute_url())
    elif request.method == "POST":
        permissions.check_can_edit_pilot(request.user, pilot)
    return render(
        request,
        "pilots/problem_detail.html",
        {
            "pilot": pilot,
            "problem": problem,
            "form": form,
            "can_edit": can_edit,
            "evidence_url": problems.evidence_url(problem),
            "objectives": problem.objectives.prefetch_related(
                Prefetch("interventions", queryset=Intervention.objects.for_plan())
            ),
            "suggestions": suggested_practices(problem) if can_edit else [],
            "objective_form": ObjectiveForm() if can_edit else None,
        },
    )


def _problem_fields(form) -> dict:
    data = dict(form.cleaned_data)
    data["approach"] = data.get("approach") or ""
    return data


@team_only
def problem_new(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    form = ProblemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            problem = problems.create_problem(request.user, pilot, **_problem_fields(form))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            return redirect(problem.get_absolute_url())
    return render(request, "pilots/problem_form.html", {"pilot": pilot, "form": form})


@require_POST
@team_only
def problem_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _pilot(slug)
    permissions.check_can_edit_pilot(request.user, pilot)
    problem = get_object_or_404(Problem, pk=pk, pilot=pilot)
    problems.delete_problem(request.user, problem)
    messages.success(request, _("The problem is deleted."))
    return redirect("pilots:problems", slug)

"""Verbs on priority problems, and the one-click action offered on diagnosis findings."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from safercities.accounts.permissions import is_city_team_member
from safercities.core.audit import record
from safercities.diagnosis import findings as diagnosis_findings
from safercities.pilots.models import Pilot, Problem


def evidence_url(problem: Problem) -> str:
    """Where the problem's evidence lives on the diagnosis pages ("" when it has none)."""
    if not problem.evidence_assessment_id:
        return ""
    if problem.evidence_kind == diagnosis_findings.HOTSPOT:
        figures = problem.evidence_figures
        query = {
            "size": figures.get("size"),
            "grid": figures.get("grid"),
            "permutations": figures.get("permutations"),
            "submitted": 1,
        }
        if figures.get("fdr"):
            query["fdr"] = "on"
        base = reverse("diagnosis:hotspots", args=[problem.evidence_assessment_id])
        return f"{base}?{urlencode(query)}"
    return reverse("diagnosis:detail", args=[problem.evidence_assessment_id])


def problem_from_finding(actor, pilot: Pilot, finding) -> tuple[Problem, bool]:
    """A priority problem holding the finding's link and figures as they are today.

    Returns ``(problem, created)``: the same finding turned into a problem twice gives the
    existing problem back.
    """
    existing = Problem.objects.filter(
        pilot=pilot,
        evidence_kind=finding.kind,
        evidence_assessment=finding.assessment,
        evidence_key=finding.key,
    ).first()
    if existing is not None:
        return existing, False
    problem = Problem.objects.create(
        pilot=pilot,
        title=finding.title[:200],
        evidence_kind=finding.kind,
        evidence_assessment=finding.assessment,
        evidence_key=finding.key,
        evidence_figures=dict(finding.figures),
        evidence_date=timezone.localdate(),
        created_by=actor,
    )
    record(actor, "pilot.problem_created", problem, evidence=finding.kind, key=finding.key)
    return problem, True


def create_problem(actor, pilot: Pilot, **fields) -> Problem:
    _check_rank(fields.get("rank"), fields.get("rank_reason", ""))
    problem = Problem.objects.create(pilot=pilot, created_by=actor, **fields)
    record(actor, "pilot.problem_created", problem)
    return problem


def update_problem(actor, problem: Problem, **fields) -> Problem:
    _check_rank(fields.get("rank"), fields.get("rank_reason", ""))
    for name, value in fields.items():
        setattr(problem, name, value)
    problem.save()
    record(actor, "pilot.problem_updated", problem, rank=problem.rank)
    return problem


def delete_problem(actor, problem: Problem) -> None:
    record(actor, "pilot.problem_deleted", problem.pilot, problem=problem.pk)
    problem.delete()


def _check_rank(rank, reason: str) -> None:
    if rank is not None and not (reason or "").strip():
        raise ValidationError({"rank_reason": _("Say why this problem has this rank.")})


@diagnosis_findings.register_finding_action
def make_problem_action(request, finding):
    """The city team of a pilot city may turn a finding into a priority problem."""
    city_id = finding.assessment.city_id
    if not is_city_team_member(request.user, city_id):
        return None
    cache = request.__dict__.setdefault("_pilot_slug_by_city", {})
    if city_id not in cache:
        cache[city_id] = (
            Pilot.objects.filter(city_id=city_id).values_list("city__slug", flat=True).first()
        )
    slug = cache[city_id]
    if slug is None:
        return None
    fields = {"kind": finding.kind, "assessment": str(finding.assessment.pk), "key": finding.key}
    for name, value in finding.options.items():
        fields[name] = str(value)
    return diagnosis_findings.FindingAction(
        label=_("Make it a priority problem"),
        url=reverse("pilots:problem_from_evidence", args=[slug]),
        fields=fields,
    )

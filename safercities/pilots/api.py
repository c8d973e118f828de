"""The pilots' API: pilots with their phases and committee (public summary; more for the team)."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from safercities.api.base import OPTIONAL_AUTH
from safercities.api.types import Slug
from safercities.core.privacy import mark_team_only
from safercities.pilots import permissions
from safercities.pilots.models import Intervention, Pilot

router = Router(tags=["pilots"])


class PhaseOut(Schema):
    phase: str
    label: str
    status: str
    started_on: str | None
    ended_on: str | None


class CommitteeSeatOut(Schema):
    organisation: str
    role: str
    community: bool
    person: str | None


class PilotSummaryOut(Schema):
    city: str
    title: str
    language: str
    url: str


class PilotOut(PilotSummaryOut):
    summary: str
    phases: list[PhaseOut]
    committee: list[CommitteeSeatOut]
    approved_meetings: int


def _summary(pilot: Pilot, request) -> dict:
    return {
        "city": pilot.city.slug,
        "title": pilot.title,
        "language": pilot.language,
        "url": request.build_absolute_uri(pilot.get_absolute_url()),
    }


def _date(value) -> str | None:
    return value.isoformat() if value else None


@router.get("/pilots", response=list[PilotSummaryOut], auth=OPTIONAL_AUTH, summary="Pilot cities")
def list_pilots(request):
    return [_summary(pilot, request) for pilot in Pilot.objects.with_city()]


@router.get(
    "/pilots/{city}", response=PilotOut, auth=OPTIONAL_AUTH, summary="A pilot: phases, committee"
)
def get_pilot(request, city: Slug):
    pilot = get_object_or_404(Pilot.objects.with_city(), city__slug=city)
    sees_people = permissions.can_see_committee_details(request.user, pilot)
    if sees_people:
        mark_team_only(request)
    return {
        **_summary(pilot, request),
        "summary": pilot.summary,
        "phases": [
            {
                "phase": phase.phase,
                "label": str(phase.get_phase_display()),
                "status": phase.status,
                "started_on": _date(phase.started_on),
                "ended_on": _date(phase.ended_on),
            }
            for phase in pilot.phases.in_method_order()
        ],
        "committee": [
            {
                "organisation": seat.organisation_label,
                "role": seat.role,
                "community": seat.community,
                "person": (seat.person_name or None) if sees_people else None,
            }
            for seat in pilot.committee.select_related("organisation")
        ],
        "approved_meetings": pilot.meetings.approved().count(),
    }


class ProblemOut(Schema):
    id: int
    title: str
    rank: int | None
    rank_reason: str
    approach: str | None
    theme: str | None
    evidence_kind: str | None
    evidence_date: str | None
    evidence_figures: dict | None = None
    url: str


class InterventionOut(Schema):
    id: int
    title: str
    problem: int
    objective: str
    approach: str
    target_groups: list[str]
    district: str | None
    settlement: str | None
    lead_agency: str
    budget: float | None
    currency: str
    starts_on: str | None
    ends_on: str | None
    based_on: str | None = None
    progress: int
    stale: bool
    url: str


def _visible_pilot(request, city: str) -> tuple[Pilot, bool]:
    pilot = get_object_or_404(Pilot.objects.with_city(), city__slug=city)
    is_team = permissions.can_edit_pilot(request.user, pilot)
    if is_team:
        mark_team_only(request)
    return pilot, is_team


@router.get(
    "/pilots/{city}/problems",
    response=list[ProblemOut],
    auth=OPTIONAL_AUTH,
    summary="A pilot's priority problems, ranked (evidence figures for the city team)",
)
def list_problems(request, city: Slug):
    pilot, is_team = _visible_pilot(request, city)
    return [
        {
            "id": problem.pk,
            "title": problem.title,
            "rank": problem.rank,
            "rank_reason": problem.rank_reason,
            "approach": problem.approach or None,
            "theme": problem.theme.slug if problem.theme_id else None,
            "evidence_kind": problem.evidence_kind or None,
            "evidence_date": _date(problem.evidence_date),
            "evidence_figures": problem.evidence_figures if is_team else None,
            "url": request.build_absolute_uri(problem.get_absolute_url()),
        }
        for problem in pilot.problems.select_related("theme", "pilot__city").ranked()
    ]


@router.get(
    "/pilots/{city}/interventions",
    response=list[InterventionOut],
    auth=OPTIONAL_AUTH,
    summary="A pilot's interventions with their progress from weighted milestones",
)
def list_interventions(request, city: Slug):
    pilot, _is_team = _visible_pilot(request, city)
    return [
        {
            "id": item.pk,
            "title": item.title,
            "problem": item.objective.problem_id,
            "objective": item.objective.title,
            "approach": item.approach,
            "target_groups": list(item.target_groups),
            "district": item.district.name if item.district_id else None,
            "settlement": item.settlement.name if item.settlement_id else None,
            "lead_agency": item.lead_agency,
            "budget": float(item.budget) if item.budget is not None else None,
            "currency": item.currency,
            "starts_on": _date(item.starts_on),
            "ends_on": _date(item.ends_on),
            "based_on": item.based_on.slug if item.based_on_id else None,
            "progress": item.progress,
            "stale": item.is_stale(),
            "url": request.build_absolute_uri(item.get_absolute_url()),
        }
        for item in Intervention.objects.for_plan().filter(pilot=pilot)
    ]

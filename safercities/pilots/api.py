"""The pilots' API: pilots with their phases and committee (public summary; more for the team)."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from safercities.api.base import OPTIONAL_AUTH
from safercities.api.types import Slug
from safercities.core.privacy import mark_team_only
from safercities.pilots import permissions
from safercities.pilots.models import Pilot

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

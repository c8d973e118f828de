"""Training in the JSON API: events and their agenda, my registrations, check-ins,
certificate verification."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from safercities.api.base import AUTH, OPTIONAL_AUTH, BodySchema, Error, FieldError
from safercities.api.types import Slug
from safercities.core.privacy import mark_team_only
from safercities.training import permissions, services
from safercities.training.enums import EventKind, RegistrationStatus
from safercities.training.models import Certificate, Event, Registration, normalize_code

router = Router(tags=["training"])
KindName = Literal[tuple(EventKind.values)]  # type: ignore[valid-type]
Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,20}$")]
SessionId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class SessionOut(Schema):
    id: int
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    speakers: list[str] = Field(description="Names of speakers who are members")
    guest_speakers: str
    materials: list[int] = Field(description="Ids of library resources (/api/v1/resources/{id})")
    ics: str


class EventSummaryOut(Schema):
    slug: str
    url: str
    title: str
    kind: KindName
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    place: str
    languages: list[str]
    capacity: int
    seats_left: int
    registration_open: bool


class EventOut(EventSummaryOut):
    summary: str
    audience: str
    online: bool = Field(description="Whether the event has an online link (shown to participants)")
    organisers: list[str]
    ics: str
    sessions: list[SessionOut]


class EventListQuery(Schema):
    when: Literal["upcoming", "past", "all"] = "upcoming"
    kind: KindName | None = None


class RegistrationOut(Schema):
    event: str = Field(description="The event's slug")
    status: Literal[tuple(RegistrationStatus.values)]  # type: ignore[valid-type]
    code: str = Field(description="Check-in code (valid once confirmed)")
    offer_expires_at: datetime | None
    answers: dict[str, str]
    created_at: datetime


class RegistrationIn(BodySchema):
    answers: dict[
        Annotated[str, Field(pattern=r"^[0-9]{1,18}$")], Annotated[str, Field(max_length=2000)]
    ] = Field(default_factory=dict, description="Answers keyed by question id")


class CheckInIn(BodySchema):
    codes: list[Code] = Field(min_length=1, max_length=2000)


class CheckInOut(Schema):
    checked_in: int
    already: int = Field(description="Codes already checked in (counted once)")
    unknown: list[str]


class CertificateOut(Schema):
    code: str
    valid: bool
    revoked_at: datetime | None
    revoked_reason: str
    participant_name: str
    event_title: str
    event_kind: KindName
    dates: str
    hours: Decimal
    sessions_attended: int
    sessions_total: int
    issuer: str
    issued_at: datetime


def _session(request, event, session) -> dict:
    return {
        "id": session.pk,
        "title": session.title,
        "description": session.description,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "speakers": [u.name or u.get_short_name() for u in session.speakers.all()],
        "guest_speakers": session.guest_speakers,
        "materials": [r.pk for r in session.materials.all()],
        "ics": request.build_absolute_uri(
            f"{event.get_absolute_url()}sessions/{session.pk}/calendar.ics"
        ),
    }


def _summary(request, event) -> dict:
    return {
        "slug": event.slug,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "title": event.title,
        "kind": event.kind,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "place": event.place,
        "languages": event.languages,
        "capacity": event.capacity,
        "seats_left": event.seats_left,
        "registration_open": event.registration_open and not event.is_past,
    }


def _visible(request, slug: str) -> Event:
    return get_object_or_404(
        permissions.filter_events_queryset(request.user, Event.objects.all()), slug=slug
    )


@router.get(
    "/events", response=list[EventSummaryOut], auth=OPTIONAL_AUTH, summary="Training events"
)
def list_events(request, filters: Query[EventListQuery]):
    events = permissions.filter_events_queryset(request.user, Event.objects.all())
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.when == "upcoming":
        events = events.upcoming()
    elif filters.when == "past":
        events = events.past()
    return [_summary(request, e) for e in events[:200]]


@router.get(
    "/events/{slug}", response=EventOut, auth=OPTIONAL_AUTH, summary="One event with its agenda"
)
def get_event(request, slug: Slug):
    event = _visible(request, slug)
    sessions = event.sessions.prefetch_related("speakers", "materials")
    return {
        **_summary(request, event),
        "summary": event.summary,
        "audience": event.audience,
        "online": bool(event.online_url),
        "organisers": [u.name or u.get_short_name() for u in event.organisers.all()],
        "ics": request.build_absolute_uri(f"{event.get_absolute_url()}calendar.ics"),
        "sessions": [_session(request, event, s) for s in sessions],
    }


def _registration(registration) -> dict:
    return {
        "event": registration.event.slug,
        "status": registration.status,
        "code": registration.code,
        "offer_expires_at": registration.offer_expires_at,
        "answers": registration.answers,
        "created_at": registration.created_at,
    }


@router.get(
    "/me/registrations", response=list[RegistrationOut], auth=AUTH, summary="My registrations"
)
def my_registrations(request):
    mark_team_only(request)
    rows = Registration.objects.filter(user=request.user).select_related("event")
    return [_registration(r) for r in rows]


@router.post(
    "/events/{slug}/registration",
    response={201: RegistrationOut},
    auth=AUTH,
    summary="Register for an event (a seat, or the waiting list when it is full)",
)
def register(request, slug: Slug, payload: RegistrationIn):
    mark_team_only(request)
    event = _visible(request, slug)
    try:
        registration = services.register(request.user, event, payload.answers)
    except services.TrainingError as error:
        raise FieldError("answers", str(error)) from None
    return Status(201, _registration(registration))


@router.delete(
    "/events/{slug}/registration",
    response=RegistrationOut,
    auth=AUTH,
    summary="Cancel my registration",
)
def cancel(request, slug: Slug):
    mark_team_only(request)
    event = _visible(request, slug)
    registration = get_object_or_404(event.registrations, user=request.user)
    try:
        services.cancel_registration(request.user, registration)
    except services.TrainingError as error:
        raise FieldError("registration", str(error)) from None
    return _registration(registration)


@router.post(
    "/events/{slug}/sessions/{session_id}/check-ins",
    response={200: CheckInOut, 403: Error},
    auth=AUTH,
    summary="Send check-ins (collected offline too); the same code twice counts once",
)
def check_ins(request, slug: Slug, session_id: SessionId, payload: CheckInIn):
    mark_team_only(request)
    event = _visible(request, slug)
    if not permissions.is_organiser(request.user, event):
        raise PermissionDenied("Only the organisers of this event can take attendance.")
    session = get_object_or_404(event.sessions, pk=session_id)
    return services.check_in_many(request.user, session, payload.codes)


@router.get(
    "/certificates/{code}",
    response=CertificateOut,
    auth=OPTIONAL_AUTH,
    summary="Verify a certificate: what it says and whether it was revoked",
)
def verify_certificate(request, code: Code):
    certificate = get_object_or_404(Certificate, code=normalize_code(code))
    return {
        **{
            f: getattr(certificate, f)
            for f in CertificateOut.model_fields
            if hasattr(certificate, f)
        },
        "valid": not certificate.is_revoked,
    }

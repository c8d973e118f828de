"""Verbs of the training app: events, agenda, registration, attendance, certificates.

Seats are counted in ``Event.seats_taken`` (confirmed registrations plus open offers) and only
ever changed by conditional UPDATEs (``seats_taken < capacity``), which the database applies
one at a time on SQLite and PostgreSQL alike: two people racing for the last seat cannot both
get it, whatever each of them read before. A database CHECK constraint backs this up.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from safercities.core.audit import record
from safercities.training import indexing
from safercities.training import notifications as tell
from safercities.training.enums import SEAT_STATUSES, RegistrationStatus
from safercities.training.models import (
    Attendance,
    Event,
    Question,
    Registration,
    Session,
    normalize_code,
)

S = RegistrationStatus


class TrainingError(Exception):
    """A transition that is not allowed now; the message is shown to the person."""


# ---- events and agenda ---------------------------------------------------------------------

EVENT_FIELDS = (
    "slug", "title", "kind", "summary", "starts_at", "ends_at", "time_zone", "place",
    "online_url", "languages", "audience", "capacity", "offer_hours", "attendance_rule",
    "certificate_hours", "issuer", "registration_open", "is_published",
)  # fmt: skip


def save_event(actor, event: Event | None, data: dict) -> Event:
    """Create an event (the actor becomes its organiser) or change one."""
    created = event is None
    with transaction.atomic():
        if created:
            event = Event()
        else:
            event = Event.objects.select_for_update().get(pk=event.pk)
            if "capacity" in data and data["capacity"] < event.seats_taken:
                raise TrainingError(
                    _("%(n)s seats are already taken: the capacity cannot be lower.")
                    % {"n": event.seats_taken}
                )
        for field in EVENT_FIELDS:
            if field in data:
                setattr(event, field, data[field])
        event.full_clean(exclude=["organisers"])
        event.save()
        if created:
            event.organisers.add(actor)
        record(actor, "training.event_created" if created else "training.event_changed", event)
        fill_free_seats(event)
        indexing.reindex(event)
    event.refresh_from_db()
    return event


def set_organisers(actor, event: Event, users) -> None:
    users = list(users)
    if not users:
        raise TrainingError(_("An event needs at least one organiser."))
    event.organisers.set(users)
    record(actor, "training.organisers_changed", event, organisers=[u.pk for u in users])


def save_session(actor, event: Event, session: Session | None, data: dict) -> Session:
    created = session is None
    session = session or Session(event=event)
    for field in ("title", "description", "starts_at", "ends_at", "guest_speakers"):
        if field in data:
            setattr(session, field, data[field])
    if session.ends_at < session.starts_at:
        raise TrainingError(_("A session cannot end before it starts."))
    with transaction.atomic():
        session.save()
        if "speakers" in data:
            session.speakers.set(data["speakers"])
        if "materials" in data:
            session.materials.set(data["materials"])
        record(
            actor,
            "training.session_created" if created else "training.session_changed",
            event,
            session=session.pk,
        )
        indexing.reindex(event)
    return session


def delete_session(actor, session: Session) -> None:
    if session.attendances.exists():
        raise TrainingError(_("People have checked in to this session: it cannot be deleted."))
    record(actor, "training.session_deleted", session.event, session=session.pk)
    session.delete()


def add_question(actor, event: Event, label: str, required: bool = False) -> Question:
    label = label.strip()
    if not label:
        raise TrainingError(_("Write the question."))
    position = event.questions.count()
    question = Question.objects.create(
        event=event, label=label, required=required, position=position
    )
    record(actor, "training.question_added", event, question=question.pk)
    return question


def remove_question(actor, question: Question) -> None:
    record(actor, "training.question_removed", question.event, question=question.pk)
    question.delete()


# ---- seats ---------------------------------------------------------------------------------


def _take_seat(event_id: int) -> bool:
    """Take one seat if one is free; True when this caller got it (atomic in the database)."""
    return (
        Event.objects.filter(pk=event_id, seats_taken__lt=F("capacity")).update(
            seats_taken=F("seats_taken") + 1
        )
        == 1
    )


def _release_seat(event_id: int) -> None:
    Event.objects.filter(pk=event_id, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)


def _offer_seat_to_next(event: Event, *, now=None) -> Registration | None:
    """Hand a seat the caller holds to the first person waiting, or give it back."""
    now = now or timezone.now()
    while True:
        candidate = event.registrations.waiting().first()
        if candidate is None:
            _release_seat(event.pk)
            return None
        expires = now + timedelta(hours=event.offer_hours or 48)
        changed = Registration.objects.filter(pk=candidate.pk, status=S.WAITING).update(
            status=S.OFFERED, offer_expires_at=expires
        )
        if changed:
            candidate.status, candidate.offer_expires_at = S.OFFERED, expires
            record(None, "training.seat_offered", event, registration=candidate.pk)
            tell.seat_offered(candidate)
            return candidate


def fill_free_seats(event: Event) -> int:
    """Offer every free seat to the people waiting (after the capacity grew)."""
    offered = 0
    while event.registrations.waiting().exists() and _take_seat(event.pk):
        if _offer_seat_to_next(event) is None:
            break
        offered += 1
    return offered


# ---- registration --------------------------------------------------------------------------


def clean_answers(event: Event, answers: dict) -> dict[str, str]:
    """The answers keyed by question id; raises TrainingError naming a missing one."""
    cleaned = {}
    for question in event.questions.all():
        value = str(answers.get(str(question.pk), answers.get(question.pk, "")) or "").strip()
        if question.required and not value:
            raise TrainingError(_("Please answer: %(q)s") % {"q": question.label})
        cleaned[str(question.pk)] = value[:2000]
    return cleaned


def register(user, event: Event, answers: dict | None = None) -> Registration:
    """Register ``user``: a seat when one is free, else a place on the waiting list."""
    if not event.registration_open or event.is_past:
        raise TrainingError(_("Registration for this event is closed."))
    cleaned = clean_answers(event, answers or {})
    try:
        with transaction.atomic():
            existing = (
                Registration.objects.select_for_update().filter(event=event, user=user).first()
            )
            if existing and existing.status != S.CANCELLED:
                raise TrainingError(_("You are already registered for this event."))
            # Nobody jumps the queue: while people wait, newcomers wait too.
            seat = not event.registrations.waiting().exists() and _take_seat(event.pk)
            status = S.CONFIRMED if seat else S.WAITING
            registration = existing or Registration(event=event, user=user)
            registration.status = status
            registration.answers = cleaned
            registration.offer_expires_at = None
            registration.created_at = timezone.now()
            registration.save()
            record(user, f"training.registration_{status}", event, registration=registration.pk)
            if seat:
                tell.registration_confirmed(registration)
            else:
                tell.registration_waiting(registration)
    except IntegrityError:  # the same person twice at once: one row wins
        raise TrainingError(_("You are already registered for this event.")) from None
    return registration


def cancel_registration(user, registration: Registration) -> Registration:
    """The participant cancels; a seat they held goes to the next person waiting."""
    with transaction.atomic():
        held = registration.status in SEAT_STATUSES
        changed = (
            Registration.objects.filter(pk=registration.pk, status=registration.status)
            .exclude(status=S.CANCELLED)
            .update(status=S.CANCELLED, offer_expires_at=None)
        )
        if not changed:
            raise TrainingError(_("This registration is already cancelled."))
        registration.status = S.CANCELLED
        record(
            user,
            "training.registration_cancelled",
            registration.event,
            registration=registration.pk,
        )
        if held:
            _offer_seat_to_next(registration.event)
    return registration


def accept_offer(user, registration: Registration, *, now=None) -> Registration:
    now = now or timezone.now()
    with transaction.atomic():
        changed = Registration.objects.filter(
            pk=registration.pk, status=S.OFFERED, offer_expires_at__gt=now
        ).update(status=S.CONFIRMED, offer_expires_at=None)
        if not changed:
            raise TrainingError(_("This offer is no longer open."))
        registration.status, registration.offer_expires_at = S.CONFIRMED, None
        record(user, "training.offer_accepted", registration.event, registration=registration.pk)
        tell.registration_confirmed(registration)
    return registration


def decline_offer(user, registration: Registration) -> Registration:
    with transaction.atomic():
        changed = Registration.objects.filter(pk=registration.pk, status=S.OFFERED).update(
            status=S.CANCELLED, offer_expires_at=None
        )
        if not changed:
            raise TrainingError(_("This offer is no longer open."))
        registration.status = S.CANCELLED
        record(user, "training.offer_declined", registration.event, registration=registration.pk)
        _offer_seat_to_next(registration.event)
    return registration


def expire_offers(*, now=None) -> int:
    """Offers not accepted in time lapse; each seat goes to the next person. Idempotent."""
    now = now or timezone.now()
    expired = 0
    for registration in Registration.objects.filter(
        status=S.OFFERED, offer_expires_at__lte=now
    ).select_related("event", "user"):
        with transaction.atomic():
            changed = Registration.objects.filter(
                pk=registration.pk, status=S.OFFERED, offer_expires_at__lte=now
            ).update(status=S.CANCELLED, offer_expires_at=None)
            if not changed:
                continue
            expired += 1
            record(None, "training.offer_expired", registration.event, registration=registration.pk)
            tell.offer_expired(registration)
            _offer_seat_to_next(registration.event, now=now)
    return expired


def send_reminders(*, now=None, ahead=timedelta(days=1)) -> int:
    """Remind confirmed participants of events starting within a day (once per event)."""
    now = now or timezone.now()
    told = 0
    events = Event.objects.published().filter(
        reminded_at__isnull=True, starts_at__gt=now, starts_at__lte=now + ahead
    )
    for event in events:
        with transaction.atomic():
            if not Event.objects.filter(pk=event.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            told += tell.reminder(event)
    return told


# ---- attendance ----------------------------------------------------------------------------


@dataclass
class CheckIn:
    registration: Registration
    created: bool  # False: this person was already checked in (counted once)


def check_in(actor, session: Session, code: str) -> CheckIn:
    """Mark one participant present at ``session`` by their short code. Idempotent."""
    code = normalize_code(code)
    registration = (
        Registration.objects.filter(event_id=session.event_id, code=code, status=S.CONFIRMED)
        .select_related("user")
        .first()
    )
    if registration is None:
        raise TrainingError(
            _("No confirmed participant of this event has the code “%(code)s”.") % {"code": code}
        )
    try:
        with transaction.atomic():
            _attendance, created = Attendance.objects.get_or_create(
                session=session, registration=registration, defaults={"checked_in_by": actor}
            )
    except IntegrityError:  # the same code sent twice at the same moment
        created = False
    if created:
        record(
            actor,
            "training.checked_in",
            session.event,
            session=session.pk,
            registration=registration.pk,
        )
    return CheckIn(registration, created)


def check_in_many(actor, session: Session, codes) -> dict:
    """Check-ins collected offline, sent later: each code once; unknown codes listed."""
    result = {"checked_in": 0, "already": 0, "unknown": []}
    for code in codes:
        try:
            outcome = check_in(actor, session, code)
        except TrainingError:
            result["unknown"].append(normalize_code(code))
            continue
        result["checked_in" if outcome.created else "already"] += 1
    return result


def attendance_counts(event: Event) -> dict[int, int]:
    """Sessions attended per confirmed registration id."""
    rows = (
        event.registrations.filter(status=S.CONFIRMED)
        .annotate(n=Count("attendances", filter=Q(attendances__session__event=event)))
        .values_list("pk", "n")
    )
    return dict(rows)


def meets_attendance_rule(event: Event, attended: int, total: int) -> bool:
    return total > 0 and attended * 100 >= event.attendance_rule * total

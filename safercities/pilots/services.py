"""Verbs on pilots. Each checks the transition, records it in the audit log and returns the
changed object."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safercities.core.audit import record
from safercities.pilots import notifications
from safercities.pilots.enums import PHASE_ORDER, MeetingStatus, PhaseStatus
from safercities.pilots.models import CommitteeMember, Meeting, PhaseOutput, Pilot, PilotPhase


@transaction.atomic
def start_pilot(actor, city, *, title: str, summary: str = "", language: str = "en") -> Pilot:
    if Pilot.objects.filter(city=city).exists():
        raise ValidationError(_("This city already has a pilot."))
    pilot = Pilot.objects.create(
        city=city, title=title, summary=summary, language=language, created_by=actor
    )
    PilotPhase.objects.bulk_create(
        PilotPhase(pilot=pilot, phase=phase, position=i) for i, phase in enumerate(PHASE_ORDER)
    )
    record(actor, "pilot.started", pilot, city=city.slug)
    return pilot


def update_pilot(actor, pilot, *, title: str, summary: str, language: str) -> Pilot:
    pilot.title, pilot.summary, pilot.language = title, summary, language
    pilot.save()
    record(actor, "pilot.updated", pilot)
    return pilot


def update_phase(actor, phase: PilotPhase, *, status: str, started_on, ended_on, notes: str):
    if started_on and ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": _("A phase cannot end before it starts.")})
    if status == PhaseStatus.DONE and not ended_on:
        raise ValidationError({"ended_on": _("Give the date a finished phase ended.")})
    if status != PhaseStatus.NOT_STARTED and not started_on:
        raise ValidationError({"started_on": _("Give the date this phase started.")})
    phase.status, phase.started_on, phase.ended_on, phase.notes = (
        status,
        started_on,
        ended_on,
        notes,
    )
    phase.save()
    record(actor, "pilot.phase_updated", phase.pilot, phase=phase.phase, status=status)
    return phase


def add_output(actor, phase: PilotPhase, *, title: str, resource=None, file=None) -> PhaseOutput:
    if bool(resource) == bool(file):
        raise ValidationError(_("Choose a library resource or upload a file (one of the two)."))
    output = PhaseOutput.objects.create(
        phase=phase, title=title, resource=resource, file=file or "", added_by=actor
    )
    record(actor, "pilot.output_added", phase.pilot, phase=phase.phase, output=output.pk)
    return output


def remove_output(actor, output: PhaseOutput) -> None:
    pilot = output.phase.pilot
    if output.file:
        output.file.delete(save=False)
    record(actor, "pilot.output_removed", pilot, output=output.pk)
    output.delete()


def add_committee_member(actor, pilot, **fields) -> CommitteeMember:
    if not fields.get("organisation") and not fields.get("organisation_name", "").strip():
        raise ValidationError(
            {"organisation_name": _("Choose an organisation or give the name of another one.")}
        )
    seat = CommitteeMember.objects.create(pilot=pilot, **fields)
    record(actor, "pilot.committee_member_added", pilot, seat=seat.pk, role=seat.role)
    if seat.user_id and seat.user_id != getattr(actor, "pk", None):
        notifications.tell_committee_seat(seat, actor=actor)
    return seat


def remove_committee_member(actor, seat: CommitteeMember) -> None:
    record(actor, "pilot.committee_member_removed", seat.pilot, seat=seat.pk)
    seat.delete()


def save_meeting(actor, pilot, *, meeting: Meeting | None = None, held_on, title, minutes):
    if meeting is not None and meeting.locked:
        raise ValidationError(_("Approved minutes are locked and cannot be changed."))
    if meeting is None:
        meeting = Meeting(pilot=pilot)
    meeting.held_on, meeting.title, meeting.minutes = held_on, title, minutes
    meeting.save()
    record(actor, "pilot.meeting_saved", meeting)
    return meeting


@transaction.atomic
def approve_minutes(actor, meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.locked:
        raise ValidationError(_("These minutes are already approved."))
    if not meeting.minutes.strip():
        raise ValidationError(_("Write the minutes before approving them."))
    meeting.status = MeetingStatus.APPROVED
    meeting.approved_by = actor
    meeting.approved_at = timezone.now()
    meeting.save()
    record(actor, "pilot.minutes_approved", meeting)
    notifications.tell_committee_of_minutes(meeting, actor=actor)
    return meeting


def delete_meeting(actor, meeting: Meeting) -> None:
    if meeting.locked:
        raise ValidationError(_("Approved minutes are locked and cannot be deleted."))
    record(actor, "pilot.meeting_deleted", meeting.pilot, meeting=meeting.pk)
    meeting.delete()

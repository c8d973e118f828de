"""Verbs on the action plan: objectives, interventions, milestones, reporting reminders."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safercities.accounts.models import User
from safercities.core.audit import record
from safercities.pilots import notifications
from safercities.pilots.models import Intervention, Milestone, Objective, Problem

REMIND_DAYS_BEFORE = 7


def add_objective(actor, problem: Problem, *, title: str) -> Objective:
    objective = Objective.objects.create(problem=problem, title=title)
    record(actor, "pilot.objective_added", problem, objective=objective.pk)
    return objective


def _check_intervention(pilot, fields: dict) -> None:
    errors = {}
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = _("An intervention cannot end before it starts.")
    district, settlement = fields.get("district"), fields.get("settlement")
    if district is not None and district.city_id != pilot.city_id:
        errors["district"] = _("Choose a district of the pilot city.")
    if settlement is not None and settlement.city_id != pilot.city_id:
        errors["settlement"] = _("Choose an informal settlement of the pilot city.")
    seat = fields.get("lead_seat")
    if seat is not None and seat.pilot_id != pilot.pk:
        errors["lead_seat"] = _("Choose a member of this pilot's committee.")
    if fields.get("budget") is not None and not fields.get("currency"):
        errors["currency"] = _("Give the currency of the budget.")
    if errors:
        raise ValidationError(errors)


def create_intervention(actor, objective: Objective, **fields) -> Intervention:
    pilot = objective.problem.pilot
    _check_intervention(pilot, fields)
    intervention = Intervention.objects.create(pilot=pilot, objective=objective, **fields)
    record(actor, "pilot.intervention_created", intervention, based_on=intervention.based_on_id)
    return intervention


def update_intervention(actor, intervention: Intervention, **fields) -> Intervention:
    _check_intervention(intervention.pilot, fields)
    for name, value in fields.items():
        setattr(intervention, name, value)
    intervention.updated_at = timezone.now()
    intervention.save()
    record(actor, "pilot.intervention_updated", intervention)
    return intervention


def _touch(intervention: Intervention) -> None:
    Intervention.objects.filter(pk=intervention.pk).update(updated_at=timezone.now())


def add_milestone(actor, intervention: Intervention, *, title, due_on=None, weight=1) -> Milestone:
    if weight < 1:
        raise ValidationError({"weight": _("A weight is at least 1.")})
    milestone = Milestone.objects.create(
        intervention=intervention, title=title, due_on=due_on, weight=weight
    )
    _touch(intervention)
    record(actor, "pilot.milestone_added", intervention, milestone=milestone.pk)
    return milestone


def complete_milestone(actor, milestone: Milestone, *, done_on, evidence: str) -> Milestone:
    if not (evidence or "").strip():
        raise ValidationError({"evidence": _("Describe or link the evidence that it is done.")})
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A milestone cannot be done in the future.")})
    milestone.done_on, milestone.evidence = done_on, evidence.strip()
    milestone.save()
    _touch(milestone.intervention)
    record(actor, "pilot.milestone_done", milestone.intervention, milestone=milestone.pk)
    return milestone


def reopen_milestone(actor, milestone: Milestone) -> Milestone:
    milestone.done_on, milestone.evidence = None, ""
    milestone.save()
    _touch(milestone.intervention)
    record(actor, "pilot.milestone_reopened", milestone.intervention, milestone=milestone.pk)
    return milestone


@transaction.atomic
def send_reporting_reminders(today: datetime.date | None = None) -> int:
    """Tell each pilot city's team of interventions whose reporting date is near (once)."""
    today = today or timezone.localdate()
    due = Intervention.objects.select_related("pilot__city").filter(
        next_report_on__gte=today,
        next_report_on__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
    )
    sent = 0
    for intervention in due.select_for_update():
        if intervention.reminded_for == intervention.next_report_on:
            continue
        team = User.objects.filter(city_teams__city=intervention.pilot.city_id, is_active=True)
        sent += notifications.remind_reporting(intervention, list(team))
        intervention.reminded_for = intervention.next_report_on
        intervention.save(update_fields=["reminded_for"])
    return sent

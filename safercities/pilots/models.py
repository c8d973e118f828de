"""A pilot city's project: its six phases, coordinating committee and committee meetings."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safercities.diagnosis.storage import PrivateStorage
from safercities.pilots.enums import (
    PHASE_ORDER,
    Approach,
    CommitteeRole,
    EvidenceKind,
    MeetingStatus,
    Phase,
    PhaseStatus,
)


class PilotQuerySet(models.QuerySet):
    def with_city(self):
        return self.select_related("city", "city__country")

    def by_city_name(self):
        return self.order_by("city__name")


class Pilot(models.Model):
    city = models.OneToOneField("places.City", on_delete=models.PROTECT, related_name="pilot")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("public summary"), blank=True)
    language = models.CharField(_("language"), max_length=35, default="en")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PilotQuerySet.as_manager()

    class Meta:
        ordering = ["city__name"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pilots:detail", args=[self.city.slug])


class PilotPhaseQuerySet(models.QuerySet):
    def in_method_order(self):
        return self.order_by("position")


class PilotPhase(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(_("phase"), max_length=30, choices=Phase.choices)
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=PhaseStatus.choices, default=PhaseStatus.NOT_STARTED
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = PilotPhaseQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["pilot", "phase"], name="pilots_one_row_per_phase")
        ]

    def __str__(self) -> str:
        return f"{self.pilot} · {self.get_phase_display()}"

    def save(self, *args, **kwargs):
        self.position = PHASE_ORDER.index(self.phase)
        super().save(*args, **kwargs)


class PhaseOutput(models.Model):
    """What a phase produced: a library resource (public) or a team-only file."""

    phase = models.ForeignKey(PilotPhase, on_delete=models.CASCADE, related_name="outputs")
    title = models.CharField(_("title"), max_length=200)
    resource = models.ForeignKey(
        "library.Resource",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pilot_outputs",
        verbose_name=_("library resource"),
    )
    file = models.FileField(
        _("team-only file"), upload_to="pilots/outputs/", storage=PrivateStorage(), blank=True
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.title


class CommitteeMember(models.Model):
    """An organisation (and optionally a person in it) on a pilot's coordinating committee."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="committee")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pilot_committees",
        verbose_name=_("organisation in the directory"),
    )
    organisation_name = models.CharField(
        _("other organisation"),
        max_length=200,
        blank=True,
        help_text=_("For organisations not in the directory, e.g. a community group."),
    )
    community = models.BooleanField(
        _("community organisation of an informal settlement"), default=False
    )
    person_name = models.CharField(_("person"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pilot_committee_seats",
        verbose_name=_("Hub account"),
    )
    role = models.CharField(_("role"), max_length=20, choices=CommitteeRole.choices)
    can_update_interventions = models.BooleanField(
        _("may update the interventions they lead"), default=False
    )

    class Meta:
        ordering = ["role", "pk"]

    def __str__(self) -> str:
        return self.organisation_label

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name


class MeetingQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=MeetingStatus.APPROVED)

    def newest_first(self):
        return self.order_by("-held_on", "-pk")


class Meeting(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("title"), max_length=200)
    minutes = models.TextField(_("minutes"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pilots:meeting", args=[self.pilot.city.slug, self.pk])

    @property
    def locked(self) -> bool:
        return self.status == MeetingStatus.APPROVED


class ProblemQuerySet(models.QuerySet):
    def ranked(self):
        """Ranked problems first (1 is the top priority), then unranked, newest first."""
        return self.order_by(models.F("rank").asc(nulls_last=True), "-created_at", "-pk")


class Problem(models.Model):
    """A priority problem of a pilot, ideally built from a diagnosis finding."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="problems")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        "taxonomy.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("theme"),
    )
    approach = models.CharField(
        _("prevention approach"), max_length=20, choices=Approach.choices, blank=True
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    rank_reason = models.TextField(_("reason for the rank"), blank=True)
    evidence_kind = models.CharField(
        max_length=30, choices=EvidenceKind.choices, blank=True, default=""
    )
    evidence_assessment = models.ForeignKey(
        "diagnosis.Assessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence_key = models.CharField(max_length=200, blank=True)
    evidence_figures = models.JSONField(default=dict, blank=True)
    evidence_date = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProblemQuerySet.as_manager()

    class Meta:
        ordering = ["rank", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pilots:problem", args=[self.pilot.city.slug, self.pk])


STALE_AFTER_DAYS = 90


class Objective(models.Model):
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("objective"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class InterventionQuerySet(models.QuerySet):
    def for_plan(self):
        return self.select_related(
            "pilot__city",
            "objective__problem",
            "district",
            "settlement",
            "based_on",
            "lead_seat__organisation",
        ).prefetch_related("milestones")


class Intervention(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="interventions")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="interventions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    approach = models.CharField(_("prevention approach"), max_length=20, choices=Approach.choices)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    district = models.ForeignKey(
        "places.District",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("district"),
    )
    settlement = models.ForeignKey(
        "places.InformalSettlement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("informal settlement"),
    )
    lead_agency = models.CharField(_("lead agency"), max_length=200)
    lead_seat = models.ForeignKey(
        CommitteeMember,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_interventions",
        verbose_name=_("led by committee member"),
    )
    partners = models.TextField(_("partners"), blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    next_report_on = models.DateField(_("next reporting date"), null=True, blank=True)
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    based_on = models.ForeignKey(
        "practices.Practice",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pilot_adaptations",
        verbose_name=_("based on the practice"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pilots:intervention", args=[self.pilot.city.slug, self.pk])

    @property
    def progress(self) -> int:
        """Percent of the milestones' weight done with evidence (uses prefetched milestones)."""
        milestones = list(self.milestones.all())
        total = sum(m.weight for m in milestones)
        if not total:
            return 0
        return round(100 * sum(m.weight for m in milestones if m.is_done) / total)

    def is_stale(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (today - timezone.localdate(self.updated_at)).days > STALE_AFTER_DAYS


class Milestone(models.Model):
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return bool(self.done_on and self.evidence.strip())

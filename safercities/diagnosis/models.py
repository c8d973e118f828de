"""Assessments of a place, their submissions, imports and the city's support services.

An :class:`Assessment` runs one locked tool version in one city (optionally a district or an
informal settlement) over a period, and belongs to that city's team. A :class:`Submission`
is one filled-in instrument: clean answers as JSON plus the few columns that aggregation reads
often. Raw submissions, exact locations and photos are private to the city team.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safercities.core.languages import language_choices
from safercities.core.uploads import PHOTO_EXTENSIONS
from safercities.diagnosis.enums import (
    ImportStatus,
    SampleDesign,
    SubmissionSource,
    Verification,
)
from safercities.diagnosis.storage import private_storage
from safercities.instruments.fieldimport import MAX_SUBMISSION_ID
from safercities.toolkit.enums import ToolKind


class AssessmentQuerySet(models.QuerySet):
    def of_city(self, city) -> AssessmentQuerySet:
        return self.filter(city=city)

    def of_kind(self, kind: str) -> AssessmentQuerySet:
        return self.filter(tool_version__tool__kind=kind)

    def open_on(self, day=None) -> AssessmentQuerySet:
        """Assessments accepting submissions on ``day`` (today by default)."""
        day = day or timezone.localdate()
        return self.filter(is_open=True, start__lte=day).filter(
            Q(end__isnull=True) | Q(end__gte=day)
        )

    def accepting_reports(self) -> AssessmentQuerySet:
        """Open incident-report assessments: anyone may report to these."""
        return self.of_kind(ToolKind.INCIDENT_REPORT).open_on()


class Assessment(models.Model):
    city = models.ForeignKey(
        "places.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="assessments"
    )
    district = models.ForeignKey(
        "places.District",
        verbose_name=_("district or ward"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    settlement = models.ForeignKey(
        "places.InformalSettlement",
        verbose_name=_("informal settlement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    tool_version = models.ForeignKey(
        "toolkit.ToolVersion",
        verbose_name=_("tool version"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    ref = models.SlugField(
        _("reference"),
        max_length=80,
        blank=True,
        help_text=_("Optional stable key (used by demo data and scripts)."),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Empty while ongoing."))
    is_open = models.BooleanField(
        _("accepting submissions"),
        default=True,
        help_text=_("Incident reports from the public are accepted while this is on."),
    )
    sample_design = models.CharField(
        _("sample design"),
        max_length=10,
        choices=SampleDesign.choices,
        default=SampleDesign.TAYLOR,
        help_text=_(
            "Victimization surveys: how respondents were sampled. Strata and clusters (PSUs) "
            "come from the stratum and psu columns of the imported data."
        ),
    )
    population_psus = models.JSONField(
        _("clusters in the population"),
        default=dict,
        blank=True,
        help_text=_(
            "Optional, for the finite population correction: the number of clusters (PSUs) "
            "in the population of each stratum."
        ),
    )
    data_version = models.PositiveIntegerField(
        _("data version"),
        default=1,
        editable=False,
        help_text=_("Raised whenever submissions or settings that change the results change."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["ref"], condition=~Q(ref=""), name="diagnosis_assessment_unique_ref"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="diagnosis_assessment_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("diagnosis:detail", args=[self.pk])

    @property
    def kind(self) -> str:
        return self.tool_version.tool.kind

    @property
    def is_audit(self) -> bool:
        return self.kind == ToolKind.SAFETY_AUDIT

    @property
    def is_survey(self) -> bool:
        return self.kind == ToolKind.VICTIMIZATION_SURVEY

    @property
    def is_incident_report(self) -> bool:
        return self.kind == ToolKind.INCIDENT_REPORT

    @property
    def kind_label(self) -> str:
        return ToolKind(self.kind).label

    def instrument(self):
        return self.tool_version.instrument()

    def is_open_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.is_open and self.start <= day and (self.end is None or self.end >= day)

    @property
    def place_label(self) -> str:
        if self.settlement_id:
            return str(self.settlement)
        if self.district_id:
            return str(self.district)
        return self.city.name


def photo_path(instance: Submission, filename: str) -> str:
    """The web form names uploads after their detected type (``photo.png``); anything else
    is stored as ``.jpg`` so that no uploader chooses an extension on the server."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in PHOTO_EXTENSIONS:
        extension = "jpg"
    return f"diagnosis/{instance.assessment_id}/photos/{instance.uuid}.{extension}"


class SubmissionQuerySet(models.QuerySet):
    def located(self) -> SubmissionQuerySet:
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def counted(self) -> SubmissionQuerySet:
        """What the aggregates use: verified submissions (all but pending/rejected reports)."""
        return self.filter(verification=Verification.VERIFIED)

    def awaiting_verification(self) -> SubmissionQuerySet:
        return self.filter(verification=Verification.PENDING)


class Submission(models.Model):
    """One filled-in instrument. ``uuid`` is the idempotency key within an assessment."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="submissions",
        db_index=False,  # the (assessment, uuid) unique index serves every lookup
    )
    uuid = models.CharField(_("submission id"), max_length=MAX_SUBMISSION_ID)
    submitted_at = models.DateTimeField(_("submitted"))
    source = models.CharField(_("source"), max_length=8, choices=SubmissionSource.choices)
    answers = models.JSONField(_("answers"), default=dict)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # Copies of a few answers that aggregation reads often (empty when not asked).
    sex = models.CharField(_("sex"), max_length=30, blank=True)
    age_band = models.CharField(_("age band"), max_length=30, blank=True)
    settlement_type = models.CharField(_("settlement type"), max_length=30, blank=True)
    category = models.CharField(_("category"), max_length=50, blank=True)
    weight = models.FloatField(_("survey weight"), null=True, blank=True)
    verification = models.CharField(
        _("verification"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.VERIFIED,
        help_text=_("Anonymous incident reports count only once the city team verified them."),
    )
    stratum = models.CharField(_("stratum"), max_length=60, blank=True)
    psu = models.CharField(_("cluster (PSU)"), max_length=60, blank=True)
    language = models.CharField(_("form language"), max_length=15, blank=True)
    photo = models.FileField(
        _("photo"), storage=private_storage, upload_to=photo_path, blank=True, max_length=200
    )
    import_job = models.ForeignKey(
        "ImportJob",
        verbose_name=_("import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(_("stored"), default=timezone.now)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "uuid"], name="diagnosis_submission_unique_uuid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.uuid}"

    def get_absolute_url(self) -> str:
        return reverse("diagnosis:submission", args=[self.assessment_id, self.pk])


def import_path(instance: ImportJob, filename: str) -> str:
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in filename)[-80:]
    return f"diagnosis/{instance.assessment_id}/imports/{timezone.now():%Y%m%d%H%M%S}-{safe}"


class ImportJob(models.Model):
    """One upload of a KoboToolbox/ODK export and how its import went."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="imports"
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=import_path, max_length=250, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=200)
    attachments = models.FileField(
        _("attachments (zip)"),
        storage=private_storage,
        upload_to=import_path,
        max_length=250,
        blank=True,
        help_text=_("KoboToolbox's attachments zip: the photos of the submissions."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    file_format = models.CharField(_("format"), max_length=20, blank=True)
    rows_total = models.PositiveIntegerField(_("rows (estimate)"), default=0)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    created_count = models.PositiveIntegerField(_("rows imported"), default=0)
    existing_count = models.PositiveIntegerField(_("rows already imported"), default=0)
    error_rows = models.PositiveIntegerField(_("rows with errors"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    file_problems = models.JSONField(_("problems with the file"), default=list, blank=True)
    keep_good_rows = models.BooleanField(
        _("import the good rows"),
        default=False,
        help_text=_("Import the rows without problems and list the others (default: nothing)."),
    )
    #: How the file was read: header naming and separator, columns and parts not used,
    #: rows per form version (see ``importing.ImportResult.report``).
    report = models.JSONField(_("how the file was read"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("submission import")
        verbose_name_plural = _("submission imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("diagnosis:import_job", args=[self.assessment_id, self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def progress(self) -> int:
        """0–100: checking the rows is the first 90 %, saving them the rest."""
        if self.status == ImportStatus.DONE:
            return 100
        if self.status in (ImportStatus.QUEUED,) or not self.rows_total:
            return 0
        checked = min(1.0, self.rows_done / self.rows_total)
        if self.status == ImportStatus.SAVING:
            return 95
        return int(checked * 90)


class StoredResult(models.Model):
    """One computed result of an assessment (summary, map data, hot spots), by data version.

    ``version`` is :func:`safercities.diagnosis.results.version_key` at computation time; a
    result whose version no longer matches is recomputed. ``payload`` is the pickled result,
    written by the server only.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="stored_results", db_index=False
    )
    key = models.CharField(max_length=80)
    version = models.CharField(max_length=80)
    payload = models.BinaryField()
    seconds = models.FloatField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "key"], name="diagnosis_storedresult_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.key}@{self.version}"


class SupportService(models.Model):
    """A local support service shown to people who report an incident (hotline, shelter…)."""

    city = models.ForeignKey(
        "places.City",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="support_services",
    )
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    url = models.URLField(_("website"), blank=True)
    description = models.TextField(_("what they offer"), blank=True, max_length=1000)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Languages the service speaks.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["city", "order", "name"]
        verbose_name = _("support service")
        verbose_name_plural = _("support services")
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="diagnosis_service_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city.name})"

    @property
    def language_names(self) -> list[str]:
        names = dict(language_choices())
        return [names.get(code, code) for code in self.languages]

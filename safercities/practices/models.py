"""The Practice Library: replicable innovative practices, their replicability reviews, and
what a city is concerned about (for matching practices to cities)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safercities.core.languages import language_choices
from safercities.practices.enums import (
    CostBand,
    Criterion,
    EvidenceKind,
    PracticeStatus,
    PreventionApproach,
    TargetGroup,
    UNPrinciple,
)
from safercities.practices.matching import cost_band_for_amount
from safercities.practices.scoring import CRITERIA, Summary, summarize

FIRST_YEAR = 1970
_year = [MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]
_score = [MinValueValidator(1), MaxValueValidator(5)]


class PracticeQuerySet(models.QuerySet):
    def published(self) -> "PracticeQuerySet":
        return self.filter(status=PracticeStatus.PUBLISHED)

    def drafts(self) -> "PracticeQuerySet":
        return self.filter(status=PracticeStatus.DRAFT)

    def replicable(self) -> "PracticeQuerySet":
        return self.filter(is_replicable=True)

    def with_choice(self, field: str, value: str) -> "PracticeQuerySet":
        """Practices whose multi-choice list ``field`` holds ``value``.

        The lists are JSON arrays of plain identifiers; matching the quoted value in their
        text works the same on SQLite and PostgreSQL (JSON ``contains`` does not).
        """
        return self.filter(**{f"{field}__icontains": f'"{value}"'})


class Practice(models.Model):
    """A replicable innovative practice: what a city did about a safety problem, and how it went.

    ``country`` follows the city when a city is given; a national or regional practice names
    only the country. ``cost_band`` follows ``cost_usd`` when an amount is known.
    ``is_replicable`` is kept up to date by the service that saves reviews (search facets
    and matching read it).
    """

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    city = models.ForeignKey(
        "places.City",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    country = models.ForeignKey(
        "places.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=_year)
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=_year
    )
    ongoing = models.BooleanField(_("still ongoing"), default=False)
    problem = models.TextField(_("problem addressed"))
    context = models.TextField(
        _("context"),
        blank=True,
        help_text=_("Poverty, informal settlements, who is affected and how."),
    )
    what_was_done = models.TextField(_("what was done"))
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    partners = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("partners"), blank=True, related_name="practices"
    )
    other_partners = models.TextField(
        _("other partners"), blank=True, help_text=_("Partners not on the Hub, one per line.")
    )
    approaches = models.JSONField(_("prevention approaches"), default=list, blank=True)
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("themes"), blank=True, related_name="practices"
    )
    cost_usd = models.PositiveIntegerField(_("cost (USD)"), null=True, blank=True)
    funding = models.TextField(_("funding"), blank=True)
    cost_band = models.CharField(_("cost band"), max_length=10, blank=True, choices=CostBand)
    results = models.TextField(_("results"), blank=True)
    evidence = models.CharField(
        _("kind of evidence"), max_length=20, blank=True, choices=EvidenceKind
    )
    lessons = models.TextField(_("lessons learned"), blank=True)
    transfer_conditions = models.TextField(_("conditions for transfer"), blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practice_contacts",
    )
    resources = models.ManyToManyField(
        "library.Resource", verbose_name=_("linked resources"), blank=True, related_name="practices"
    )
    language = models.CharField(
        _("language of this text"), max_length=15, choices=language_choices(), default="en"
    )
    principles = models.JSONField(_("UN Guidelines principles applied"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PracticeStatus, default=PracticeStatus.DRAFT
    )
    is_replicable = models.BooleanField(_("rated replicable"), default=False, db_index=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_practices",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        indexes = [
            models.Index(fields=["status", "is_replicable"], name="practice_status_repl_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("start_year")),
                name="practice_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.city_id:
            self.country_id = self.city.country_id
        derived = cost_band_for_amount(self.cost_usd)
        if derived:
            self.cost_band = derived
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == PracticeStatus.PUBLISHED

    @property
    def year(self) -> int:
        """The year the search facet and listings use: the end year, else the start year."""
        return self.end_year or self.start_year

    @property
    def place_name(self) -> str:
        if self.city_id:
            return f"{self.city.name}, {self.country.display_name}"
        return self.country.display_name

    def _labels(self, enum, values) -> list[str]:
        known = dict(enum.choices)
        return [str(known[v]) for v in values if v in known]

    @property
    def target_group_labels(self) -> list[str]:
        return self._labels(TargetGroup, self.target_groups)

    @property
    def approach_labels(self) -> list[str]:
        return self._labels(PreventionApproach, self.approaches)

    @property
    def principle_labels(self) -> list[str]:
        return self._labels(UNPrinciple, self.principles)

    @property
    def other_partner_list(self) -> list[str]:
        return [line.strip() for line in self.other_partners.splitlines() if line.strip()]

    def review_summary(self) -> Summary:
        """Means per criterion, disagreements and the replicable verdict from its reviews."""
        return summarize([review.scores() for review in self.reviews.all()])


class Indicator(models.Model):
    """One result indicator of a practice: a baseline, a result, a unit and a year."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    result = models.DecimalField(
        _("result"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=_year)

    class Meta:
        ordering = ["practice", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class ReviewAssignment(models.Model):
    """An editor asked a member to review a practice's replicability."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="practice_review_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "reviewer"], name="one_assignment_per_reviewer"
            )
        ]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.practice}"


def _score_field(criterion: Criterion) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(criterion.label, validators=_score)


def _reason_field() -> models.TextField:
    return models.TextField(_("reason"), max_length=2000)


class Review(models.Model):
    """One assigned reviewer's scores (1–5) and reasons on the six best-practice criteria."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="practice_reviews",
    )
    impact = _score_field(Criterion.IMPACT)
    impact_reason = _reason_field()
    partnership = _score_field(Criterion.PARTNERSHIP)
    partnership_reason = _reason_field()
    sustainability = _score_field(Criterion.SUSTAINABILITY)
    sustainability_reason = _reason_field()
    leadership = _score_field(Criterion.LEADERSHIP)
    leadership_reason = _reason_field()
    inclusion = _score_field(Criterion.INCLUSION)
    inclusion_reason = _reason_field()
    innovation = _score_field(Criterion.INNOVATION)
    innovation_reason = _reason_field()
    comment = models.TextField(_("overall comment"), blank=True, max_length=4000)
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "reviewer"], name="one_review_per_reviewer")
        ]
        verbose_name = _("replicability review")
        verbose_name_plural = _("replicability reviews")

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.practice}"

    def scores(self) -> dict[str, int]:
        return {criterion: getattr(self, criterion) for criterion in CRITERIA}

    def rows(self) -> list[tuple[str, str, int, str]]:
        """(criterion, label, score, reason) in rubric order, for display."""
        return [
            (c, Criterion(c).label, getattr(self, c), getattr(self, f"{c}_reason"))
            for c in CRITERIA
        ]


class CityProfile(models.Model):
    """What a city says it is concerned about, for matching practices to it.

    Editable by the city's team and by editors. The themes of concern used for matching are
    these plus the expertise themes of the city team and the themes of resources about it.
    """

    city = models.OneToOneField(
        "places.City", on_delete=models.CASCADE, related_name="practice_profile"
    )
    concern_themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("themes of concern"), blank=True, related_name="+"
    )
    budget_band = models.CharField(
        _("budget band"),
        max_length=10,
        blank=True,
        choices=CostBand,
        help_text=_("What the city could spend on one practice; practices in it rank higher."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("city concerns")
        verbose_name_plural = _("city concerns")

    def __str__(self) -> str:
        return str(self.city)

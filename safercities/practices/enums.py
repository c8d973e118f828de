from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("practice status", "Draft")
    PUBLISHED = "published", pgettext_lazy("practice status", "Published")


class TargetGroup(models.TextChoices):
    WOMEN = "women", _("Women")
    GIRLS = "girls", _("Girls")
    YOUTH = "youth", _("Youth")
    CHILDREN = "children", _("Children")
    OLDER_PEOPLE = "older_people", _("Older people")
    MIGRANTS = "migrants", _("Migrants")
    DISABILITY = "persons_with_disabilities", _("Persons with disabilities")
    INFORMAL_WORKERS = "informal_workers", _("Informal workers")
    SETTLEMENT_RESIDENTS = "settlement_residents", _("Residents of informal settlements")


class PreventionApproach(models.TextChoices):
    SOCIAL = "social", _("Social prevention")
    SITUATIONAL = "situational", _("Situational prevention")
    COMMUNITY = "community", _("Community-based / institutional prevention")
    REINTEGRATION = "reintegration", _("Reintegration of offenders")


class CostBand(models.TextChoices):
    """Bands by total cost in USD: low < 50,000 ≤ medium < 500,000 ≤ high."""

    LOW = "low", pgettext_lazy("cost", "Low cost")
    MEDIUM = "medium", pgettext_lazy("cost", "Medium cost")
    HIGH = "high", pgettext_lazy("cost", "High cost")


class EvidenceKind(models.TextChoices):
    """The strongest kind of evidence behind the results, from weakest to strongest."""

    ANECDOTAL = "anecdotal", _("Anecdotal (accounts, testimonies)")
    MONITORING = "monitoring", _("Monitoring data")
    BEFORE_AFTER = "before_after", _("Before/after measurement")
    COMPARISON = "comparison_group", _("Comparison with a similar area or group")


class UNPrinciple(models.TextChoices):
    """The basic principles of the UN Guidelines for the Prevention of Crime (ECOSOC 2002/13)."""

    GOVERNMENT_LEADERSHIP = "government_leadership", _("Government leadership")
    DEVELOPMENT_INCLUSION = "development_inclusion", _("Socio-economic development and inclusion")
    PARTNERSHIPS = "partnerships", _("Cooperation and partnerships")
    SUSTAINABILITY = "sustainability", _("Sustainability and accountability")
    KNOWLEDGE_BASE = "knowledge_base", _("Knowledge base")
    HUMAN_RIGHTS = "human_rights", _("Human rights, rule of law and a culture of lawfulness")
    INTERDEPENDENCY = "interdependency", _("Interdependency")
    DIFFERENTIATION = "differentiation", _("Differentiation")


class Criterion(models.TextChoices):
    """The six best-practice criteria a replicability review scores (see rubric.py)."""

    IMPACT = "impact", _("Impact")
    PARTNERSHIP = "partnership", _("Partnership")
    SUSTAINABILITY = "sustainability", _("Sustainability")
    LEADERSHIP = "leadership", _("Leadership and community empowerment")
    INCLUSION = "inclusion", _("Gender equality and social inclusion")
    INNOVATION = "innovation", _("Innovation and transferability")

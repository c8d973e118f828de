from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Phase(models.TextChoices):
    """The six phases of the Safer Cities method, in order."""

    DIAGNOSIS = "diagnosis", _("Diagnosis")
    PARTNERSHIP = "partnership", _("Partnership and coalition")
    STRATEGY = "strategy", _("Strategy and action plan")
    IMPLEMENTATION = "implementation", _("Implementation")
    INSTITUTIONALISATION = "institutionalisation", _("Institutionalisation")
    MONITORING = "monitoring", _("Monitoring and evaluation")


PHASE_ORDER = [value for value, _label in Phase.choices]


class PhaseStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", pgettext_lazy("phase status", "Done")


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARIAT = "secretariat", _("Secretariat")
    MEMBER = "member", pgettext_lazy("committee role", "Member")
    PARTNER = "partner", _("Partner")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("minutes status", "Draft")
    APPROVED = "approved", pgettext_lazy("minutes status", "Approved")


class Approach(models.TextChoices):
    """The three prevention approaches."""

    SOCIAL = "social", _("Social prevention")
    SITUATIONAL = "situational", _("Situational prevention")
    INSTITUTIONAL = "institutional", _("Institutional prevention")


class EvidenceKind(models.TextChoices):
    NONE = "", _("No diagnosis finding")
    HOTSPOT = "hotspot", _("Hot-spot cluster")
    AUDIT_PARAMETER = "audit_parameter", _("Low-scoring audit parameter in an area")
    VICTIMIZATION_GAP = "victimization_gap", _("Victimization gap, informal vs formal")

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ResourceStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("resource status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("resource status", "Submitted for review")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("resource status", "Changes requested")
    PUBLISHED = "published", pgettext_lazy("resource status", "Published")
    REJECTED = "rejected", pgettext_lazy("resource status", "Rejected")
    ARCHIVED = "archived", pgettext_lazy("resource status", "Archived")


class ResourceType(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TOOL = "tool", _("Tool")
    CASE_STUDY = "case_study", _("Case study")
    RESEARCH = "research", _("Research or report")
    POLICY = "policy", _("Policy")
    TRAINING = "training", _("Training material")
    VIDEO = "video", _("Video")
    DATASET = "dataset", _("Dataset")
    NEWS = "news", _("News")


class Audience(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    COMMUNITY = "community", _("Community organisations")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    TRAINERS = "trainers", _("Trainers")
    RESEARCHERS = "researchers", _("Researchers")


# The statuses only the author (and editors) may see.
PRIVATE_STATUSES = (
    ResourceStatus.DRAFT,
    ResourceStatus.SUBMITTED,
    ResourceStatus.CHANGES_REQUESTED,
    ResourceStatus.REJECTED,
)
# The statuses in which the author may still edit.
EDITABLE_STATUSES = (ResourceStatus.DRAFT, ResourceStatus.CHANGES_REQUESTED)

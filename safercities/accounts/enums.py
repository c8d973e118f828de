from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    COMMUNITY_BASED = "community_based", _("Community-based organisation")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation / NGO")
    TRAINING_RESEARCH = "training_research", _("Training or research institute")
    NATIONAL_GOVERNMENT = "national_government", _("National government")
    REGIONAL_UN = "regional_un", _("Regional network or UN agency")
    ACADEMIC = "academic", _("Academic")


class Role(models.TextChoices):
    VISITOR = "visitor", _("Visitor")
    MEMBER = "member", _("Member")
    EDITOR = "editor", _("Editor")
    CITY_TEAM = "city_team", _("City team member")
    TRAINER = "trainer", _("Trainer")
    SITE_ADMIN = "site_admin", _("Site administrator")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class InvitationKind(models.TextChoices):
    CITY_TEAM = "city_team", _("City team")
    ORGANISATION = "organisation", _("Organisation")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Withdrawn")


class OrganisationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    ARCHIVED = "archived", _("Archived")

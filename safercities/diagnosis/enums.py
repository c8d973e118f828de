from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SubmissionSource(models.TextChoices):
    WEB = "web", pgettext_lazy("submission source", "Web form")
    KOBO = "kobo", pgettext_lazy("submission source", "KoboToolbox")
    ODK = "odk", pgettext_lazy("submission source", "ODK")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("import status", "Waiting to start")
    VALIDATING = "validating", pgettext_lazy("import status", "Checking rows")
    SAVING = "saving", pgettext_lazy("import status", "Saving")
    DONE = "done", pgettext_lazy("import status", "Done")
    FAILED = "failed", pgettext_lazy("import status", "Not imported")


class GridKind(models.TextChoices):
    SQUARE = "square", _("Squares")
    HEX = "hex", _("Hexagons")


class SampleDesign(models.TextChoices):
    TAYLOR = "taylor", _("Stratified and/or clustered sample (design-based intervals)")
    SRS = "srs", _("Simple random sample of individuals")


class Verification(models.TextChoices):
    PENDING = "pending", pgettext_lazy("report verification", "Awaiting checking")
    VERIFIED = "verified", pgettext_lazy("report verification", "Verified")
    REJECTED = "rejected", pgettext_lazy("report verification", "Rejected")

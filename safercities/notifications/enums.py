from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Delivery(models.TextChoices):
    """How a member hears about one kind of event."""

    SITE = "site", _("On the site only")
    IMMEDIATE = "immediate", _("Immediately by mail")
    DAILY = "daily", _("In a daily digest")
    WEEKLY = "weekly", _("In a weekly digest")
    OFF = "off", pgettext_lazy("notification delivery", "Off")


class Frequency(models.TextChoices):
    """The two digests."""

    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")

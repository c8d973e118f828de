from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    EXPERT_GROUP_MEETING = "expert_group_meeting", _("Expert group meeting")
    TRAINING_OF_TRAINERS = "training_of_trainers", _("Regional training of trainers")
    SENSITISATION_WORKSHOP = "sensitisation_workshop", _("Sensitisation workshop")
    CITY_TRAINING = "city_training", _("City training")
    WEBINAR = "webinar", _("Webinar")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
    OFFERED = "offered", pgettext_lazy("registration status", "Seat offered")
    WAITING = "waiting", pgettext_lazy("registration status", "On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


# Statuses that hold one of the event's seats.
SEAT_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)

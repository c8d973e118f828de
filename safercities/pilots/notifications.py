"""The pilots' kinds of notification, all through ``safercities.notifications``."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safercities.notifications import registry
from safercities.notifications.enums import Delivery
from safercities.notifications.services import notify, notify_many

GROUP = gettext_lazy("Pilot cities")


def register_kinds() -> None:
    registry.register(
        "pilot.committee_seat",
        label=gettext_lazy("I am named on a pilot's coordinating committee"),
        message=lambda n: (
            _("You are on the coordinating committee of “%(title)s”.") % {"title": n.title}
        ),
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
    )
    registry.register(
        "pilot.minutes_approved",
        label=gettext_lazy("Minutes of a committee meeting are approved"),
        message=lambda n: _("The minutes of “%(title)s” are approved.") % {"title": n.title},
        default_delivery=Delivery.SITE,
        group=GROUP,
    )

    registry.register(
        "pilot.reporting_due",
        label=gettext_lazy("An intervention's reporting date is near (city team)"),
        message=lambda n: _("Reporting on “%(title)s” is due soon.") % {"title": n.title},
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
    )


def remind_reporting(intervention, recipients) -> int:
    return notify_many(
        recipients, "pilot.reporting_due", intervention, url=intervention.get_absolute_url()
    )


def tell_committee_seat(seat, *, actor=None):
    return notify(
        seat.user,
        "pilot.committee_seat",
        seat.pilot,
        actor=actor,
        url=reverse("pilots:detail", args=[seat.pilot.city.slug]),
    )


def tell_committee_of_minutes(meeting, *, actor=None) -> int:
    users = meeting.pilot.committee.exclude(user=None).values_list("user_id", flat=True)
    return notify_many(
        list(users), "pilot.minutes_approved", meeting, actor=actor, url=meeting.get_absolute_url()
    )

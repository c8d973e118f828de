"""The training app's kinds of notification (messages rendered in the recipient's language)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safercities.notifications import registry
from safercities.notifications.enums import Delivery
from safercities.notifications.services import notify, notify_many

GROUP = gettext_lazy("Training")


def _title(n) -> dict[str, str]:
    return {"title": n.title}


def _offer_note(n) -> str:
    return _(
        "Accept or decline before %(deadline)s (UTC). If you cannot come, please decline so "
        "that the next person gets the seat: %(url)s"
    ) % {"deadline": n.data.get("deadline", ""), "url": n.data.get("offer_url", "")}


def register_kinds() -> None:
    registry.register(
        "training.registered",
        label=gettext_lazy("My registration for an event is confirmed"),
        message=lambda n: _("Your seat at “%(title)s” is confirmed.") % _title(n),
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
    )
    registry.register(
        "training.waiting",
        label=gettext_lazy("I am on an event's waiting list"),
        message=lambda n: _("“%(title)s” is full: you are on the waiting list.") % _title(n),
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
    )
    registry.register(
        "training.seat_offered",
        label=gettext_lazy("A seat is offered to me from the waiting list"),
        message=lambda n: _("A seat at “%(title)s” is free for you.") % _title(n),
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
        mail_note=_offer_note,
    )
    registry.register(
        "training.offer_expired",
        label=gettext_lazy("A seat offered to me has lapsed"),
        message=lambda n: _("The seat offered to you at “%(title)s” has lapsed.") % _title(n),
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
    )
    registry.register(
        "training.reminder",
        label=gettext_lazy("Reminders of events I registered for"),
        message=lambda n: _("Reminder: “%(title)s” starts soon.") % _title(n),
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
    )
    registry.register(
        "training.certificate",
        label=gettext_lazy("My certificate is ready"),
        message=lambda n: _("Your certificate for “%(title)s” is ready.") % _title(n),
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
    )


def registration_confirmed(registration):
    return notify(registration.user, "training.registered", registration.event)


def registration_waiting(registration):
    return notify(registration.user, "training.waiting", registration.event)


def seat_offered(registration):
    url = reverse("training:offer", args=[registration.code])
    deadline = registration.offer_expires_at.strftime("%Y-%m-%d %H:%M")
    return notify(
        registration.user,
        "training.seat_offered",
        registration.event,
        url=url,
        data={"deadline": deadline, "offer_url": url},
    )


def offer_expired(registration):
    return notify(registration.user, "training.offer_expired", registration.event)


def reminder(event) -> int:
    from safercities.training.enums import RegistrationStatus

    users = event.registrations.filter(status=RegistrationStatus.CONFIRMED).values_list(
        "user_id", flat=True
    )
    return notify_many(users, "training.reminder", event)


def certificate_ready(certificate):
    return notify(
        certificate.registration.user,
        "training.certificate",
        certificate.registration.event,
        url=reverse("training:my_registrations"),
    )

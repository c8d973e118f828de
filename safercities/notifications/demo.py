"""Demo notification choices, and ``add()`` for other apps' demo loaders (all invented).

The demo member reads a daily digest (run ``manage.py send_digests daily`` to see it on the
console); the other demo people keep each kind's default. Content apps' demo loaders call
``add()`` to give demo people notifications about their demo content. Idempotent.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from safercities.notifications import registry
from safercities.notifications.enums import Delivery
from safercities.notifications.models import Notification, Preference
from safercities.notifications.services import delivery_for

DIGEST_READER = "member@demo.safercities.invalid"


def add(recipient, verb: str, target, *, actor=None, data=None, read=False, language="", url=""):
    """One demo notification about ``target`` (kept once per recipient, verb and target)."""
    if recipient is None or not registry.is_registered(verb):
        return None
    target_type = ContentType.objects.get_for_model(target)
    delivery = delivery_for(recipient, verb)
    if delivery == Delivery.OFF:
        return None
    notification, _created = Notification.objects.get_or_create(
        recipient=recipient,
        verb=verb,
        target_type=target_type,
        target_id=str(target.pk),
        defaults={
            "actor": actor,
            "title": str(target)[:300],
            "url": url or _url_of(target),
            "data": dict(data or {}),
            "language": language,
            "delivery": delivery,
            "read_at": timezone.now() if read else None,
            # demo history is not mailed again
            "emailed_at": timezone.now() if delivery == Delivery.IMMEDIATE else None,
        },
    )
    return notification


def _url_of(target) -> str:
    return target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""


def load(out) -> None:
    reader = get_user_model().objects.filter(email=DIGEST_READER, is_demo=True).first()
    if reader is None:
        return
    for kind in registry.kinds():
        if kind.default_delivery == Delivery.IMMEDIATE:
            Preference.objects.get_or_create(
                user=reader, verb=kind.verb, defaults={"delivery": Delivery.DAILY}
            )
    out.write("Demo notification choices: the demo member reads a daily digest.\n")

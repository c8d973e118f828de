"""The Resource Facility's kinds of notification, and who is told what.

Submitters hear what happened to their resource (published, changes requested, rejected,
archived); editors hear of every new submission. Everything goes through
``safercities.notifications`` (messages rendered in the recipient's language).
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safercities.accounts.permissions import is_editor
from safercities.notifications import registry
from safercities.notifications.enums import Delivery
from safercities.notifications.services import notify, notify_many

GROUP = gettext_lazy("Resource Facility")


def _title(notification) -> dict[str, str]:
    return {"title": notification.title}


def register_kinds() -> None:
    registry.register(
        "resource.published",
        label=gettext_lazy("My resource is published"),
        message=lambda n: _("Your resource “%(title)s” has been published.") % _title(n),
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
    )
    registry.register(
        "resource.changes_requested",
        label=gettext_lazy("The editors ask for changes to my resource"),
        message=lambda n: _("The editors ask for changes to “%(title)s”.") % _title(n),
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
        mail_note=lambda n: _("Please edit the resource and submit it again."),
    )
    registry.register(
        "resource.rejected",
        label=gettext_lazy("My resource is not accepted"),
        message=lambda n: _("Your resource “%(title)s” was not accepted.") % _title(n),
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
    )
    registry.register(
        "resource.archived",
        label=gettext_lazy("My resource is archived"),
        message=lambda n: _("Your resource “%(title)s” has been archived.") % _title(n),
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
    )
    registry.register(
        "resource.submitted",
        label=gettext_lazy("A resource waits for review (editors)"),
        message=lambda n: _("“%(title)s” is waiting for review.") % _title(n),
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
        applies_to=is_editor,
    )


def notify_submitter(resource, status: str, *, actor=None):
    """Tell the submitter what happened (``status``: published, changes_requested, …)."""
    comment = resource.editor_comment if status in ("changes_requested", "rejected") else ""
    return notify(
        resource.submitter,
        f"resource.{status}",
        resource,
        actor=actor,
        data={"comment": comment} if comment else None,
    )


def notify_editors_of_submission(resource, *, actor=None) -> int:
    """Tell every editor that a resource waits for review; returns how many were told."""
    from safercities.accounts.models import User

    editors = User.objects.filter(Q(is_editor=True) | Q(is_superuser=True), is_active=True)
    return notify_many(
        editors.values_list("pk", flat=True),
        "resource.submitted",
        resource,
        actor=actor,
        url=resource.get_absolute_url(),
    )

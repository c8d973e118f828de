"""The Practice Library's kinds of notification: reviewers are asked to review, editors hear of
new proposals, proposers hear that their practice is published. All through
``safercities.notifications`` (rendered in the recipient's language)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safercities.accounts.permissions import is_editor
from safercities.notifications import registry
from safercities.notifications.enums import Delivery
from safercities.notifications.services import notify, notify_many

GROUP = gettext_lazy("Practice Library")


def register_kinds() -> None:
    registry.register(
        "practice.review_requested",
        label=gettext_lazy("An editor asks me to review a practice"),
        message=lambda n: _("Please review a practice: %(title)s") % {"title": n.title},
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
        mail_note=lambda n: _(
            "Score each of the six best-practice criteria from 1 to 5 and give a reason."
        ),
    )
    registry.register(
        "practice.proposed",
        label=gettext_lazy("A practice is proposed (editors)"),
        message=lambda n: _("A new practice waits for review: “%(title)s”.") % {"title": n.title},
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
        applies_to=is_editor,
    )
    registry.register(
        "practice.published",
        label=gettext_lazy("A practice I proposed is published"),
        message=lambda n: _("Your practice “%(title)s” has been published.") % {"title": n.title},
        default_delivery=Delivery.IMMEDIATE,
        group=GROUP,
    )


def ask_reviewer(reviewer, practice, *, actor=None):
    return notify(
        reviewer,
        "practice.review_requested",
        practice,
        actor=actor,
        url=reverse("practices:review", args=[practice.slug]),
    )


def tell_editors_of_proposal(practice, *, actor=None) -> int:
    from safercities.accounts.models import User

    editors = User.objects.filter(Q(is_editor=True) | Q(is_superuser=True), is_active=True)
    return notify_many(
        editors.values_list("pk", flat=True), "practice.proposed", practice, actor=actor
    )


def tell_proposer_of_publication(practice, *, actor=None):
    return notify(practice.proposed_by, "practice.published", practice, actor=actor)

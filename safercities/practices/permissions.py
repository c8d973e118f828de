"""Who may do what in the Practice Library.

- Everyone reads published practices, their mean scores and the rubric.
- Members propose practices; a proposal stays a draft until an editor publishes it. The
  proposer may edit it while it is a draft (editors at any time).
- Editors publish and unpublish, assign reviewers, and read individual reviews with their
  disagreement flags.
- Only a member an editor assigned may review a practice (they may see it while it is a draft).
- A city's concerns (for matching) are edited by its city team and by editors.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from safercities.accounts.permissions import (
    check_editor,
    check_member,
    is_city_team_member,
    is_editor,
    is_member,
)
from safercities.practices.enums import PracticeStatus


def _deny(message: str) -> None:
    raise PermissionDenied(message)


def is_assigned_reviewer(user, practice) -> bool:
    return is_member(user) and practice.assignments.filter(reviewer=user).exists()


def can_view_practice(user, practice) -> bool:
    if practice.is_published or is_editor(user):
        return True
    if not is_member(user):
        return False
    return practice.proposed_by_id == user.pk or is_assigned_reviewer(user, practice)


def filter_practices_queryset(user, queryset: QuerySet) -> QuerySet:
    """Practices ``user`` may open: published ones, plus drafts they proposed or review."""
    if is_editor(user):
        return queryset
    if not is_member(user):
        return queryset.published()
    return queryset.filter(
        Q(status=PracticeStatus.PUBLISHED) | Q(proposed_by=user) | Q(assignments__reviewer=user)
    ).distinct()


def check_can_propose_practice(user) -> None:
    check_member(user)


def can_edit_practice(user, practice) -> bool:
    if is_editor(user):
        return True
    return is_member(user) and not practice.is_published and practice.proposed_by_id == user.pk


def check_can_edit_practice(user, practice) -> None:
    check_member(user)
    if not can_edit_practice(user, practice):
        _deny(_("Only editors, or the member who proposed this draft, can edit it."))


def check_can_publish_practice(user) -> None:
    check_editor(user)


def check_can_assign_reviewers(user) -> None:
    check_editor(user)


def check_can_see_reviews(user) -> None:
    check_editor(user)


def check_can_review(user, practice) -> None:
    check_member(user)
    if not is_assigned_reviewer(user, practice):
        _deny(_("Only reviewers an editor assigned to this practice can review it."))


def can_edit_city_concerns(user, city) -> bool:
    return is_editor(user) or is_city_team_member(user, city)


def check_can_edit_city_concerns(user, city) -> None:
    check_member(user)
    if not can_edit_city_concerns(user, city):
        _deny(_("Only the city team of %(city)s or an editor can do this.") % {"city": city})

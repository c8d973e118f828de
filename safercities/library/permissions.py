"""Who may see and do what in the Resource Facility.

Published and archived resources are public; drafts, submissions, resources waiting for
changes and rejected ones are seen only by their submitter and by editors (others get a 404,
so their existence is not revealed).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from safercities.accounts.permissions import check_editor, check_member, is_editor, is_member
from safercities.library.enums import ResourceStatus

__all__ = [
    "can_edit_resource",
    "can_see_resource",
    "check_can_archive",
    "check_can_create_resource",
    "check_can_curate_collections",
    "check_can_edit_resource",
    "check_can_review",
    "check_can_submit_resource",
    "filter_resources_queryset",
    "is_editor",
]

_PUBLIC = [ResourceStatus.PUBLISHED, ResourceStatus.ARCHIVED]


def is_submitter(user, resource) -> bool:
    return is_member(user) and resource.submitter_id == user.pk


def can_see_resource(user, resource) -> bool:
    return resource.status in _PUBLIC or is_submitter(user, resource) or is_editor(user)


def filter_resources_queryset(user, queryset: QuerySet) -> QuerySet:
    """Resources ``user`` may open: public ones, plus their own, plus everything for editors."""
    if is_editor(user):
        return queryset
    if is_member(user):
        return queryset.filter(Q(status__in=_PUBLIC) | Q(submitter=user))
    return queryset.filter(status__in=_PUBLIC)


def can_edit_resource(user, resource) -> bool:
    if is_editor(user):
        return True
    return is_submitter(user, resource) and resource.is_editable_by_author


def check_can_create_resource(user) -> None:
    check_member(user)


def check_can_edit_resource(user, resource) -> None:
    check_member(user)
    if not can_edit_resource(user, resource):
        raise PermissionDenied(_("You can edit only your own drafts and resources sent back."))


def check_can_submit_resource(user, resource) -> None:
    check_member(user)
    if not (is_submitter(user, resource) or is_editor(user)):
        raise PermissionDenied(_("Only the author can submit this resource."))


def check_can_review(user) -> None:
    check_editor(user)


def check_can_archive(user) -> None:
    check_editor(user)


def check_can_curate_collections(user) -> None:
    check_editor(user)

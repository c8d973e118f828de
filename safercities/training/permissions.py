"""Who may see and do what with training events.

Published events are public (list, detail, agenda, calendar files). Trainers create events
and become their organisers; organisers (and site admins) edit them, see registrations, take
attendance and issue or revoke certificates. Members register themselves.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from safercities.accounts.permissions import check_member, is_member, is_site_admin, is_trainer


def is_organiser(user, event) -> bool:
    if not is_member(user):
        return False
    return is_site_admin(user) or event.organisers.filter(pk=user.pk).exists()


def can_see_event(user, event) -> bool:
    return event.is_published or is_organiser(user, event)


def filter_events_queryset(user, queryset: QuerySet) -> QuerySet:
    if is_site_admin(user):
        return queryset
    if is_member(user):
        from django.db.models import Q

        return queryset.filter(Q(is_published=True) | Q(organisers=user)).distinct()
    return queryset.filter(is_published=True)


def check_can_create_event(user) -> None:
    check_member(user)
    if not is_trainer(user):
        raise PermissionDenied(_("Only trainers can create training events."))


def check_can_manage_event(user, event) -> None:
    check_member(user)
    if not is_organiser(user, event):
        raise PermissionDenied(_("Only the organisers of this event can do this."))


def check_can_register(user, event) -> None:
    check_member(user)


def check_can_see_certificate_file(user, certificate) -> None:
    check_member(user)
    registration = certificate.registration
    if registration.user_id != user.pk and not is_organiser(user, registration.event):
        raise PermissionDenied(_("This certificate belongs to someone else."))

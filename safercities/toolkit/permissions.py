"""Who may see and adapt tool versions.

Published versions (generic or of a city) are public. Drafts are seen and edited by the
city team of their city only (site admins count as every team). Editors link library
resources to tools.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from safercities.accounts.permissions import (
    check_city_team,
    check_editor,
    is_city_team_member,
    is_editor,
    is_member,
    is_site_admin,
    team_city_ids,
)
from safercities.places.models import City


def can_view_version(user, version) -> bool:
    return version.published or is_city_team_member(user, version.city)


def filter_versions_queryset(user, queryset: QuerySet) -> QuerySet:
    """Published versions, plus the drafts of the user's own cities."""
    if is_site_admin(user):
        return queryset
    return queryset.filter(Q(published=True) | Q(city_id__in=team_city_ids(user)))


def get_viewable_version_or_404(user, queryset: QuerySet, **lookup):
    version = filter_versions_queryset(user, queryset).filter(**lookup).first()
    if version is None:
        raise Http404(_("No such tool version."))
    return version


def check_can_adapt(user, city) -> None:
    """Start a city version of a tool for ``city``."""
    check_city_team(user, city)


def check_can_edit_version(user, version) -> None:
    if version.city_id is None:
        raise PermissionDenied(_("The generic tool cannot be edited on the site."))
    check_city_team(user, version.city)


def adaptable_cities(user) -> QuerySet:
    """The cities for which ``user`` may adapt tools."""
    if not is_member(user):
        return City.objects.none()
    if is_site_admin(user):
        return City.objects.all()
    return City.objects.filter(pk__in=team_city_ids(user))


def can_link_resources(user) -> bool:
    return is_editor(user)


def check_can_link_resources(user) -> None:
    check_editor(user)

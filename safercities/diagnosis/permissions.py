"""Who may see what of an assessment.

Everyone sees an assessment's aggregated diagnosis (small cells suppressed, locations snapped
to grid cells). Raw submissions, exact locations, photos, imports and the web form for audits
and surveys belong to the city team of the assessment's city (site admins count as every
team). Anyone, without an account, may submit to an open incident-report assessment.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from safercities.accounts.permissions import (
    check_city_team,
    is_city_team_member,
    is_site_admin,
    team_city_ids,
)


def is_assessment_team(user, assessment) -> bool:
    """Whether ``user`` belongs to the team owning ``assessment`` (raw data access)."""
    return is_city_team_member(user, assessment.city_id)


def check_can_view_raw(user, assessment) -> None:
    check_city_team(user, assessment.city)


def check_can_create_assessment(user, city) -> None:
    check_city_team(user, city)


def check_can_manage(user, assessment) -> None:
    """Edit the assessment, import data, manage the city's support services."""
    check_city_team(user, assessment.city)


def can_submit(user, assessment) -> bool:
    if assessment.is_incident_report:
        return assessment.is_open_on()
    return is_assessment_team(user, assessment)


def check_can_submit(user, assessment) -> None:
    if assessment.is_incident_report:
        if not assessment.is_open_on():
            raise PermissionDenied(_("This assessment is not accepting reports at the moment."))
        return
    check_city_team(user, assessment.city)


def filter_submissions_queryset(user, queryset: QuerySet) -> QuerySet:
    """Raw submissions: only those of the user's team cities (all for site admins)."""
    if is_site_admin(user):
        return queryset
    return queryset.filter(assessment__city_id__in=team_city_ids(user))


def check_can_manage_services(user, city) -> None:
    check_city_team(user, city)

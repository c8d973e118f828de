"""The Hub's permission vocabulary.

``is_*`` answer a question, ``check_*`` raise PermissionDenied (shown as a 403 page or a JSON
403), ``filter_*_queryset`` narrow a queryset to what a user may see. Other apps add their own
``permissions.py`` in the same words, building on the role predicates here.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from safercities.accounts.enums import Role


def is_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_site_admin(user) -> bool:
    return is_member(user) and user.is_superuser


def is_editor(user) -> bool:
    return is_member(user) and (user.is_editor or user.is_superuser)


def is_trainer(user) -> bool:
    return is_member(user) and (user.is_trainer or user.is_superuser)


def is_city_team_member(user, city) -> bool:
    """Whether ``user`` belongs to ``city``'s team (site admins count as every team)."""
    if not is_member(user) or city is None:
        return False
    if user.is_superuser:
        return True
    city_id = getattr(city, "pk", city)
    return user.city_teams.filter(city_id=city_id).exists()


def team_city_ids(user) -> set[int]:
    if not is_member(user):
        return set()
    return set(user.city_teams.values_list("city_id", flat=True))


def roles_of(user, city=None) -> set[str]:
    """The roles a user holds (for a city, when given): used for display and tests."""
    if not is_member(user):
        return {Role.VISITOR}
    roles = {Role.MEMBER}
    if is_editor(user):
        roles.add(Role.EDITOR)
    if is_trainer(user):
        roles.add(Role.TRAINER)
    if is_site_admin(user):
        roles.add(Role.SITE_ADMIN)
    if (city is not None and is_city_team_member(user, city)) or (
        city is None and team_city_ids(user)
    ):
        roles.add(Role.CITY_TEAM)
    return roles


def _deny(message: str) -> None:
    raise PermissionDenied(message)


def check_member(user) -> None:
    if not is_member(user):
        _deny(_("Please log in to do this."))


def check_editor(user) -> None:
    if not is_editor(user):
        _deny(_("Only editors can do this."))


def check_trainer(user) -> None:
    if not is_trainer(user):
        _deny(_("Only trainers can do this."))


def check_site_admin(user) -> None:
    if not is_site_admin(user):
        _deny(_("Only site administrators can do this."))


def check_city_team(user, city) -> None:
    if not is_city_team_member(user, city):
        _deny(_("Only the city team of %(city)s can do this.") % {"city": city})


def check_can_edit_profile(user, profile_user) -> None:
    if not is_member(user) or (user.pk != profile_user.pk and not user.is_superuser):
        _deny(_("You can only edit your own profile."))


def can_see_contact_details(user, profile_user) -> bool:
    if not is_member(user):
        return False
    return profile_user.contact_visible or user.pk == profile_user.pk or user.is_superuser


def check_can_view_member(user, profile_user) -> None:
    check_member(user)
    if not profile_user.is_active:
        _deny(_("This account is no longer active."))


def filter_members_queryset(user, queryset: QuerySet) -> QuerySet:
    """Members a user may see in listings: active accounts, for logged-in members only."""
    if not is_member(user):
        return queryset.none()
    return queryset.filter(is_active=True)


def check_can_view_audit_log(user) -> None:
    check_site_admin(user)


def filter_audit_log_queryset(user, queryset: QuerySet) -> QuerySet:
    return queryset if is_site_admin(user) else queryset.none()


# --- city teams, role requests and invitations -------------------------------------------


def is_team_lead(user, city) -> bool:
    """Whether ``user`` leads ``city``'s team (site admins count as leads of every team)."""
    if not is_member(user) or city is None:
        return False
    if user.is_superuser:
        return True
    city_id = getattr(city, "pk", city)
    return user.city_teams.filter(city_id=city_id, is_lead=True).exists()


def led_city_ids(user) -> set[int]:
    if not is_member(user):
        return set()
    return set(user.city_teams.filter(is_lead=True).values_list("city_id", flat=True))


def can_manage_role(user, role: str, city=None) -> bool:
    """Site admins grant and remove every role; a team lead only their own city's team."""
    if is_site_admin(user):
        return True
    return role in (Role.CITY_TEAM, "team_lead") and is_team_lead(user, city)


def check_can_manage_role(user, role: str, city=None) -> None:
    if not can_manage_role(user, role, city):
        _deny(_("Only a site administrator or this city's team lead can change this role."))


def check_can_decide_request(user, role_request) -> None:
    check_can_manage_role(user, role_request.role, role_request.city)


def filter_role_requests_queryset(user, queryset: QuerySet) -> QuerySet:
    """Requests a user may decide: all for site admins, their teams' for leads."""
    if is_site_admin(user):
        return queryset
    return queryset.for_city_team(led_city_ids(user))


def can_manage_team(user, city) -> bool:
    return is_team_lead(user, city)


def check_can_manage_team(user, city) -> None:
    if not can_manage_team(user, city):
        _deny(_("Only this city's team lead or a site administrator can manage the team."))


# --- organisations -----------------------------------------------------------------------


def is_confirmed_member(user, organisation) -> bool:
    """Whether a verified organisation (its admin or a site admin) confirmed ``user`` belongs.

    With no organisation given: whether the user belongs, confirmed, to any verified one.
    """
    if not is_member(user):
        return False
    trusted = user.memberships.trusted()
    if organisation is not None:
        trusted = trusted.filter(organisation_id=getattr(organisation, "pk", organisation))
    return trusted.exists()


def confirmed_member_ids(organisation=None) -> set[int]:
    """Ids of people with a trusted membership (of ``organisation`` when given)."""
    from safercities.accounts.models import OrganisationMembership

    trusted = OrganisationMembership.objects.trusted()
    if organisation is not None:
        trusted = trusted.filter(organisation_id=getattr(organisation, "pk", organisation))
    return set(trusted.values_list("user_id", flat=True))


def is_organisation_admin(user, organisation) -> bool:
    if not is_member(user) or organisation is None:
        return False
    if user.is_superuser:
        return True
    org_id = getattr(organisation, "pk", organisation)
    return user.memberships.admins().filter(organisation_id=org_id).exists()


def check_can_manage_organisation(user, organisation) -> None:
    if not is_organisation_admin(user, organisation):
        _deny(_("Only this organisation's admins or a site administrator can do this."))


def can_see_organisation(user, organisation) -> bool:
    from safercities.accounts.enums import OrganisationStatus

    if organisation.status != OrganisationStatus.PENDING:
        return True
    return is_site_admin(user) or (
        is_member(user) and organisation.created_by_id == getattr(user, "pk", None)
    )


def filter_organisations_queryset(user, queryset: QuerySet) -> QuerySet:
    """Listed organisations, plus pending ones for their creator and for site admins."""
    from django.db.models import Q

    from safercities.accounts.enums import OrganisationStatus

    if is_site_admin(user):
        return queryset.exclude(status=OrganisationStatus.ARCHIVED)
    visible = Q(status=OrganisationStatus.VERIFIED)
    if is_member(user):
        visible |= Q(status=OrganisationStatus.PENDING, created_by=user)
    return queryset.filter(visible)

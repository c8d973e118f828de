from django.utils.translation import gettext as _

from safercities.accounts import permissions
from safercities.places.sections import CitySection, register_city_section


@register_city_section
def organisations_section(request, city) -> CitySection | None:
    organisations = list(city.organisations.order_by("name"))
    if not organisations:
        return None
    return CitySection(
        title=_("Organisations"),
        template="accounts/sections/organisations.html",
        context={"organisations": organisations},
        count=len(organisations),
    )


@register_city_section
def city_team_section(request, city) -> CitySection | None:
    memberships = city.team.select_related("user__organisation").order_by("-is_lead", "user__name")
    if not permissions.is_member(request.user):
        count = memberships.count()
        if not count:
            return None
        return CitySection(
            title=_("City team"),
            template="accounts/sections/team_count.html",
            context={"count": count},
            count=count,
        )
    team = [m for m in memberships if m.user.is_active]
    can_manage = permissions.can_manage_team(request.user, city)
    if not team and not can_manage:
        return None
    is_team = permissions.is_city_team_member(request.user, city)
    return CitySection(
        title=_("City team"),
        template="accounts/sections/team.html",
        context={
            "team": team,
            "is_team": is_team,
            "city": city,
            "can_manage": can_manage,
            "can_ask": not is_team,
        },
        count=len(team),
    )

from django.utils.translation import gettext as _

from safercities.core.privacy import mark_team_only
from safercities.pilots.models import Pilot
from safercities.pilots.permissions import can_start_pilot
from safercities.places.sections import CitySection, register_city_section


@register_city_section
def pilot_section(request, city) -> CitySection | None:
    pilot = Pilot.objects.filter(city=city).prefetch_related("phases").first()
    if pilot is None:
        if not can_start_pilot(request.user, city):
            return None
        mark_team_only(request)
        return CitySection(
            title=_("Pilot project"),
            template="pilots/sections/city_pilot.html",
            context={"pilot": None, "city": city},
        )
    return CitySection(
        title=_("Pilot project"),
        template="pilots/sections/city_pilot.html",
        context={"pilot": pilot, "city": city, "phases": list(pilot.phases.all())},
    )

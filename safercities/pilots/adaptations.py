"""Tell the Practice Library where a practice was adapted by a pilot."""

from safercities.pilots.models import Intervention
from safercities.practices.adaptations import Adaptation, register_adaptation_source


@register_adaptation_source
def pilot_adaptations(practice) -> list[Adaptation]:
    seen: dict[int, Adaptation] = {}
    for intervention in Intervention.objects.filter(based_on=practice).select_related(
        "pilot__city"
    ):
        seen.setdefault(
            intervention.pilot.city_id,
            Adaptation(city=intervention.pilot.city.name, url=intervention.get_absolute_url()),
        )
    return list(seen.values())

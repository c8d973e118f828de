from django.utils.translation import gettext as _

from safercities.library.models import Resource
from safercities.places.sections import CitySection, register_city_section

CITY_SECTION_LIMIT = 5


@register_city_section
def resources_section(request, city) -> CitySection | None:
    resources = Resource.objects.published().filter(cities=city)
    count = resources.count()
    if not count:
        return None
    return CitySection(
        title=_("Resources about this city"),
        template="library/sections/city_resources.html",
        context={
            "resources": list(resources.newest_first()[:CITY_SECTION_LIMIT]),
            "city": city,
            "more": count > CITY_SECTION_LIMIT,
        },
        count=count,
    )

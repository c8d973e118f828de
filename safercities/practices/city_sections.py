"""The Practice Library's sections on a city's page."""

from django.utils.translation import gettext as _

from safercities.places.sections import CitySection, register_city_section
from safercities.practices.city_matching import practices_for_city
from safercities.practices.models import Practice

SECTION_MATCHES = 5


@register_city_section
def practices_from_city_section(request, city) -> CitySection | None:
    practices = list(Practice.objects.published().filter(city=city).order_by("title", "id"))
    if not practices:
        return None
    return CitySection(
        title=_("Practices from this city"),
        template="practices/sections/from_city.html",
        context={"practices": practices},
        count=len(practices),
    )


@register_city_section
def practices_for_city_section(request, city) -> CitySection | None:
    matches = practices_for_city(city, limit=SECTION_MATCHES)
    if not matches:
        return None
    return CitySection(
        title=_("Practices that may fit this city"),
        template="practices/sections/for_city.html",
        context={"matches": matches, "city": city},
    )

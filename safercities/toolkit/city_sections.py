from django.utils.translation import gettext as _

from safercities.places.sections import CitySection, register_city_section
from safercities.toolkit import permissions
from safercities.toolkit.models import ToolVersion


@register_city_section
def tool_versions_section(request, city) -> CitySection | None:
    """The city's own versions of the toolkit's tools (drafts for its team only)."""
    versions = permissions.filter_versions_queryset(
        request.user, ToolVersion.objects.for_city(city).select_related("tool", "city")
    ).order_by("tool__order", "-number")
    versions = list(versions)
    if not versions:
        return None
    return CitySection(
        title=_("Tools adapted for this city"),
        template="toolkit/sections/versions.html",
        context={"versions": versions},
        count=len(versions),
    )

from django.utils.translation import gettext as _

from safercities.accounts.permissions import is_city_team_member
from safercities.diagnosis.models import Assessment
from safercities.places.sections import CitySection, register_city_section


@register_city_section
def assessments_section(request, city) -> CitySection | None:
    """The city's assessments with links to their diagnosis; the team may start one."""
    assessments = list(
        Assessment.objects.of_city(city).select_related("tool_version__tool", "settlement")
    )
    is_team = is_city_team_member(request.user, city)
    if not assessments and not is_team:
        return None
    reporting = [a for a in assessments if a.is_incident_report and a.is_open_on()]
    return CitySection(
        title=_("Safety diagnosis"),
        template="diagnosis/sections/assessments.html",
        context={
            "assessments": assessments,
            "is_team": is_team,
            "reporting": reporting,
            "city": city,
        },
        count=len(assessments),
    )

from django.db import models
from django.utils.translation import pgettext_lazy


class ToolKind(models.TextChoices):
    SAFETY_AUDIT = "safety_audit", pgettext_lazy("tool kind", "Women's safety audit")
    VICTIMIZATION_SURVEY = (
        "victimization_survey",
        pgettext_lazy("tool kind", "Victimization survey"),
    )
    INCIDENT_REPORT = "incident_report", pgettext_lazy("tool kind", "Incident report")


#: The generic instruments (``safercities.instruments.generic``) and the kind of tool each is.
GENERIC_TOOL_KINDS: dict[str, str] = {
    "womens-safety-audit": ToolKind.SAFETY_AUDIT,
    "victimization-survey": ToolKind.VICTIMIZATION_SURVEY,
    "incident-report": ToolKind.INCIDENT_REPORT,
}

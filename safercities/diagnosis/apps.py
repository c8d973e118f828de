from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosisConfig(AppConfig):
    name = "safercities.diagnosis"
    label = "diagnosis"
    verbose_name = _("Safety diagnosis")

    def ready(self) -> None:
        from safercities.diagnosis import city_sections  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "safercities.pilots"
    label = "pilots"
    verbose_name = _("Pilot cities")

    def ready(self) -> None:
        from safercities.pilots import (  # noqa: F401
            adaptations,
            city_sections,
            notifications,
            problems,
        )

        notifications.register_kinds()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "safercities.toolkit"
    label = "toolkit"
    verbose_name = _("Toolkit")

    def ready(self) -> None:
        from safercities.toolkit import city_sections, search  # noqa: F401

        search.register()

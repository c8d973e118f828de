from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "safercities.library"
    label = "library"
    verbose_name = _("Resource Facility")

    def ready(self) -> None:
        from safercities.library import city_sections, indexing, notifications  # noqa: F401

        indexing.register()
        notifications.register_kinds()

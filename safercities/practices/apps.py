from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "safercities.practices"
    label = "practices"
    verbose_name = _("Practice Library")

    def ready(self) -> None:
        from safercities.practices import city_sections, documents, notifications  # noqa: F401

        documents.register()
        notifications.register_kinds()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "safercities.network"
    label = "network"
    verbose_name = _("Practitioner Network")

    def ready(self) -> None:
        from safercities.network import indexing, notices

        notices.register_kinds()
        indexing.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "safercities.training"
    label = "training"
    verbose_name = _("Training and events")

    def ready(self) -> None:
        from safercities.training import indexing, notifications

        indexing.register()
        notifications.register_kinds()

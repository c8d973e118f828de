from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "safercities.core"
    label = "core"
    verbose_name = _("Hub core")

    def ready(self) -> None:
        from django_tasks.signals import task_enqueued

        from safercities.core.logs import log_task_enqueued

        task_enqueued.connect(log_task_enqueued, dispatch_uid="safercities.log_task_enqueued")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "perinatal.monitoring"
    label = "monitoring"
    verbose_name = _("Central monitoring of family care")

    def ready(self) -> None:
        from .downloads import dashboard, kind
        from .imports import housekeeping, job

        kind.register()
        dashboard.register()
        job.register()
        housekeeping.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "perinatal.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from . import cleanup, health, housekeeping

        health.register()
        housekeeping.register()
        cleanup.connect()

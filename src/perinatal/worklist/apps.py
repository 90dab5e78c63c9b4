from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorklistConfig(AppConfig):
    name = "perinatal.worklist"
    label = "worklist"
    verbose_name = _("Home pages and work lists")

    def ready(self) -> None:
        # The demo day (registered with accounts.demo.demo_seeds, after the other apps').
        from . import demo  # noqa: F401

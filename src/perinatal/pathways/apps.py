from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "perinatal.pathways"
    label = "pathways"
    verbose_name = _("Families and the first-1000-days programme")

    def ready(self) -> None:
        # The demo family (registered with accounts.demo.demo_seeds).
        from . import demo  # noqa: F401

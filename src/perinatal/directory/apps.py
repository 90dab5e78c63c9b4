from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "perinatal.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        # The demo kraamzorg service's directory entry (accounts.demo.demo_seeds).
        from . import demo  # noqa: F401

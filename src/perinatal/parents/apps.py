from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParentsConfig(AppConfig):
    name = "perinatal.parents"
    label = "parents"
    verbose_name = _("Parents' own space")

    def ready(self) -> None:
        from . import demo  # noqa: F401  (the demo parent's link: accounts.demo.demo_seeds)

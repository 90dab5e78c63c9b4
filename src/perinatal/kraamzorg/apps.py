from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KraamzorgConfig(AppConfig):
    name = "perinatal.kraamzorg"
    label = "kraamzorg"
    verbose_name = _("Kraamzorg")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The demo data (registered with accounts.demo.demo_seeds); the family
        # export's and the pseudonymisation's kraamzorg part; the figures of the monitoring's
        # dashboard.
        from . import demo, figures, hooks, notices, refused_urls  # noqa: F401

        # What kraamzorg tells people (notifications' kinds).
        notices.register()
        refused_urls.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookletsConfig(AppConfig):
    name = "perinatal.booklets"
    label = "booklets"
    verbose_name = _("Kindboekje")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The timeline source, retention export and pseudonymiser; the rules page's section;
        # the demo data; the figures of the monitoring's dashboard.
        from . import demo, figures, hooks, notices, refused_urls  # noqa: F401

        # What the order desk tells people (notifications' kinds).
        notices.register()
        refused_urls.register()

        # The monitoring tables' files, made by a worker when large.
        from .monitoring import downloads

        downloads.register()

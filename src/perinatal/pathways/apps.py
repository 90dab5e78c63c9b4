from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "perinatal.pathways"
    label = "pathways"
    verbose_name = _("Families and the first-1000-days programme")

    def ready(self) -> None:
        from perinatal.core.key_rotation import EncryptedColumn, encrypted_columns

        # The demo family (registered with accounts.demo.demo_seeds); the programme's figures of
        # the monitoring's dashboard.
        from . import demo, figures, notices, refused_urls, tasks  # noqa: F401

        tasks.register()
        # What the family record tells people (notifications' kinds and deadlines).
        notices.register()
        refused_urls.register()
        # The columns holding encrypted national numbers, for `perinatal keys rotate`.
        for model in ("pathways.Person", "pathways.Child"):
            encrypted_columns.register(model, EncryptedColumn(model, "national_number_encrypted"))

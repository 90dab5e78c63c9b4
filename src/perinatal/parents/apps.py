from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParentsConfig(AppConfig):
    name = "perinatal.parents"
    label = "parents"
    verbose_name = _("Parents' own space")

    def ready(self) -> None:
        from . import data_views, notices, refused_urls

        notices.register()
        data_views.register_tab()
        refused_urls.register()
        # Linking (decision 0035): the refused-access log of its pages, the demo parent's link.
        from . import link_demo, link_refused_urls

        link_refused_urls.register()
        link_demo.register()

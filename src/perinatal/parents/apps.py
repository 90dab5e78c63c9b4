"""Parents' own space (issue 16): a parent linked to their family's record sees its timeline,
care team, consent, who looked at it, and can take their data with them. Sits above the
feature apps it shows (pathways, booklets, kraamzorg) and below the work lists."""

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
        # The tabs of "who sees my record" and "who looked at my record" (decision 0037).
        from . import accesses_views, questions, sharing_views  # noqa: F401

        questions.register()

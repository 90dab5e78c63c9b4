"""The place for the kraamzorg module's figures (issue 5): kraamzorg requests, their uptake
among scenario-B families and the waiting times, per region and month or year.

The platform does not record kraamzorg requests yet: they come with a later issue (the
kraamzorg app). When they land, add `requests_table(year, by, on) -> FigureTable` here,
counted in the database with `tables.grouped_counts` like the other modules, and put it in
`modules.TABLES`; until then the dashboard names it in `modules.PLANNED`.
"""

from django.utils.translation import gettext_lazy as _

TITLE = _("Kraamzorg requests")
PLANNED_NOTE = _(
    "Kraamzorg requests, their uptake among scenario-B families and the waiting times will "
    "be shown here once the platform records kraamzorg requests."
)

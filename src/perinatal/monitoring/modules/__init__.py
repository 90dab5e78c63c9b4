"""The figures of the other modules for the analysts' dashboard (issue 5): aggregate only,
for one year, a row per region (the fixed order of `core.geography.FLEMISH_REPORT_ORDER`) or
per month, and the total; counted in the database (GROUP BY), never from personal rows.

- Kindboekje (`kindboekje.py`, reusing `booklets.monitoring`): hand-outs per step and per
  channel, double hand-outs prevented, children without a Kindboekje six weeks after birth.
- First-1000-days programme (`programme.py`): screenings with the scenario A/B shares, and
  the entitlements used (programme services by kind).
- Kraamzorg requests (`kraamzorg_requests.py`, issue 6): requests by who asked, asked in
  pregnancy, waiting time, refusals for capacity; uptake among scenario-B families.

`module_table(key, year=…, by=…, on=…, publication=…)` gives one table (`tables.FigureTable`);
publication mode withholds small numbers as the kraamzorg report does (`publication.py`);
`export.table_csv` writes it as CSV.
"""

from collections.abc import Callable
from datetime import date

from django.db.models import QuerySet

from perinatal.booklets.models import HandoutRefusal
from perinatal.booklets.monitoring.handouts import counted_booklets
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.pathways.models import Birth, ProgrammeService, Screening

from .export import table_csv
from .kindboekje import channels_table, prevented_table, steps_table, without_booklet_table
from .kraamzorg_requests import requests_table, uptake_table
from .programme import entitlements_table, screenings_table
from .publication import publish_table, reason_text
from .tables import BREAKDOWNS, BY_MONTH, BY_REGION, Column, FigureTable

# key -> (module, the function that counts it), in the order of the dashboard.
TABLES: dict[str, tuple[str, Callable[[int, str, date], FigureTable]]] = {
    "kindboekje_steps": ("kindboekje", steps_table),
    "kindboekje_channels": ("kindboekje", channels_table),
    "kindboekje_prevented": ("kindboekje", prevented_table),
    "kindboekje_without": ("kindboekje", without_booklet_table),
    "screenings": ("programme", screenings_table),
    "entitlements": ("programme", entitlements_table),
    "kraamzorg_requests": ("kraamzorg", requests_table),
    "kraamzorg_uptake": ("kraamzorg", uptake_table),
}


def module_table(
    key: str, *, year: int, by: str = BY_REGION, on: date, publication: bool = False
) -> FigureTable:
    """One of TABLES (KeyError for another key) for `year`, per region or month; `on` is the
    day the six-week follow-up is counted on (today)."""
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}")
    table = TABLES[key][1](year, by, on)
    return publish_table(table) if publication else table


def years_with_records() -> list[int]:
    """The years in which any module recorded something (six DISTINCT statements)."""
    sources: list[tuple[QuerySet, str]] = [
        (counted_booklets(), "handed_out_on"),
        (HandoutRefusal.objects.all(), "on"),
        (Birth.objects.all(), "date"),
        (Screening.objects.all(), "date"),
        (ProgrammeService.objects.all(), "date"),
        (KraamzorgRequest.objects.all(), "submitted_at"),
    ]
    return sorted(
        {day.year for queryset, field in sources for day in queryset.dates(field, "year")}
    )


__all__ = [
    "BREAKDOWNS",
    "BY_MONTH",
    "BY_REGION",
    "TABLES",
    "Column",
    "FigureTable",
    "module_table",
    "publish_table",
    "reason_text",
    "table_csv",
    "years_with_records",
]

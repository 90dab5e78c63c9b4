"""The figures other apps add to the monitoring: each app registers one `FigureModule` (its
tables, and the dates its records are counted by) in its `AppConfig.ready()` with
`register_figures`; the monitoring only knows this interface, never the apps' models.

The dashboard shows the modules by their `position` (the Kindboekje, then the programme, then
kraamzorg), whatever the order the apps are installed in, and their tables in the order the
module lists them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from perinatal.core.registry import Registry

from .counting import BREAKDOWNS, BY_REGION
from .publication import publish_table
from .tables import Table


@dataclass(frozen=True)
class FigureSource:
    """One table of a module: `table(year, by, on)` counts it for `year`, per region or month
    (`by`), `on` being the day a follow-up is counted on (today)."""

    key: str
    table: Callable[[int, str, date], Table]


@dataclass(frozen=True)
class FigureModule:
    """The figures of one app: its tables, and `record_dates()` — (queryset, date field) pairs
    whose years are the years the module recorded something in."""

    key: str
    position: int
    sources: tuple[FigureSource, ...]
    record_dates: Callable[[], Iterable[tuple[QuerySet, str]]]


figure_modules: Registry[FigureModule] = Registry("monitoring figures")


def register_figures(module: FigureModule) -> FigureModule:
    """Add an app's figures (once: a module key or table key registered twice is refused)."""
    taken = {source.key for source, _module in _sources()}
    doubles = taken & {source.key for source in module.sources}
    if doubles:
        raise ValueError(f"figure tables registered twice: {sorted(doubles)}")
    return figure_modules.register(module.key, module)


def modules_in_order() -> list[FigureModule]:
    return sorted(figure_modules, key=lambda module: module.position)


def _sources() -> list[tuple[FigureSource, FigureModule]]:
    return [(source, module) for module in modules_in_order() for source in module.sources]


def figure_tables() -> dict[str, tuple[str, FigureSource]]:
    """key -> (module key, source), in the order of the dashboard."""
    return {source.key: (module.key, source) for source, module in _sources()}


def module_table(
    key: str, *, year: int, by: str = BY_REGION, on: date, publication: bool = False
) -> Table:
    """One registered table (KeyError for another key) for `year`, per region or month; `on`
    is the day the six-week follow-up is counted on (today)."""
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}")
    table = figure_tables()[key][1].table(year, by, on)
    return publish_table(table) if publication else table


def years_with_records() -> list[int]:
    """The years in which any module recorded something (a DISTINCT statement per source)."""
    return sorted(
        {
            day.year
            for module in modules_in_order()
            for queryset, field in module.record_dates()
            for day in queryset.dates(field, "year")
        }
    )

"""The monitoring's one engine for tables of figures, and the registry through which other
apps add theirs (the Kindboekje, the first-1000-days programme, kraamzorg): aggregate only,
counted in the database (GROUP BY), never from personal rows.

- `tables`: `Column`, `Table` (rows of plain values, an optional total row) and `Period`.
- `counting`: `grouped_counts` for one year per region (`core.geography`'s fixed order) or
  per month, and the shares.
- `publication`: the small-number rule for such tables (`publish_table`).
- `writers`: the one place a table is written as CSV (the dashboard's and Belgian Excel's)
  and XLSX.
- `sources`: `FigureSource`/`FigureModule`, `register_figures` (from the apps'
  `AppConfig.ready()`), `module_table` and `years_with_records`.
"""

from .counting import BREAKDOWNS, BY_MONTH, BY_REGION, add_shares, grouped_counts, year_table
from .publication import publish_table, reason_text
from .sources import (
    FigureModule,
    FigureSource,
    figure_modules,
    figure_tables,
    module_table,
    modules_in_order,
    register_figures,
    years_with_records,
)
from .tables import Column, Period, Table
from .writers import table_csv

__all__ = [
    "BREAKDOWNS",
    "BY_MONTH",
    "BY_REGION",
    "Column",
    "FigureModule",
    "FigureSource",
    "Period",
    "Table",
    "add_shares",
    "figure_modules",
    "figure_tables",
    "grouped_counts",
    "module_table",
    "modules_in_order",
    "publish_table",
    "reason_text",
    "register_figures",
    "table_csv",
    "year_table",
    "years_with_records",
]

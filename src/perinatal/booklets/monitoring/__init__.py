"""Monitoring of the Kindboekje procedure (docs/decisions/0009-kindboekje.md): the tables Kind en Gezin follows and the
work list of children still without a Kindboekje six weeks after birth.

Every figure is counted by the database (GROUP BY month, region, channel, step, turn, status);
Python only orders the aggregate rows and names them in the user's language. A table is a
`Table` (columns and rows of plain values) that the page, the CSV and the XLSX export
(`monitoring.figures.writers`) all show as it is. Counting rules:

- A hand-out is a booklet that does not replace another; a replacement of a lost or damaged
  one is counted apart (it is not a new family). A booklet recorded in error counts nowhere.
- A double hand-out prevented is a refused hand-out with code `already_has_booklet`; refusals
  with `channel_not_allowed` (a maternity clinic after 1 August 2024) are shown beside them.
- A child is without a Kindboekje when it has no valid booklet and its parents have no order
  for it that was not refused (what "ask first" shows too), `booklets.follow_up_after_birth_days`
  days after its birth (`rules.follow_up_due`).
- Booklets ordered per hand-out recorded: the Kindboekjes delivered to midwife practices ÷ the
  hand-outs (replacements included: each uses a booklet) those practices recorded.

Aggregates carry no person. The work list does: it is only for Kind en Gezin professionals,
holds only the families their organisation cares for and logs each one it shows.
"""

from collections.abc import Callable
from datetime import date

from perinatal.monitoring.figures import Column, Period, Table

from .access import PERMISSION, may_see_monitoring, may_see_work_list
from .children import follow_up_cutoff, without_booklet_table
from .handouts import handouts_table, prevented_table, regions_table
from .orders import orders_table, ratio_practices_table, ratio_regions_table
from .rows import REGION_ORDER
from .work_list import FollowUp, WorkList, follow_up_work_list

__all__ = [
    "PERMISSION",
    "REGION_ORDER",
    "TABLES",
    "Column",
    "FollowUp",
    "Period",
    "Table",
    "WorkList",
    "follow_up_cutoff",
    "follow_up_work_list",
    "may_see_monitoring",
    "may_see_work_list",
    "monitoring_table",
]

TABLES: dict[str, Callable[[Period, str | None, date], Table]] = {
    "regions": regions_table,
    "handouts": handouts_table,
    "prevented": prevented_table,
    "without_booklet": without_booklet_table,
    "orders": orders_table,
    "ratio_regions": ratio_regions_table,
    "ratio_practices": ratio_practices_table,
}


def monitoring_table(key: str, *, period: Period, area: str | None, on: date) -> Table:
    """One of `TABLES` (KeyError for another key)."""
    return TABLES[key](period, area or None, on)

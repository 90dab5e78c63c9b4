"""Publication mode for the tables of figures (those with a total row): the small-number
rule of the kraamzorg report (docs/decisions/0011-monitoring-publication.md) applied to tables
of counts, by one function, `publish_table`, that the page and the CSV both use.

- Primary: a count from 1 to N-1 (`settings.MONITORING_MIN_FAMILIES`, 5) is withheld; 0 is
  published. Every count here is about a few families (booklets, children, screenings,
  services), so every count cell follows the rule.
- Shares: only over at least M (`MONITORING_MIN_FOR_AVERAGE`, 20) in their denominator, and
  never when their numerator or denominator is withheld (share × base gives it back).
- Secondary: in every sum of the table — the rows (regions or months) adding up to the total
  row, in each count column, and the parts of a row adding up to their column
  (`Column.parts_of`) — a withheld figure is never the only one: the smallest other
  non-empty published figure of that sum is withheld with it (a tie goes to the first in the
  table's order, an empty one only when there is none; when it is the sum's only part, the
  sum itself). A complement can leave another sum with a lone withheld figure, so the sums
  are checked again until none changes. Columns that do not add up (distinct families) are
  treated as if they did: that can only withhold more.
"""

from copy import deepcopy
from dataclasses import replace
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..reports.publication import limits
from .tables import Table

Cell = tuple[int, str]  # (row index in table.all_rows, column key)


class CellReason(models.TextChoices):
    """Why a figure of a module's table is withheld; the labels take the limits."""

    SMALL_COUNT = "small_count", _("a small number (1 to %(max_small)s)")
    COMPLEMENTARY = (
        "complementary",
        _("withheld so that another withheld figure cannot be computed from the totals"),
    )
    SMALL_BASE = "small_base", _("share of fewer than %(min_for_average)s")
    SHARE_OF_WITHHELD = "share_of_withheld", _("share of a withheld figure")


def reason_text(code: str, publication: dict[str, int]) -> str:
    return str(CellReason(code).label) % {
        **publication,
        "max_small": publication["min_families"] - 1,
    }


def _sums(table: Table) -> list[tuple[list[Cell], Cell]]:
    """Every (parts, sum) of the table: each count column over the rows, and each row's
    parts of a column."""
    counts = [column.key for column in table.columns if column.kind == "count"]
    last = len(table.all_rows) - 1  # the total row
    sums = [([(index, key) for index in range(last)], (last, key)) for key in counts]
    for whole in {column.parts_of for column in table.columns if column.parts_of}:
        parts = [column.key for column in table.columns if column.parts_of == whole]
        sums += [([(index, key) for key in parts], (index, whole)) for index in range(last + 1)]
    return sums


def _withheld_counts(table: Table, minimum: int) -> dict[Cell, str]:
    rows = table.all_rows

    def value(cell: Cell) -> int:
        return rows[cell[0]][cell[1]]

    withheld: dict[Cell, str] = {
        (index, column.key): CellReason.SMALL_COUNT
        for index, row in enumerate(rows)
        for column in table.columns
        if column.kind == "count" and 0 < row[column.key] < minimum
    }
    sums = _sums(table)
    changed = bool(withheld)
    while changed:
        changed = False
        for parts, whole in sums:
            if sum(cell in withheld for cell in (*parts, whole)) != 1:
                continue
            others = [cell for cell in parts if cell not in withheld]
            # min() keeps the first of equals: the table's order decides a tie.
            pick = min(others, key=lambda c: (value(c) == 0, value(c))) if others else whole
            withheld[pick] = CellReason.COMPLEMENTARY
            changed = True
    return withheld


def publish_table(table: Table) -> Table:
    """A copy of the table with every withheld figure set to None, `suppressed` listing them
    ([{"cell": "<row key>.<column key>", "reason"}], rows then columns in the table's order)
    and `publication` the limits applied. A table already in publication mode is refused."""
    if table.suppressed is not None:
        raise ValueError("the table is already in publication mode")
    if table.total is None:
        raise ValueError("publication mode needs a table with a total row")
    limit = limits()
    withheld: dict[Cell, str] = _withheld_counts(table, limit["min_families"])
    rows = table.all_rows
    for column in table.columns:
        if not column.share_of:
            continue
        numerator, denominator = column.share_of
        for index, row in enumerate(rows):
            if row[column.key] is None:
                continue  # a share over nothing: not applicable, not withheld
            if (index, numerator) in withheld or (index, denominator) in withheld:
                withheld[(index, column.key)] = CellReason.SHARE_OF_WITHHELD
            elif row[denominator] < limit["min_for_average"]:
                withheld[(index, column.key)] = CellReason.SMALL_BASE
    out_rows = deepcopy(rows)
    suppressed: list[dict[str, Any]] = []
    for index, row in enumerate(out_rows):
        for column in table.columns:
            reason = withheld.get((index, column.key))
            if reason is not None:
                row[column.key] = None
                suppressed.append({"cell": f"{row['key']}.{column.key}", "reason": str(reason)})
    return replace(
        table,
        rows=out_rows[:-1],
        total=out_rows[-1],
        suppressed=suppressed,
        publication=limit,
    )

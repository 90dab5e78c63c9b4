"""What every table of figures is made of, for the monitoring's dashboard and the Kindboekje's
monitoring pages alike: columns, rows of plain values (the page, the CSV and the XLSX show them
as they are), an optional total row, and a period of whole months.

A row is a dict keyed by the columns' keys; the tables counted per region or per month
(`counting.grouped_counts`) add a "key" and a "label" to each row and a total row, and in
publication mode (`publication.publish_table`) say which figures were withheld.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Column:
    """A figure of every row. `kind`: "count" (a whole number), "share" (a percentage of
    `share_of` = (numerator, denominator) of the same row), "mean" (withheld like a share over
    its `share_of` base), "ratio" (a number with two decimals), "month" (a date: its month) or
    "text". `parts_of`: this count is one of the parts that add up to that column of the same
    row (publication mode keeps the sum from giving back a withheld part)."""

    key: str
    label: str | Promise
    kind: str = "count"
    parts_of: str | None = None
    share_of: tuple[str, str] | None = None


@dataclass
class Table:
    """A table of figures: `rows` (each {<column key>: value, …}) and, for the tables counted
    per region or month of a `year`, the `total` row. In publication mode a withheld figure is
    None and listed in `suppressed` ([{"cell": "<row key>.<column key>", "reason"}]), and
    `publication` holds the limits applied."""

    key: str
    title: str | Promise
    description: str | Promise
    columns: list[Column]
    rows: list[dict[str, Any]]
    total: dict[str, Any] | None = None
    year: int | None = None
    by: str | None = None
    suppressed: list[dict[str, str]] | None = None
    publication: dict[str, int] | None = field(default=None)

    @classmethod
    def of_lists(
        cls,
        key: str,
        title: str | Promise,
        description: str | Promise,
        columns: list[Column],
        rows: list[list[Any]],
    ) -> "Table":
        """A table whose rows are given as lists of values in the columns' order."""
        keys = [column.key for column in columns]
        return cls(
            key, title, description, columns, [dict(zip(keys, r, strict=True)) for r in rows]
        )

    @property
    def all_rows(self) -> list[dict[str, Any]]:
        """The rows and the total row, if there is one."""
        return [*self.rows, self.total] if self.total is not None else list(self.rows)

    @property
    def cells(self) -> list[list[tuple[Column, Any]]]:
        """Each row as (column, value) pairs, for a page."""
        return [[(column, row[column.key]) for column in self.columns] for row in self.rows]

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def values(self, key: str) -> list[Any]:
        """The values of one column, row by row (the total row not included)."""
        return [row[key] for row in self.rows]


@dataclass(frozen=True)
class Period:
    """Whole months: from the first day of `first` to the last day of the month of `last`."""

    first: date
    last: date

    @classmethod
    def months(cls, first_month: date, last_month: date) -> "Period":
        days = calendar.monthrange(last_month.year, last_month.month)[1]
        return cls(first_month.replace(day=1), last_month.replace(day=days))

    @classmethod
    def last_twelve_months(cls, on: date) -> "Period":
        """The month of `on` and the eleven before it."""
        first = on.year * 12 + on.month - 1 - 11
        return cls.months(date(first // 12, first % 12 + 1, 1), on)

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

"""What every monitoring table is made of: a period of whole months, the columns and rows
(plain values: the page, the CSV and the XLSX show them as they are), and the fixed order and
names of the regions, channels and statuses."""

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from perinatal.core.dates import add_months
from perinatal.core.geography import AREAS, FLEMISH_REPORT_ORDER, area_by_code

from ..constants import Channel, OrderStatus

# The regions in the fixed order of the reports, then any other area a family lives in.
REGION_ORDER = [a.nis for a in FLEMISH_REPORT_ORDER] + [
    a.nis for a in AREAS if a not in FLEMISH_REPORT_ORDER
]
CHANNEL_ORDER = list(Channel.values)
STATUS_ORDER = list(OrderStatus.values)


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
        return cls.months(add_months(on.replace(day=1), -11), on)


def region_rank(nis: str) -> int:
    return REGION_ORDER.index(nis) if nis in REGION_ORDER else len(REGION_ORDER)


def region_name(nis: str) -> str:
    area = area_by_code(nis)
    return area.name if area else nis


def channel_name(value: str) -> str:
    return Channel(value).label if value in Channel.values else value


def rank(values: list[str], value: str) -> int:
    return values.index(value) if value in values else len(values)


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    kind: str = "text"  # text, month (a date: its month), count, ratio


@dataclass
class Table:
    key: str
    title: str | Promise
    description: str | Promise
    columns: list[Column]
    rows: list[list[Any]]

    @property
    def cells(self) -> list[list[tuple[Column, Any]]]:
        """Each row as (column, value) pairs, for the page."""
        return [list(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, key: str) -> list[Any]:
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]


def in_area(queryset: QuerySet, area: str | None, field: str = "area_nis") -> QuerySet:
    return queryset.filter(**{field: area}) if area else queryset

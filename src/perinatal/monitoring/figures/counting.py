"""Counting a table of figures for one year in the database: `grouped_counts` runs one
GROUP BY per table (by region or by month) and one aggregate for the total, so no personal row
is ever loaded into Python; Python only puts the aggregate rows in the fixed order (the six
areas of `core.geography.FLEMISH_REPORT_ORDER`, then any other area together; or the twelve
months) and names them in the active language. `add_shares` then fills the share columns.
"""

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Func, QuerySet
from django.db.models.functions import ExtractMonth
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from perinatal.core.geography import FLEMISH_REPORT_ORDER

from .tables import Column, Table

BY_REGION = "region"
BY_MONTH = "month"
BREAKDOWNS = {BY_REGION: _("per region"), BY_MONTH: _("per month")}
OTHER_AREAS = "other"
TOTAL = "total"
REGION_CODES = tuple(area.nis for area in FLEMISH_REPORT_ORDER)
TENTH = Decimal("0.1")


def year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def share(numerator: int | None, denominator: int | None) -> Decimal | None:
    """A percentage to one decimal, rounded half up; None over nothing."""
    if not denominator or numerator is None:
        return None
    return (Decimal(numerator) * 100 / denominator).quantize(TENTH, rounding=ROUND_HALF_UP)


def _region_rows(found: QuerySet, area_field: str, keys: list[str]) -> list[dict[str, Any]]:
    by_area = {row[area_field]: row for row in found}
    rows = []
    for area in FLEMISH_REPORT_ORDER:
        counted = by_area.get(area.nis, {})
        rows.append({"key": area.nis, "label": area.name, **{k: counted.get(k, 0) for k in keys}})
    others = [row for nis, row in by_area.items() if nis not in REGION_CODES]
    if others:  # families outside Flanders and Brussels: one row, only when there are any
        rows.append(
            {
                "key": OTHER_AREAS,
                "label": str(_("Other areas")),
                **{k: sum(row[k] for row in others) for k in keys},
            }
        )
    return rows


def grouped_counts(
    queryset: QuerySet,
    *,
    year: int,
    by: str,
    date_field: str,
    area_field: str,
    counts: Mapping[str, Func],
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The `counts` (Count aggregates) of the records dated in `year`, a row per region or
    per month (every one, zero when empty), and the total row: two statements."""
    found = queryset.filter(**{f"{date_field}__range": year_range(year)}).order_by()
    keys = list(counts)
    if by == BY_REGION:
        per_area = found.values(area_field).annotate(**counts).order_by()
        rows = _region_rows(per_area, area_field, keys)
    elif by == BY_MONTH:
        per_month = {
            row["month"]: row
            for row in found.annotate(month=ExtractMonth(date_field))
            .values("month")
            .annotate(**counts)
            .order_by()
        }
        rows = [
            {
                "key": f"{year}-{month:02d}",
                "label": date_format(date(year, month, 1), "YEAR_MONTH_FORMAT"),
                **{k: per_month.get(month, {}).get(k, 0) for k in keys},
            }
            for month in range(1, 13)
        ]
    else:
        raise ValueError(f"unknown breakdown {by!r}")
    total = found.aggregate(**counts)
    return rows, {"key": TOTAL, "label": str(_("Total")), **{k: total[k] or 0 for k in keys}}


def add_shares(columns: list[Column], rows: list[dict[str, Any]]) -> None:
    """Fill the share columns of every row from its counts."""
    for column in columns:
        if column.share_of:
            numerator, denominator = column.share_of
            for row in rows:
                row[column.key] = share(row[numerator], row[denominator])


def year_table(
    key: str,
    title: str | Promise,
    description: str | Promise,
    year: int,
    by: str,
    columns: list[Column],
    rows: list[dict[str, Any]],
    total: dict[str, Any],
) -> Table:
    """A table of `grouped_counts` for `year` per region or month (`by`), with its total row."""
    return Table(key, title, description, columns, rows, total=total, year=year, by=by)

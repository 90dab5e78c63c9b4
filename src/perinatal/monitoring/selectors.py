"""Reads of the monitoring. The figures of a year come from its snapshots only (aggregate
tables), in one statement: the latest snapshot taken on or before the end of a day."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import YearSnapshot
from .parameters import end_of_day

UNIT = Decimal("0.0001")


@dataclass(frozen=True)
class Figures:
    dossiers: int
    families: int
    hours: Decimal
    services: int


@dataclass(frozen=True)
class YearFigures:
    year: int
    status: str
    computed_at: datetime
    data_changed_at: datetime
    rows: dict[tuple[str, str], Figures]  # (scope, key) -> figures


# One statement, written out: it is the report's whole database work, and the ORM's
# compilation would cost more than the query itself (bench/monitoring.py).
_FIGURES_SQL = """
SELECT s.status, s.computed_at, s.data_changed_at, r.scope, r."key",
       r.dossiers, r.families, r.hours, r.services
FROM monitoring_snapshotrow r JOIN monitoring_yearsnapshot s ON s.id = r.snapshot_id
WHERE r.snapshot_id = (
    SELECT id FROM monitoring_yearsnapshot
    WHERE work_year_id = %s{as_of}
    ORDER BY computed_at DESC, id DESC LIMIT 1
)"""
FIGURES_SQL = _FIGURES_SQL.format(as_of="")
FIGURES_AS_OF_SQL = _FIGURES_SQL.format(as_of=" AND computed_at < %s")


def _moment(value) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)
    return _moment(parse_datetime(value))  # SQLite gives text


def year_figures_get(year: int, *, as_of: date | None = None) -> YearFigures | None:
    """The year's figures as they stood at the end of `as_of` (the latest without it), or
    None when there were none yet."""
    with connection.cursor() as cursor:
        if as_of is None:
            cursor.execute(FIGURES_SQL, [year])
        else:
            cursor.execute(FIGURES_AS_OF_SQL, [year, end_of_day(as_of)])
        found = cursor.fetchall()
    if not found:
        return None
    status, computed_at, data_changed_at = found[0][:3]
    exact = connection.vendor == "postgresql"  # SQLite gives the hours as a float
    return YearFigures(
        year=year,
        status=status,
        computed_at=_moment(computed_at),
        data_changed_at=_moment(data_changed_at),
        rows={
            (row[3], row[4]): Figures(
                row[5],
                row[6],
                row[7] if exact else Decimal(repr(row[7])).quantize(UNIT),
                row[8],
            )
            for row in found
        },
    )


def years_with_figures() -> list[int]:
    return sorted(set(YearSnapshot.objects.values_list("work_year_id", flat=True)))


__all__ = ["Figures", "YearFigures", "year_figures_get", "years_with_figures"]

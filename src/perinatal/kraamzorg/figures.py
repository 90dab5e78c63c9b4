"""Kraamzorg's figures for the monitoring's dashboard (seeds 002 and 003), registered with
`monitoring.figures.register_figures` from `KraamzorgConfig.ready()`, counted in the database
(`monitoring.figures.grouped_counts`: one GROUP BY per table and one aggregate for the total)
from the kraamzorg requests, never from personal rows.

- `requests_figure`: the requests submitted in the year (by the day they were submitted, in
  Brussels time, and the family's region `area_nis`): who asked (the parents or which kind of
  professional), how many were asked during pregnancy (before the birth) and their share,
  the requests marked vulnerable, those answered by the service and the MEAN waiting time
  from submission to answer in days (a mean, not a median: a median is not an aggregate
  both PostgreSQL and SQLite compute; it is withheld over fewer than
  `MONITORING_MIN_FOR_AVERAGE` answers in publication mode, like a share), and the refusals
  for lack of capacity.
- `uptake_figure`: uptake among scenario-B families: the families (pregnancies) with a
  screening giving scenario B in the year (by the screening's date and the family's region),
  and those of them with a kraamzorg request that was accepted (or is closed after care);
  the uptake is the second over the first. A family screened twice is counted once in a row
  and once in the total.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, FloatField, Func, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

from perinatal.monitoring.figures import (
    Column,
    FigureModule,
    FigureSource,
    Table,
    add_shares,
    grouped_counts,
    register_figures,
    year_table,
)
from perinatal.monitoring.figures.counting import TENTH
from perinatal.pathways.models import Screening
from perinatal.pathways.rules import Scenario

from .constants import RefusalReason, RequestSource, RequestStatus
from .models import KraamzorgRequest

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType

TITLE = _("Kraamzorg requests")
IN_CARE = (RequestStatus.ACCEPTED, RequestStatus.CLOSED)


class DaysBetween(Func):
    """The days (a fraction) from the first datetime expression to the second."""

    output_field = FloatField()
    arity = 2

    def as_sql(  # PostgreSQL and others
        self,
        compiler: "SQLCompiler",
        connection: "BaseDatabaseWrapper",
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> "_AsSqlType":
        return super().as_sql(
            compiler,
            connection,
            function=function,
            template=template or "(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)",
            arg_joiner=arg_joiner or " - ",
            **extra_context,
        )

    def as_sqlite(
        self, compiler: "SQLCompiler", connection: "BaseDatabaseWrapper", **extra_context: Any
    ) -> "_AsSqlType":
        return super().as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def _mean_days(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        answered, days = row["answered"], row.pop("wait_days")
        row["wait_mean_days"] = (
            (Decimal(str(days)) / answered).quantize(TENTH, rounding=ROUND_HALF_UP)
            if answered
            else None
        )


def requests_figure(year: int, by: str, on: date) -> Table:
    answered = Q(decided_at__isnull=False)
    counts = {
        "requests": Count("id"),
        **{
            f"source_{source}": Count("id", filter=Q(source=source))
            for source in RequestSource.values
        },
        "in_pregnancy": Count(
            "id", filter=Q(birth_date__isnull=True) | Q(birth_date__gt=F("submitted_on"))
        ),
        "vulnerable": Count("id", filter=~Q(vulnerability="")),
        "answered": Count("id", filter=answered),
        "wait_days": Coalesce(
            Sum(DaysBetween("decided_at", "submitted_at"), filter=answered), Value(0.0)
        ),
        "refused_no_capacity": Count(
            "id",
            filter=Q(status=RequestStatus.REFUSED, refusal_reason=RefusalReason.NO_CAPACITY),
        ),
    }
    rows, total = grouped_counts(
        KraamzorgRequest.objects.annotate(submitted_on=TruncDate("submitted_at")),
        year=year,
        by=by,
        date_field="submitted_on",
        area_field="area_nis",
        counts=counts,
    )
    _mean_days([*rows, total])
    columns = [
        Column("requests", _("Requests")),
        *(
            Column(f"source_{source.value}", source.label, parts_of="requests")
            for source in RequestSource
        ),
        Column("in_pregnancy", _("Asked during pregnancy")),
        Column(
            "in_pregnancy_pct",
            _("Asked during pregnancy (%)"),
            kind="share",
            share_of=("in_pregnancy", "requests"),
        ),
        Column("vulnerable", _("Vulnerable families")),
        Column("answered", _("Answered")),
        Column(
            "wait_mean_days",
            _("Mean waiting time (days)"),
            kind="mean",
            share_of=("answered", "answered"),
        ),
        Column("refused_no_capacity", _("Refused: no capacity")),
    ]
    add_shares([c for c in columns if c.kind == "share"], [*rows, total])
    return year_table(
        "kraamzorg_requests",
        TITLE,
        _(
            "Kraamzorg requests submitted in the year, by who asked (the parents or the "
            "professional who referred the family), those asked before the birth, those for "
            "families marked vulnerable, the mean time in days from the request to the "
            "service's answer (accepted, waiting list or refused), and the refusals because "
            "the service had no capacity."
        ),
        year,
        by,
        columns,
        rows,
        total,
    )


def uptake_figure(year: int, by: str, on: date) -> Table:
    in_care = Q(pregnancy__kraamzorg_requests__status__in=IN_CARE)
    counts = {
        "families": Count("pregnancy", distinct=True),
        "in_care": Count("pregnancy", distinct=True, filter=in_care),
    }
    rows, total = grouped_counts(
        Screening.objects.filter(scenario=Scenario.B),
        year=year,
        by=by,
        date_field="date",
        area_field="pregnancy__area_nis",
        counts=counts,
    )
    columns = [
        Column("families", _("Scenario-B families")),
        Column("in_care", _("With kraamzorg")),
        Column(
            "uptake_pct",
            _("Uptake of kraamzorg (%)"),
            kind="share",
            share_of=("in_care", "families"),
        ),
    ]
    add_shares(columns, [*rows, total])
    return year_table(
        "kraamzorg_uptake",
        _("Uptake of kraamzorg among scenario-B families"),
        _(
            "Families whose screening gave scenario B in the year (by the screening's date), "
            "and those of them with a kraamzorg request that was accepted or closed after "
            "care. A family is counted once in a row and once in the total."
        ),
        year,
        by,
        columns,
        rows,
        total,
    )


def _record_dates() -> list[tuple[QuerySet, str]]:
    return [(KraamzorgRequest.objects.all(), "submitted_at")]


FIGURES = register_figures(
    FigureModule(
        key="kraamzorg",
        position=30,
        sources=(
            FigureSource("kraamzorg_requests", requests_figure),
            FigureSource("kraamzorg_uptake", uptake_figure),
        ),
        record_dates=_record_dates,
    )
)

"""The Kindboekje's monitoring tables as files (CSV or XLSX for Belgian Excel,
`monitoring.figures.writers`) through the monitoring's report files: made in the request when
small, by a task worker when the table is large (a long period per month, region, channel
and step; `monitoring.downloads.rule`). For whoever may see the monitoring."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from perinatal.monitoring.downloads.producers import (
    Estimate,
    Params,
    PreparedReport,
    ReportProducer,
    register_producer,
)
from perinatal.monitoring.figures import Period
from perinatal.monitoring.figures.writers import EXPORTS

from . import TABLES, monitoring_table
from .access import may_see_monitoring

KINDBOEKJE_TABLE = "kindboekje-monitoring-table"


def table_params(
    *, key: str, period: Period, area: str | None, on: date, fmt: str
) -> dict[str, object]:
    return {
        "table": key,
        "from": period.first.isoformat(),
        "to": period.last.isoformat(),
        "area": area,
        "on": on.isoformat(),
        "format": fmt,
    }


def kindboekje_table_prepare(params: Params) -> PreparedReport:
    """params: see `table_params`. KeyError for an unknown table or format."""
    key, fmt, area = params["table"], params["format"], params.get("area") or None
    if key not in TABLES:
        raise KeyError(key)
    write, content_type = EXPORTS[fmt]
    period = Period(date.fromisoformat(params["from"]), date.fromisoformat(params["to"]))
    table = monitoring_table(key, period=period, area=area, on=date.fromisoformat(params["on"]))
    stem = f"kindboekje-{key}-{period.first:%Y-%m}-{period.last:%Y-%m}"
    return PreparedReport(
        name=f"{stem}-{area}.{fmt}" if area else f"{stem}.{fmt}",
        content_type=content_type,
        estimate=Estimate.of_table(fmt, (len(table.rows) + 1) * len(table.columns)),
        render=lambda: write(table),
    )


def register() -> None:
    register_producer(
        ReportProducer(
            KINDBOEKJE_TABLE,
            _("Kindboekje monitoring table"),
            kindboekje_table_prepare,
            allowed=may_see_monitoring,
        )
    )

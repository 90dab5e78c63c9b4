"""The dashboard's files as report producers: the kraamzorg report of a year (CSV, XLSX or PDF
with the page's charts) and each module's table (CSV), from the dashboard's choice (year,
as-of date, publication mode, per region or month). For analysts and administrators.

The report's figures are a few hundred cells whatever the data (the year's snapshot); its PDF
draws three charts (about 0.3 s each, docs/performance.md), the work that sends it to a
worker. A module's table is one row per region or month."""

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from perinatal.accounts.roles import is_monitoring_manager

from ..figures import module_table, table_csv
from ..reports.charts import DASHBOARD_CHARTS
from ..reports.kraamzorg import ROW_KEYS
from ..reports.outputs import OUTPUTS, chart_history, file_name, render, report_data
from .producers import Estimate, Params, PreparedReport, ReportProducer, register_producer

KRAAMZORG_REPORT = "kraamzorg-report"
MODULE_TABLE = "monitoring-module-table"
REPORT_FORMATS = ("csv", "xlsx", "pdf")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _bytes(content: str | bytes) -> bytes:
    return content.encode() if isinstance(content, str) else content


def _report_cells(data: dict[str, Any]) -> int:
    years = data.get("years", [data])
    rows = sum(len(year["provinces"]) + 1 + len(year["sectors"]) + 1 for year in years)
    return rows * (len(ROW_KEYS) + 2)


def kraamzorg_report_prepare(params: Params) -> PreparedReport:
    """params: `year`, `as_of` (ISO date or None), `publication`, `format` (csv, xlsx, pdf).
    `reports.kraamzorg.NoFigures` when the year has no figures (on that day)."""
    fmt = params["format"]
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    as_of, publication = _day(params.get("as_of")), bool(params.get("publication"))
    data = report_data(year=int(params["year"]), as_of=as_of, publication=publication)
    charts = 0
    history = None
    if fmt == "pdf":
        history = chart_history(as_of=as_of, publication=publication)
        charts = len(DASHBOARD_CHARTS) if history else 0
    return PreparedReport(
        name=file_name(data, fmt),
        content_type=OUTPUTS[fmt].content_type,
        estimate=Estimate.of_table(fmt, _report_cells(data), charts),
        render=lambda: _bytes(render(data, fmt, charts=history)),
    )


def module_table_prepare(params: Params) -> PreparedReport:
    """params: `key` (a registered table), `year`, `by` (region or month), `publication`,
    `on` (ISO date: the day a follow-up is counted on). KeyError for an unknown table."""
    key, year, by = params["key"], int(params["year"]), params["by"]
    publication = bool(params.get("publication"))
    on = date.fromisoformat(params["on"])
    table = module_table(key, year=year, by=by, on=on, publication=publication)
    suffix = "-publication" if publication else ""
    return PreparedReport(
        name=f"{key}-{year}-{by}{suffix}.csv",
        content_type=OUTPUTS["csv"].content_type,
        estimate=Estimate(csv_cells=(len(table.all_rows) + 1) * (len(table.columns) + 3)),
        render=lambda: table_csv(table).encode(),
    )


def register() -> None:
    register_producer(
        ReportProducer(
            KRAAMZORG_REPORT,
            _("Kraamzorg report"),
            kraamzorg_report_prepare,
            allowed=is_monitoring_manager,
        )
    )
    register_producer(
        ReportProducer(
            MODULE_TABLE,
            _("Monitoring table"),
            module_table_prepare,
            allowed=is_monitoring_manager,
        )
    )

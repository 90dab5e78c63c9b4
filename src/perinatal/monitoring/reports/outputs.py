"""The kraamzorg report in every output format, the same for the command line and the
dashboard: the figures of a year or a trend, in publication mode or not, the trend
of all years with figures that a year's charts show, and the rendering as JSON, CSV, XLSX or
PDF with its file name.

Publication mode goes through `publication.for_publication` once, before any rendering, so
every format shows the same withheld figures and says what was withheld (JSON: `suppressed`;
CSV: the section after the table; XLSX and PDF: the list below the tables). The charts of a
year are drawn from every year with figures (as they stood on the as-of date), in the same
publication mode as the figures beside them.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..selectors import year_figures_get, years_with_figures
from .kraamzorg import (
    kraamzorg_report,
    kraamzorg_trend,
    report_csv,
    report_from_figures,
    report_json,
)
from .pdf import report_pdf
from .publication import for_publication
from .xlsx import report_xlsx


@dataclass(frozen=True)
class Output:
    content_type: str
    binary: bool


OUTPUTS = {
    "json": Output("application/json", binary=False),
    "csv": Output("text/csv; charset=utf-8", binary=False),
    "xlsx": Output(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", binary=True
    ),
    "pdf": Output("application/pdf", binary=True),
}


def published(data: dict[str, Any], publication: bool) -> dict[str, Any]:
    return for_publication(data) if publication else data


def report_data(
    *,
    year: int | None = None,
    first: int | None = None,
    last: int | None = None,
    as_of: date | None = None,
    publication: bool = False,
) -> dict[str, Any]:
    """The report of `year`, or the trend `first`–`last`; `kraamzorg.NoFigures` when a year has
    no figures."""
    if year is not None:
        data = kraamzorg_report(year, as_of)
    elif first is not None and last is not None:
        data = kraamzorg_trend(first, last, as_of)
    else:
        raise ValueError("give a year, or the first and last years of a trend")
    return published(data, publication)


def chart_history(*, as_of: date | None = None, publication: bool = False) -> dict | None:
    """Every year that had figures on `as_of` (now without it), in the shape of a trend
    without changes, for the charts; None when no year has figures. Gaps between years are
    left out (the charts' axis shows the years there are)."""
    reports = []
    for year in years_with_figures():
        found = year_figures_get(year, as_of=as_of)
        if found is not None:
            reports.append(report_from_figures(found, as_of))
    if not reports:
        return None
    history = {
        "from": reports[0]["year"],
        "to": reports[-1]["year"],
        "as_of": as_of.isoformat() if as_of else None,
        "years": reports,
    }
    return published(history, publication)


def render(data: dict[str, Any], fmt: str, *, charts: dict[str, Any] | None = None) -> str | bytes:
    """The report or trend in `fmt` (a key of OUTPUTS): text for JSON and CSV, bytes for XLSX
    and PDF. The PDF of a trend shows the trend's charts, that of a year those of `charts`."""
    if fmt == "json":
        return report_json(data)
    if fmt == "csv":
        return report_csv(data)
    if fmt == "xlsx":
        return report_xlsx(data)
    if fmt == "pdf":
        return report_pdf(data, trend=None if "years" in data else charts)
    raise ValueError(f"unknown report format {fmt!r}")


def file_name(data: dict[str, Any], fmt: str) -> str:
    """kraamzorg-2016.pdf, kraamzorg-2012-2016-as-of-2017-04-24-publication.csv, …"""
    years = f"{data['from']}-{data['to']}" if "years" in data else str(data["year"])
    parts = ["kraamzorg", years]
    if data.get("as_of"):
        parts.append(f"as-of-{data['as_of']}")
    if "suppressed" in data:
        parts.append("publication")
    return f"{'-'.join(parts)}.{fmt}"

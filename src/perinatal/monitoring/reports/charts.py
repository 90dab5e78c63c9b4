"""Charts of the kraamzorg figures over the years: hours and average hours per area,
and the share of newborn dossiers in all family care. Drawn on the server by matplotlib's Agg
renderer; one function gives the SVG of the dashboard and the PNG of the PDF, so the page
and the PDF show the same picture.

The charts take a trend (`kraamzorg_trend`, or `for_publication` of one: a withheld figure is
a gap in its line) or a single report. Titles, labels and numbers are in the active language;
the areas come in the fixed order of the reports. The output is deterministic: a fixed
`svg.hashsalt`, text kept as text, and no date or version in the metadata.
"""

import io
import math
from dataclasses import dataclass
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from perinatal.core.geography import area_by_code

from ..constants import REPORT_AREA_CODES

# Process-wide and never changed afterwards, so that concurrent renders need no lock.
matplotlib.rcParams.update(
    {
        "svg.hashsalt": "perinatal-monitoring",  # stable ids instead of random ones
        "svg.fonttype": "none",  # text stays text: smaller, searchable, translatable
        "font.family": "DejaVu Sans",  # shipped with matplotlib: the same metrics everywhere
        "font.size": 10,
    }
)
# Okabe-Ito colours (distinct for colour-blind readers), in the fixed order of the areas.
AREA_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
TOTAL_COLOUR = "#000000"
FORMATS = {"svg": {"Date": None, "Creator": "perinatal"}, "png": {"Software": None}}
PNG_DPI = 150


@dataclass(frozen=True)
class Chart:
    title: Promise
    axis: Promise
    figure: str  # the key in a province row, or the newborn share of all family care
    with_total: bool
    decimals: int


CHARTS = {
    "hours": Chart(_("Hours of kraamzorg per area"), _("Hours"), "hours", False, 0),
    "avg_hours_per_family": Chart(
        _("Average hours of kraamzorg per family"),
        _("Hours per family"),
        "avg_hours_per_family",
        True,
        0,
    ),
    "avg_hours_per_dossier": Chart(
        _("Average hours of kraamzorg per dossier"),
        _("Hours per dossier"),
        "avg_hours_per_dossier",
        True,
        0,
    ),
    "newborn_share": Chart(
        _("Share of newborn dossiers in all family care"),
        _("% of family-care dossiers"),
        "newborn_dossier_share_pct",
        True,
        1,
    ),
}
# The charts of the dashboard and the PDF, in this order.
DASHBOARD_CHARTS = ("hours", "avg_hours_per_family", "newborn_share")


def _years(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data.get("years", [data])


def _value(value: Any) -> float:
    return math.nan if value is None else float(value)  # NaN: a gap in the line


def chart_series(
    data: dict[str, Any], kind: str
) -> tuple[list[int], list[tuple[str, list[float]]]]:
    """The years and the lines of a chart: (label, a value per year; NaN where there is none)."""
    chart, years = CHARTS[kind], _years(data)
    if chart.figure == "newborn_dossier_share_pct":
        values = [_value(year["family_care"][chart.figure]) for year in years]
        return [year["year"] for year in years], [(str(_("All areas")), values)]
    lines = []
    for index, nis in enumerate(REPORT_AREA_CODES):
        rows = [year["provinces"][index] for year in years]
        if any(row["nis"] != nis for row in rows):
            raise ValueError("the areas are not in the fixed order of the reports")
        area = area_by_code(nis)
        if area is None:
            raise ValueError(f"unknown area {nis!r}")
        lines.append((area.name, [_value(row[chart.figure]) for row in rows]))
    if chart.with_total:
        lines.append((str(_("Total")), [_value(year["total"][chart.figure]) for year in years]))
    return [year["year"] for year in years], lines


def _number(decimals: int):
    return FuncFormatter(
        lambda value, _position: number_format(
            value, decimal_pos=decimals, use_l10n=True, force_grouping=True
        )
    )


def trend_chart(data: dict[str, Any], kind: str, fmt: str = "svg") -> bytes:
    """The chart `kind` (a key of CHARTS) of a trend or report as SVG or PNG bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    chart = CHARTS[kind]
    years, lines = chart_series(data, kind)
    figure = Figure(figsize=(8, 4.5), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    for index, (label, values) in enumerate(lines):
        total = chart.with_total and index == len(lines) - 1 and len(lines) > 1
        axes.plot(
            years,
            values,
            label=label,
            marker="o",
            markersize=4,
            linewidth=2.5 if total else 1.8,
            linestyle="--" if total else "-",
            color=TOTAL_COLOUR if total or len(lines) == 1 else AREA_COLOURS[index],
        )
    axes.set_title(str(chart.title))
    axes.set_ylabel(str(chart.axis))
    axes.set_xticks(years, [str(year) for year in years])
    axes.set_xlim(years[0] - 0.3, years[-1] + 0.3)
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=6))
    axes.yaxis.set_major_formatter(_number(chart.decimals))
    axes.grid(axis="y", color="#dddddd")
    axes.spines[["top", "right"]].set_visible(False)
    if len(lines) > 1:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=PNG_DPI, metadata=FORMATS[fmt])
    return buffer.getvalue()

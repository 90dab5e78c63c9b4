"""What the dashboard's template shows, prepared from the report, the charts' trend and the
modules' tables: every figure formatted in the active language, a withheld figure marked as
such (publication mode lists it in `suppressed`) and told apart from one that does not apply
(an average over nothing). The template only lays it out."""

import hashlib
import math
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ..constants import YearStatus
from ..figures import Table
from ..figures import reason_text as module_reason_text
from ..reports.charts import CHARTS, DASHBOARD_CHARTS, chart_series, trend_chart
from ..reports.inline_svg import inline_svg
from ..reports.kraamzorg import report_json
from ..reports.publication import FIGURE_LABELS, ROW_LABELS, SHARE, cell_text, reason_text
from ..reports.xlsx import area_name

AREA_FIGURES = (
    "dossiers",
    "families",
    "hours",
    "avg_hours_per_dossier",
    "avg_hours_per_family",
    "services",
)
CARE_FIGURES = ("dossiers", "families", SHARE)
SECTOR_FIGURES = ("dossiers", "families", "hours")
WHOLE = {"dossiers", "families", "services"}
CHART_NOTES = {
    "hours": gettext_lazy(
        "Hours of kraamzorg (the dossiers marked “family with a newborn child”) per area."
    ),
    "avg_hours_per_family": gettext_lazy(
        "Average per family, not per dossier: the hours of an area divided by the distinct "
        "families helped there (a family with dossiers at two services counts once). The "
        "dashed line is the total."
    ),
    "newborn_share": gettext_lazy(
        "Dossiers marked “family with a newborn child” as a share of all family-care "
        "dossiers of the year."
    ),
}


def _number(value: Any, decimals: int) -> str:
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _cell(value: Any, decimals: int, withheld: bool) -> dict[str, Any]:
    if value is None:
        return {"text": "", "withheld": withheld, "na": not withheld}
    return {"text": _number(value, decimals), "withheld": False, "na": False}


class _Cells:
    def __init__(self, data: dict[str, Any]):
        self.withheld = {entry["cell"] for entry in data.get("suppressed", ())}

    def row(self, label: str, row: dict[str, Any], keys: tuple, path: str) -> dict[str, Any]:
        return {
            "label": label,
            "key": path,
            "cells": [
                _cell(row.get(key), 0 if key in WHOLE else 2, f"{path}.{key}" in self.withheld)
                for key in keys
            ],
        }


def _changed_at(report: dict[str, Any]) -> datetime | None:
    text = report.get("data_changed_at")
    return timezone.localtime(datetime.fromisoformat(text)) if text else None


def report_panel(data: dict[str, Any]) -> dict[str, Any]:
    """The year's tables: areas and total, all family care, sectors."""
    cells = _Cells(data)
    areas = [
        cells.row(area_name(area["nis"]), area, AREA_FIGURES, f"provinces.{area['nis']}")
        for area in data["provinces"]
    ]
    return {
        "year": data["year"],
        "status": data["status"],
        "status_label": YearStatus(data["status"]).label,
        "final": data["status"] == YearStatus.FINAL,
        "as_of": data["as_of"],
        "data_changed_at": _changed_at(data),
        "publication": data.get("publication"),
        "area_headers": [FIGURE_LABELS[key] for key in AREA_FIGURES],
        "areas": areas,
        "total": cells.row(_("Total"), data["total"], AREA_FIGURES, "total"),
        "care_headers": [FIGURE_LABELS[key] for key in CARE_FIGURES],
        "care": cells.row(
            str(ROW_LABELS["family_care"]), data["family_care"], CARE_FIGURES, "family_care"
        ),
        "sector_headers": [FIGURE_LABELS[key] for key in SECTOR_FIGURES],
        "sectors": [
            cells.row(str(ROW_LABELS[f"sectors.{name}"]), row, SECTOR_FIGURES, f"sectors.{name}")
            for name, row in data["sectors"].items()
        ],
    }


def withheld_list(data: dict[str, Any]) -> list[dict[str, str]]:
    """Publication mode: every withheld figure in words, with its reason."""
    if "suppressed" not in data:
        return []
    return [
        {
            "cell": entry["cell"],
            "figure": cell_text(entry["cell"]),
            "reason": reason_text(entry["reason"], data["publication"]),
        }
        for entry in data["suppressed"]
    ]


CHART_CACHE_SECONDS = 24 * 3600


def chart_svg(history: dict[str, Any], kind: str) -> bytes:
    """`trend_chart(history, kind, "svg")`, cached: the key is a hash of the figures (and
    withheld cells), the chart and the language, so a cached picture is never stale."""
    fingerprint = hashlib.sha256(report_json(history).encode()).hexdigest()
    key = f"monitoring-chart:{kind}:{get_language()}:{fingerprint}"
    svg = cache.get(key)
    if svg is None:
        svg = trend_chart(history, kind, "svg")
        cache.set(key, svg, CHART_CACHE_SECONDS)
    return svg


def chart_panels(history: dict[str, Any]) -> list[dict[str, Any]]:
    """The three charts of the dashboard (and the PDF) as inline SVG, each with its figures
    as a table (for those who do not see the chart)."""
    panels = []
    for kind in DASHBOARD_CHARTS:
        years, lines = chart_series(history, kind)
        decimals = 0 if kind == "hours" else 2
        panels.append(
            {
                "kind": kind,
                "title": CHARTS[kind].title,
                "note": CHART_NOTES[kind],
                "svg": inline_svg(
                    chart_svg(history, kind),
                    prefix=f"chart-{kind}-",
                    labelled_by=f"chart-{kind}-title",
                ),
                "years": years,
                "lines": [
                    {
                        "label": label,
                        "values": [
                            "–" if math.isnan(value) else _number(value, decimals)
                            for value in values
                        ],
                    }
                    for label, values in lines
                ],
            }
        )
    return panels


def module_panel(table: Table, csv_url: str) -> dict[str, Any]:
    """A module's table for the page: the headers, the rows and total formatted, and in
    publication mode the withheld figures in words."""
    withheld = {entry["cell"] for entry in table.suppressed or ()}

    def row(values: dict[str, Any]) -> dict[str, Any]:
        return {
            "label": values["label"],
            "key": values["key"],
            "cells": [
                _cell(
                    values[column.key],
                    1 if column.kind in ("share", "mean") else 0,
                    f"{values['key']}.{column.key}" in withheld,
                )
                for column in table.columns
            ],
        }

    labels = {values["key"]: values["label"] for values in table.all_rows}
    columns = {column.key: column.label for column in table.columns}
    listed = []
    if table.suppressed is not None:
        publication = table.publication
        if publication is None:
            raise ValueError("a table in publication mode holds the limits applied")
        for entry in table.suppressed:
            row_key, column_key = entry["cell"].rsplit(".", 1)
            listed.append(
                {
                    "cell": entry["cell"],
                    "figure": f"{labels[row_key]} · {columns[column_key]}",
                    "reason": module_reason_text(entry["reason"], publication),
                }
            )
    if table.total is None:
        raise ValueError("a module's table is counted per region or month, with a total row")
    return {
        "key": table.key,
        "title": table.title,
        "description": table.description,
        "headers": [column.label for column in table.columns],
        "rows": [row(values) for values in table.rows],
        "total": row(table.total),
        "withheld": listed,
        "publication": table.publication,
        "csv": csv_url,
    }

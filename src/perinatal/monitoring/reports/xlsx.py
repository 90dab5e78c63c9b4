"""The kraamzorg report (or trend) as an XLSX workbook: a sheet per work year with
the status and the as-of date, the areas and the total, all family care and the sectors, and
in publication mode the withheld figures (empty, grey cells) listed with their reason.
Figures are numbers, not text. The headings are in the active language; the PDF uses the same.
"""

import io
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perinatal.core.geography import area_by_code

from ..constants import YearStatus
from .publication import FIGURE_LABELS, ROW_LABELS, SHARE, cell_text, reason_text

AREA_FIGURES = (
    "dossiers",
    "families",
    "hours",
    "avg_hours_per_dossier",
    "avg_hours_per_family",
    "services",
)
CHANGE_FIGURES = (*AREA_FIGURES, "hours_change_pct")
SECTOR_FIGURES = ("dossiers", "families", "hours")
CARE_FIGURES = ("dossiers", "families", SHARE)
WHOLE = {"dossiers", "families", "services"}
WITHHELD_FILL = PatternFill("solid", fgColor="D9D9D9")
BOLD = Font(bold=True)
TITLE = gettext_lazy("Kraamzorg in %(year)s")


def changed_at(report: dict[str, Any]) -> datetime | None:
    """When the data last changed, in local time, without a zone (as a spreadsheet wants)."""
    text = report.get("data_changed_at")
    if not text:
        return None
    return timezone.localtime(datetime.fromisoformat(text)).replace(tzinfo=None)


def report_facts(report: dict[str, Any]) -> list[tuple[str, Any]]:
    """The lines above the table: status, as-of date, when the data last changed."""
    return [
        (_("Status"), str(YearStatus(report["status"]).label)),
        (
            _("Figures as of"),
            date.fromisoformat(report["as_of"]) if report["as_of"] else _("the latest submissions"),
        ),
        (_("Data last changed"), changed_at(report)),
    ]


def area_name(nis: str) -> str:
    """The area's name in the active language (the report may have been made in another)."""
    area = area_by_code(nis)
    if area is None:
        raise ValueError(f"unknown area {nis!r}")
    return area.name


def change_label(key: str) -> str:
    if key == "hours_change_pct":
        return str(FIGURE_LABELS[key])
    return _("Change in %(figure)s") % {"figure": str(FIGURE_LABELS[key]).lower()}


def withheld_cells(data: dict[str, Any]) -> set[str]:
    return {entry["cell"] for entry in data.get("suppressed", ())}


class _Sheet:
    """Writes a sheet line by line; a figure listed as withheld gets a grey cell."""

    def __init__(self, sheet, withheld: set[str], prefix: str):
        self.sheet, self.withheld, self.prefix, self.row = sheet, withheld, prefix, 1

    def labels(self, *values: Any, bold: bool = False) -> None:
        for column, value in enumerate(values, start=1):
            cell = self.sheet.cell(self.row, column, value)
            if bold:
                cell.font = BOLD
            if isinstance(value, date):
                cell.number_format = (
                    "yyyy-mm-dd hh:mm" if isinstance(value, datetime) else "yyyy-mm-dd"
                )

    def line(self, *values: Any, bold: bool = False) -> None:
        self.labels(*values, bold=bold)
        self.row += 1

    def figures(self, column: int, row: dict, keys: tuple, path: str) -> int:
        """The figures `keys` of `row` from `column` on; `path` names the row in the list of
        withheld cells. Answers the next free column."""
        for offset, key in enumerate(keys):
            cell = self.sheet.cell(self.row, column + offset, row.get(key))
            cell.number_format = "#,##0" if key in WHOLE else "#,##0.00"
            if f"{self.prefix}{path}.{key}" in self.withheld:
                cell.fill = WITHHELD_FILL
        return column + len(keys)


def _year_sheet(sheet, report: dict[str, Any], data: dict[str, Any]) -> None:
    prefix = f"years.{report['year']}." if "years" in data else ""
    out = _Sheet(sheet, withheld_cells(data), prefix)
    out.line(TITLE % {"year": report["year"]}, bold=True)
    for label, value in report_facts(report):
        out.line(label, value)
    out.row += 1
    change = report.get("change")
    heads = [str(FIGURE_LABELS[key]) for key in AREA_FIGURES]
    heads += [change_label(key) for key in CHANGE_FIGURES] if change else []
    out.line(_("Area"), _("NIS code"), *heads, bold=True)
    rows = [
        (area_name(area["nis"]), area["nis"], area, f"provinces.{area['nis']}")
        for area in report["provinces"]
    ]
    rows.append((_("Total"), None, report["total"], "total"))
    changes = [*change["provinces"], change["total"]] if change else [None] * len(rows)
    for (name, nis, figures, path), row_change in zip(rows, changes, strict=True):
        out.labels(name, nis, bold=path == "total")
        column = out.figures(3, figures, AREA_FIGURES, path)
        if row_change:
            out.figures(column, row_change, CHANGE_FIGURES, f"change.{path}")
        out.row += 1
    out.row += 1
    out.line(None, *(str(FIGURE_LABELS[key]) for key in CARE_FIGURES), bold=True)
    out.labels(_("All family care"))
    out.figures(2, report["family_care"], CARE_FIGURES, "family_care")
    out.row += 2
    out.line(_("Sector"), *(str(FIGURE_LABELS[key]) for key in SECTOR_FIGURES), bold=True)
    for sector, figures in report["sectors"].items():
        out.labels(str(ROW_LABELS[f"sectors.{sector}"]))
        out.figures(2, figures, SECTOR_FIGURES, f"sectors.{sector}")
        out.row += 1
    _withheld_list(out, data, prefix)
    sheet.column_dimensions["A"].width = 32
    for column in range(2, 3 + len(heads)):
        sheet.column_dimensions[get_column_letter(column)].width = 16


def _withheld_list(out: _Sheet, data: dict[str, Any], prefix: str) -> None:
    if "suppressed" not in data:
        return
    out.row += 1
    limits = data["publication"]
    out.line(_("Publication mode: withheld figures (grey, empty)"), bold=True)
    out.line(
        _(
            "Counts about fewer than %(min_families)s families are withheld, and averages and "
            "shares over fewer than %(min_for_average)s families."
        )
        % limits
    )
    entries = [e for e in data["suppressed"] if e["cell"].startswith(prefix)]
    if not entries:
        out.line(_("Nothing was withheld."))
        return
    out.line(_("Figure"), _("Reason"), _("Cell"), bold=True)
    for entry in entries:
        out.line(cell_text(entry["cell"]), reason_text(entry["reason"], limits), entry["cell"])


def report_xlsx(data: dict[str, Any]) -> bytes:
    """The workbook of a report (`kraamzorg_report`) or a trend (`kraamzorg_trend`), either
    possibly through `for_publication`: one sheet per work year, named after it."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for report in data.get("years", [data]):
        _year_sheet(workbook.create_sheet(str(report["year"])), report, data)
    workbook.properties.creator = "perinatal"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

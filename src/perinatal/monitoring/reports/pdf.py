"""The kraamzorg report (or trend) as a PDF, with reportlab: the title, the status
(provisional or final) and when the data last changed, the table of the areas and the total,
all family care, the sectors, the charts (the PNG of `charts.py`, the same picture as on the
dashboard) and, in publication mode, the note of what was withheld. In the active language.
The output is reproducible: reportlab's `invariant` mode (no creation date, a fixed id).
"""

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ..constants import YearStatus
from .charts import DASHBOARD_CHARTS, trend_chart
from .publication import FIGURE_LABELS, ROW_LABELS, SHARE, cell_text, reason_text
from .xlsx import TITLE, WHOLE, area_name, changed_at

STYLES = getSampleStyleSheet()
SMALL = STYLES["BodyText"].clone("small", fontSize=8, leading=10)
HEAD = STYLES["BodyText"].clone("head", fontSize=8, leading=10, fontName="Helvetica-Bold")
AREA_FIGURES = (
    "dossiers",
    "families",
    "hours",
    "avg_hours_per_dossier",
    "avg_hours_per_family",
    "services",
)
WITHHELD_MARK = "x"
WIDTH = A4[0] - 4 * cm
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
    ]
)


def _text(value: Any) -> str:
    """Text for a Paragraph: markup characters escaped, no narrow space (not in Helvetica)."""
    return escape(str(value)).replace("\u202f", "\xa0")


class _Figures:
    """Cells of figures: a number in the language's format, "x" when withheld, "–" when
    there is nothing to show (an average without dossiers)."""

    def __init__(self, data: dict[str, Any], prefix: str):
        self.withheld = {entry["cell"] for entry in data.get("suppressed", ())}
        self.prefix = prefix

    def cell(self, row: dict[str, Any], key: str, path: str) -> str:
        value = row.get(key)
        if value is None:
            return WITHHELD_MARK if f"{self.prefix}{path}.{key}" in self.withheld else "–"
        decimals = 0 if key in WHOLE else 2
        return _text(number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True))

    def row(self, label: str, row: dict, keys: tuple, path: str) -> list:
        return [Paragraph(_text(label), SMALL), *(self.cell(row, key, path) for key in keys)]


def _table(rows: list[list], widths: list[float]) -> Table:
    head = [Paragraph(_text(text), HEAD) for text in rows[0]]
    table = Table([head, *rows[1:]], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(GRID)
    return table


def _facts(report: dict[str, Any]) -> Paragraph:
    changed = changed_at(report)
    lines = [
        _("Status: %(status)s") % {"status": YearStatus(report["status"]).label},
        _("Figures as of %(date)s") % {"date": report["as_of"]}
        if report["as_of"]
        else _("Figures of the latest submissions"),
    ]
    if changed:
        lines.append(
            _("Data last changed: %(moment)s") % {"moment": date_format(changed, "DATETIME_FORMAT")}
        )
    if report["status"] == YearStatus.PROVISIONAL:
        lines.append(
            _(
                "These figures are provisional: services can still send or correct their data until the year is closed."
            )
        )
    return Paragraph("<br/>".join(_text(line) for line in lines), STYLES["BodyText"])


def _year(report: dict[str, Any], data: dict[str, Any]) -> list:
    cells = _Figures(data, f"years.{report['year']}." if "years" in data else "")
    change = report.get("change")
    keys = AREA_FIGURES + (("hours_change_pct",) if change else ())
    head = [_("Area"), *(str(FIGURE_LABELS[key]) for key in keys)]
    rows = [head]
    changes = [*change["provinces"], change["total"]] if change else None
    for index, area in enumerate([*report["provinces"], report["total"]]):
        path = f"provinces.{area['nis']}" if area["nis"] else "total"
        label = area_name(area["nis"]) if area["nis"] else _("Total")
        row = cells.row(label, area, AREA_FIGURES, path)
        if changes is not None:
            row.append(cells.cell(changes[index], "hours_change_pct", f"change.{path}"))
        rows.append(row)
    other = (WIDTH - 4 * cm) / len(keys)
    care_keys, sector_keys = ("dossiers", "families", SHARE), ("dossiers", "families", "hours")
    care = [
        ["", *(str(FIGURE_LABELS[key]) for key in care_keys)],
        cells.row(str(ROW_LABELS["family_care"]), report["family_care"], care_keys, "family_care"),
    ]
    sectors = [[_("Sector"), *(str(FIGURE_LABELS[key]) for key in sector_keys)]]
    for name, figures in report["sectors"].items():
        path = f"sectors.{name}"
        sectors.append(cells.row(str(ROW_LABELS[path]), figures, sector_keys, path))
    return [
        Paragraph(_text(TITLE % {"year": report["year"]}), STYLES["Heading1"]),
        _facts(report),
        Spacer(1, 0.3 * cm),
        _table(rows, [4 * cm] + [other] * len(keys)),
        Spacer(1, 0.4 * cm),
        _table(care, [4 * cm] + [3.5 * cm] * 3),
        Spacer(1, 0.4 * cm),
        _table(sectors, [4 * cm] + [3.5 * cm] * 3),
    ]


def _withheld_note(data: dict[str, Any]) -> list:
    if "suppressed" not in data:
        return []
    limits = data["publication"]
    parts = [
        Paragraph(_text(_("Publication mode")), STYLES["Heading2"]),
        Paragraph(
            _text(
                _(
                    "Counts about fewer than %(min_families)s families are withheld (x), and "
                    "averages and shares over fewer than %(min_for_average)s families. Further "
                    "figures are withheld so that none can be computed from the totals."
                )
                % limits
            ),
            STYLES["BodyText"],
        ),
    ]
    entries = data["suppressed"] or [None]
    for entry in entries:
        text = (
            _("Nothing was withheld.")
            if entry is None
            else f"{cell_text(entry['cell'])}: {reason_text(entry['reason'], limits)}"
        )
        parts.append(Paragraph(_text(text), SMALL))
    return parts


def report_pdf(
    data: dict[str, Any], *, trend: dict[str, Any] | None = None, compress: bool = True
) -> bytes:
    """The PDF of a report (`kraamzorg_report`) or trend (`kraamzorg_trend`), either possibly
    through `for_publication`. The charts show `trend` (pass the same publication mode), or
    the trend itself; a report without `trend` has no charts."""
    buffer = io.BytesIO()
    reports = data.get("years", [data])
    title = TITLE % {
        "year": "–".join(dict.fromkeys(str(r["year"]) for r in (reports[0], reports[-1])))
    }
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        title=str(title),
        author="perinatal",
        invariant=1,
        pageCompression=1 if compress else 0,
    )
    story: list = []
    for report in reports:
        story += _year(report, data)
    chart_data = trend if trend is not None else (data if "years" in data else None)
    if chart_data is not None:
        images = [
            Image(io.BytesIO(trend_chart(chart_data, kind, "png")), WIDTH, WIDTH * 4.5 / 8)
            for kind in DASHBOARD_CHARTS
        ]
        heading = Paragraph(_text(_("Over the years")), STYLES["Heading2"])
        story += [KeepTogether([heading, images[0]]), *images[1:]]
    story += _withheld_note(data)
    document.build(story)
    return buffer.getvalue()

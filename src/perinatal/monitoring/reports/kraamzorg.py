"""The kraamzorg report of a work year (seeds 001 and 004) as a plain data structure
that every output (JSON, CSV, and later XLSX, PDF, the dashboard, the API) renders.

Per area in the fixed order (Antwerpen, Limburg, Oost-Vlaanderen, Vlaams-Brabant,
West-Vlaanderen, Brussels Hoofdstedelijk Gewest) and in total, over the dossiers marked
"family with a newborn child": dossiers, distinct families, hours, average hours per dossier
and per family, distinct services; the newborn share of all family-care dossiers; dossiers,
families and hours by sector; the status and when the data last changed. Amounts and
averages are Decimals rounded half up to 2 decimals (numbers in JSON).
"""

import csv
import io
import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from perinatal.core.constants import CENT

from ..constants import REPORT_AREAS, Sector, SnapshotScope
from ..selectors import Figures, YearFigures, year_figures_get
from .publication import cell_text, reason_text

SECTORS = tuple(Sector.values)
NONE = Figures(0, 0, Decimal(0), 0)
ROW_KEYS = (
    "dossiers",
    "families",
    "hours",
    "avg_hours_per_dossier",
    "avg_hours_per_family",
    "services",
)


class NoFigures(LookupError):
    def __init__(self, year: int, as_of: date | None):
        if as_of is None:
            message = _("There are no figures for the work year %(year)s.") % {"year": year}
        else:
            message = _("There were no figures for the work year %(year)s on %(date)s.") % {
                "year": year,
                "date": as_of.isoformat(),
            }
        super().__init__(message)


def round2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _ratio(numerator: Decimal | int, denominator: int) -> Decimal | None:
    return round2(Decimal(numerator) / denominator) if denominator else None


def _row(figures: Figures) -> dict[str, Any]:
    return {
        "dossiers": figures.dossiers,
        "families": figures.families,
        "hours": round2(figures.hours),
        "avg_hours_per_dossier": _ratio(figures.hours, figures.dossiers),
        "avg_hours_per_family": _ratio(figures.hours, figures.families),
        "services": figures.services,
    }


def report_from_figures(found: YearFigures, as_of: date | None) -> dict[str, Any]:
    rows = found.rows
    name = f"name_{(get_language() or 'nl')[:2]}"  # the area's name in the active language
    total = rows.get((SnapshotScope.TOTAL, ""), NONE)
    family_care = rows.get((SnapshotScope.FAMILY_CARE, ""), NONE)
    return {
        "year": found.year,
        "status": found.status,
        "as_of": as_of.isoformat() if as_of else None,
        "data_changed_at": timezone.localtime(found.data_changed_at).isoformat(),
        "provinces": [
            {
                "province": getattr(area, name, area.name_nl),
                "nis": area.nis,
                **_row(rows.get((SnapshotScope.AREA, area.nis), NONE)),
            }
            for area in REPORT_AREAS
        ],
        "total": {"province": _("Total"), "nis": None, **_row(total)},
        "family_care": {
            "dossiers": family_care.dossiers,
            "families": family_care.families,
            "newborn_dossier_share_pct": _ratio(total.dossiers * 100, family_care.dossiers),
        },
        "sectors": {
            sector: {
                "dossiers": figures.dossiers,
                "families": figures.families,
                "hours": round2(figures.hours),
            }
            for sector in SECTORS
            for figures in (rows.get((SnapshotScope.SECTOR, sector), NONE),)
        },
    }


def kraamzorg_report(year: int, as_of: date | None = None) -> dict[str, Any]:
    """The year's report as it stood at the end of `as_of` (now without it)."""
    found = year_figures_get(year, as_of=as_of)
    if found is None:
        raise NoFigures(year, as_of)
    return report_from_figures(found, as_of)


def _difference(current: dict, previous: dict) -> dict[str, Any]:
    change: dict[str, Any] = {}
    for key in ROW_KEYS:
        now, before = current[key], previous[key]
        change[key] = None if now is None or before is None else now - before
    hours_before = previous["hours"]
    change["hours_change_pct"] = (
        round2((current["hours"] - hours_before) * 100 / hours_before) if hours_before else None
    )
    return change


def _change(current: dict, previous: dict | None) -> dict[str, Any] | None:
    if previous is None:
        return None
    return {
        "provinces": [
            {"province": now["province"], "nis": now["nis"], **_difference(now, before)}
            for now, before in zip(current["provinces"], previous["provinces"], strict=True)
        ],
        "total": _difference(current["total"], previous["total"]),
    }


def kraamzorg_trend(from_year: int, to_year: int, as_of: date | None = None) -> dict[str, Any]:
    """The report of every year from `from_year` to `to_year`, each with its change against
    the year before (None when that year has no figures)."""
    years = []
    found = year_figures_get(from_year - 1, as_of=as_of)
    previous = report_from_figures(found, as_of) if found else None
    for year in range(from_year, to_year + 1):
        report = kraamzorg_report(year, as_of)
        years.append({**report, "change": _change(report, previous)})
        previous = report
    return {
        "from": from_year,
        "to": to_year,
        "as_of": as_of.isoformat() if as_of else None,
        "years": years,
    }


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # a 2-decimal value prints back exactly (shortest repr)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def report_json(data: dict[str, Any]) -> str:
    return json.dumps(data, default=_number, ensure_ascii=False, indent=2)


CHANGE_KEYS = (*ROW_KEYS, "hours_change_pct")
CSV_COLUMNS = (
    "year",
    "status",
    "as_of",
    "row",
    "province",
    "nis",
    *ROW_KEYS,
    "newborn_dossier_share_pct",
    *(f"change_{key}" for key in CHANGE_KEYS),
)


def _changes(change: dict[str, Any] | None) -> dict[str, Any]:
    return {f"change_{key}": change[key] for key in CHANGE_KEYS} if change else {}


def _csv_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    head = {"year": report["year"], "status": report["status"], "as_of": report["as_of"] or ""}
    change = report.get("change") or {}
    area_changes = {row["nis"]: row for row in change.get("provinces", [])}
    rows = [
        {**head, "row": "province", **area, **_changes(area_changes.get(area["nis"]))}
        for area in report["provinces"]
    ]
    rows.append(
        {**head, "row": "total", **report["total"], "nis": "", **_changes(change.get("total"))}
    )
    for sector, figures in report["sectors"].items():
        rows.append({**head, "row": "sector", "province": sector, **figures})
    rows.append({**head, "row": "family_care", **report["family_care"]})
    return rows


SUPPRESSED_COLUMNS = ("suppressed_cell", "reason", "figure", "explanation")


def _suppressed_section(data: dict[str, Any]) -> list[list[str]]:
    """Publication mode (`publication.for_publication`): after an empty line, the withheld
    cells (left empty in the table above) with their reason's code and the reason in words."""
    limits = data["publication"]
    return [
        [],
        list(SUPPRESSED_COLUMNS),
        *(
            [
                entry["cell"],
                entry["reason"],
                cell_text(entry["cell"]),
                reason_text(entry["reason"], limits),
            ]
            for entry in data["suppressed"]
        ),
    ]


def report_csv(data: dict[str, Any]) -> str:
    """One table: a row per area, the total, a row per sector and one for all family care;
    for a trend, those rows for every year with the change against the year before. In
    publication mode a withheld figure is empty and a second table, after an empty line,
    lists every withheld cell with its reason (a header only when nothing was withheld)."""
    reports = data.get("years", [data])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n", restval="")
    writer.writeheader()
    for report in reports:
        writer.writerows(_csv_rows(report))
    if "suppressed" in data:
        csv.writer(buffer, lineterminator="\n").writerows(_suppressed_section(data))
    return buffer.getvalue()

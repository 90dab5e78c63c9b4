"""Publication mode of the monitoring reports (seeds 001 and 004): the copy of a kraamzorg report or
trend that is safe to publish, with the list of the figures left out and why. Every output
(JSON, CSV, XLSX, PDF, the API, the dashboard) that publishes goes through `for_publication`.

The rules (docs/decisions/0011-monitoring-publication.md):
- Primary: a row (an area, the total, a sector, all family care) about 1 to N-1 families
  (`settings.MONITORING_MIN_FAMILIES`, 5) is withheld whole; 0 is published.
- An average or share is shown only over at least M families (`MONITORING_MIN_FOR_AVERAGE`,
  20) of the row it describes (the newborn share: the newborn families of the total).
- Secondary: in every sum with a published total (the areas and the total, public and private
  and the total, the newborn dossiers and the rest of family care) a withheld part is never
  the only one: the smallest other non-empty part is withheld with it.
- A trend's change against the year before is withheld when either year's figure is.
"""

from copy import deepcopy
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from perinatal.core.geography import area_by_code

ROW_FIGURES = ("dossiers", "families", "hours", "services")
AVERAGES = ("avg_hours_per_dossier", "avg_hours_per_family")
SHARE = "newborn_dossier_share_pct"


class Reason(models.TextChoices):
    """Why a figure is withheld; the labels take the limits (`%(min_families)s`, …)."""

    FEW_FAMILIES = "few_families", _("about fewer than %(min_families)s families")
    COMPLEMENTARY = (
        "complementary",
        _("withheld so that another withheld figure cannot be computed from the totals"),
    )
    SMALL_BASE = "small_base", _("average or share over fewer than %(min_for_average)s families")
    CHANGE_OF_WITHHELD = "change_of_withheld", _("change against a withheld figure")


# The figures of a report, as every rendering names them.
FIGURE_LABELS = {
    "dossiers": _("Dossiers"),
    "families": _("Families"),
    "hours": _("Hours"),
    "avg_hours_per_dossier": _("Average hours per dossier"),
    "avg_hours_per_family": _("Average hours per family"),
    "services": _("Services"),
    SHARE: _("Share of newborn dossiers (%)"),
    "hours_change_pct": _("Change in hours (%)"),
}
ROW_LABELS = {
    "total": _("Total"),
    "family_care": _("All family care"),
    "sectors.public": _("Public services"),
    "sectors.private": _("Private services"),
}


def limits() -> dict[str, int]:
    return {
        "min_families": getattr(settings, "MONITORING_MIN_FAMILIES", 5),
        "min_for_average": getattr(settings, "MONITORING_MIN_FOR_AVERAGE", 20),
    }


def _small(row: dict[str, Any], minimum: int) -> bool:
    return 0 < row["families"] < minimum


def _empty(row: dict[str, Any]) -> bool:
    return not (row["families"] or row["dossiers"] or row["hours"])


def _complete(parts: dict[str, dict], withheld: dict[str, str]) -> None:
    """A sum with a published total: a lone withheld part takes the smallest other non-empty
    part with it (an empty one only when there is none), else it is the total minus the rest."""
    if sum(path in withheld for path in parts) != 1:
        return
    others = [path for path in parts if path not in withheld]
    if others:  # min() keeps the first of equals: the fixed order decides a tie

        def rank(path: str) -> tuple:
            row = parts[path]
            return (_empty(row), row["families"], row["dossiers"], row["hours"])

        withheld[min(others, key=rank)] = Reason.COMPLEMENTARY


def _withheld_rows(report: dict[str, Any], minimum: int) -> dict[str, str]:
    """Row path → reason. The areas' pattern depends on the areas and total only, the sectors'
    on the sectors and total only, so a year's pattern is the same in a report and a trend."""
    total = report["total"]
    areas = {f"provinces.{row['nis']}": row for row in report["provinces"]}
    withheld: dict[str, str] = {
        path: Reason.FEW_FAMILIES for path, row in areas.items() if _small(row, minimum)
    }
    total_published = not _small(total, minimum)
    if not total_published:
        withheld["total"] = Reason.FEW_FAMILIES
    sums = [areas]
    if report.get("sectors"):
        sectors = {f"sectors.{name}": row for name, row in report["sectors"].items()}
        withheld |= {p: Reason.FEW_FAMILIES for p, row in sectors.items() if _small(row, minimum)}
        sums.append(sectors)
    if total_published:
        for parts in sums:
            _complete(parts, withheld)
    care = report.get("family_care")
    if care:
        if _small(care, minimum):
            withheld["family_care"] = Reason.FEW_FAMILIES
        elif total_published and 0 < care["families"] - total["families"] < minimum:
            withheld["family_care"] = Reason.COMPLEMENTARY  # the rest of family care is small
    return withheld


def _rows(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rows = [(f"provinces.{row['nis']}", row) for row in report["provinces"]]
    rows.append(("total", report["total"]))
    rows += [(f"sectors.{name}", row) for name, row in report.get("sectors", {}).items()]
    return rows


def _publish_report(report: dict, prefix: str, found: list, limit: dict) -> dict[str, Any]:
    withheld = _withheld_rows(report, limit["min_families"])
    out = deepcopy(report)

    def drop(row: dict, key: str, path: str, reason: str) -> None:
        if row.get(key) is not None:
            row[key] = None
            found.append({"cell": f"{prefix}{path}.{key}", "reason": str(reason)})

    for path, row in _rows(out):
        for key in (*ROW_FIGURES, *AVERAGES):
            if path in withheld:
                drop(row, key, path, withheld[path])
            elif key in AVERAGES and row["families"] < limit["min_for_average"]:
                drop(row, key, path, Reason.SMALL_BASE)
    care = out.get("family_care")
    if care:
        for key in ("dossiers", "families", SHARE):
            if "family_care" in withheld:
                drop(care, key, "family_care", withheld["family_care"])
        if "total" in withheld:
            drop(care, SHARE, "family_care", Reason.COMPLEMENTARY)
        elif report["total"]["families"] < limit["min_for_average"]:
            drop(care, SHARE, "family_care", Reason.SMALL_BASE)
    if out.get("change"):
        _publish_change(report, out["change"], withheld, f"{prefix}change.", found, limit)
    return out


def _year_before(report: dict[str, Any]) -> dict[str, Any]:
    """The areas and total of the year before, from this year's figures and their change."""

    def back(now: dict, change: dict) -> dict:
        return {"nis": now["nis"], **{k: now[k] - change[k] for k in ROW_FIGURES}}

    change = report["change"]
    return {
        "provinces": [
            back(n, c) for n, c in zip(report["provinces"], change["provinces"], strict=True)
        ],
        "total": back(report["total"], change["total"]),
    }


def _publish_change(report, change, withheld, prefix, found, limit) -> None:
    before = _year_before(report)
    withheld_before = _withheld_rows(before, limit["min_families"])
    now_rows, before_rows = dict(_rows(report)), dict(_rows(before))
    paths = [f"provinces.{row['nis']}" for row in change["provinces"]]
    for path, row in zip([*paths, "total"], [*change["provinces"], change["total"]], strict=True):
        small_base = min(now_rows[path]["families"], before_rows[path]["families"])
        for key in (*ROW_FIGURES, *AVERAGES, "hours_change_pct"):
            if row.get(key) is None:
                continue
            if path in withheld or path in withheld_before:
                reason = Reason.CHANGE_OF_WITHHELD
            elif key in AVERAGES and small_base < limit["min_for_average"]:
                reason = Reason.SMALL_BASE
            else:
                continue
            row[key] = None
            found.append({"cell": f"{prefix}{path}.{key}", "reason": str(reason)})


def for_publication(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of a report (`kraamzorg_report`) or trend (`kraamzorg_trend`) with every
    withheld figure set to None, plus `publication` (the limits applied) and `suppressed`
    ([{"cell": "provinces.70000.hours", "reason": "complementary"}, …]; in a trend the cells
    start with "years.<year>."). Figures that were None already (an average without dossiers)
    stay None and are not listed. Data already in publication mode is refused."""
    if any("suppressed" in report for report in (data, *data.get("years", ()))):
        raise ValueError("the data is already in publication mode")
    limit = limits()
    found: list[dict[str, str]] = []
    if "years" in data:
        out = {
            **deepcopy(data),
            "years": [
                _publish_report(report, f"years.{report['year']}.", found, limit)
                for report in data["years"]
            ],
        }
    else:
        out = _publish_report(data, "", found, limit)
    return {**out, "publication": limit, "suppressed": found}


def reason_text(code: str, publication: dict[str, int]) -> str:
    """`reason_text("few_families", published["publication"])` → "about fewer than 5 families"."""
    return str(Reason(code).label) % publication


def cell_text(cell: str) -> str:
    """A withheld cell in words, in the active language: "years.2016.provinces.70000.hours"
    → "2016 · Limburg · Hours"; a change is named as such."""
    parts = cell.split(".")
    words = []
    if parts[0] == "years":
        words.append(parts[1])
        parts = parts[2:]
    change = parts[0] == "change"
    parts = parts[1:] if change else parts
    *row, key = parts
    if row[0] == "provinces":
        area = area_by_code(row[1])
        words.append(area.name if area else row[1])
    else:
        words.append(str(ROW_LABELS[".".join(row)]))
    label = str(FIGURE_LABELS[key])
    words.append(
        _("%(figure)s, change against the year before") % {"figure": label} if change else label
    )
    return " · ".join(words)

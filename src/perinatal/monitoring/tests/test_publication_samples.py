"""Reports and trends for the tests of publication mode, charts and renderings, built by the
data layer's own `report_from_figures` (so they have exactly its shape) from figures given
here, or from the figures published in the Flemish Parliament (seeds 001 and 004)."""

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import yaml

from ..constants import REPORT_AREA_CODES, SnapshotScope
from ..reports.kraamzorg import _change, report_from_figures
from ..selectors import Figures, YearFigures

PUBLISHED = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "published_kraamzorg.yaml").read_text(encoding="utf-8")
)
CHANGED_AT = datetime(2017, 4, 24, 8, 30, tzinfo=UTC)


def figures(dossiers: int, families: int, hours: str | Decimal, services: int = 1) -> Figures:
    return Figures(dossiers, families, Decimal(hours), services)


def sample_report(
    year: int = 2016,
    areas: dict[str, Figures] | None = None,
    *,
    public: Figures | None = None,
    private: Figures | None = None,
    family_care: Figures | None = None,
    status: str = "provisional",
    as_of=None,
) -> dict:
    """A report of `areas` (NIS code → figures; missing areas are empty). The total is their
    sum (services: the largest area's count), the private sector the total minus `public`,
    and all family care ten times the total unless given."""
    areas = areas or {}
    parts = [areas.get(nis, figures(0, 0, "0", 0)) for nis in REPORT_AREA_CODES]
    total = Figures(
        sum(p.dossiers for p in parts),
        sum(p.families for p in parts),
        sum((p.hours for p in parts), Decimal(0)),
        max(p.services for p in parts),
    )
    public = public or Figures(0, 0, Decimal(0), 0)
    if private is None:
        private = Figures(
            total.dossiers - public.dossiers,
            total.families - public.families,
            total.hours - public.hours,
            0,
        )
    care = family_care or Figures(total.dossiers * 10, total.families * 10, Decimal(0), 0)
    rows = {
        (SnapshotScope.AREA, nis): part for nis, part in zip(REPORT_AREA_CODES, parts, strict=True)
    }
    rows[(SnapshotScope.TOTAL, "")] = total
    rows[(SnapshotScope.SECTOR, "public")] = public
    rows[(SnapshotScope.SECTOR, "private")] = private
    rows[(SnapshotScope.FAMILY_CARE, "")] = care
    found = YearFigures(year, status, CHANGED_AT, CHANGED_AT, rows)
    return report_from_figures(found, as_of)


def seed_report(year: int) -> dict:
    """The year as published: hours and average hours per family per area (seed 004, families
    = hours / average), and for 2016 the dossiers, services and sectors (seeds 001 and 004)."""
    seed_004, seed_001 = PUBLISHED["seed_004"], PUBLISHED["seed_001"]
    areas = {}
    for nis in REPORT_AREA_CODES:
        hours = Decimal(seed_004["hours"][year][nis])
        families = round(hours / Decimal(seed_004["avg_hours_per_family"][year][nis]))
        dossiers = seed_001["dossiers"][nis] if year == 2016 else families
        services = seed_001["services"][nis] if year == 2016 else 10
        areas[nis] = figures(dossiers, families, hours, services)
    public = figures(23, 23, "700.00", 3) if year == 2016 else None
    care = figures(113000, 112970, "0", 0) if year == 2016 else None
    status = "provisional" if year == 2016 else "final"
    return sample_report(year, areas, public=public, family_care=care, status=status)


def sample_trend(reports: list[dict], before: dict | None = None) -> dict:
    """A trend of `reports` (consecutive years) with the data layer's change against the year
    before; the first year's change is against `before` (None: no change)."""
    years = []
    for report in reports:
        years.append({**report, "change": _change(report, before)})
        before = report
    return {"from": reports[0]["year"], "to": reports[-1]["year"], "as_of": None, "years": years}


def seed_trend(first: int = 2012, last: int = 2016) -> dict:
    return sample_trend([seed_report(year) for year in range(first, last + 1)])


def test_samples_have_the_report_shape_and_the_published_2016_figures():
    report = seed_report(2016)
    assert list(report) == [
        "year",
        "status",
        "as_of",
        "data_changed_at",
        "provinces",
        "total",
        "family_care",
        "sectors",
    ]
    assert report["total"]["dossiers"] == 13574
    assert report["total"]["hours"] == Decimal("409417.33")
    assert report["family_care"]["newborn_dossier_share_pct"] == Decimal("12.01")
    assert report["provinces"][0]["avg_hours_per_dossier"] == Decimal("28.38")
    assert report["sectors"]["public"]["families"] == 23


def test_a_sample_trend_has_each_year_with_its_change():
    trend = seed_trend(2015, 2016)
    assert [year["year"] for year in trend["years"]] == [2015, 2016]
    assert trend["years"][0]["change"] is None
    # 409417.33 - 374723.26: the areas of 2015 add up to 374723.26 (seed 004 prints .25)
    assert trend["years"][1]["change"]["total"]["hours"] == Decimal("34694.07")

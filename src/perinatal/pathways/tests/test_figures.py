"""The first-1000-days programme's figures on the dashboard (pathways/figures.py):
screenings per region or month with the scenario A/B shares, and the entitlements used
(programme services by kind, and the families who used one), counted in the database."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from perinatal.monitoring.figures import BY_MONTH, BY_REGION, module_table
from perinatal.pathways.constants import ProgrammeServiceKind as Kind
from perinatal.pathways.models import IndicatorCatalogue, ProgrammeService, Screening
from perinatal.pathways.rules import Scenario
from perinatal.pathways.tests.factories import register

pytestmark = pytest.mark.django_db

ANTWERP, LIMBURG, BRUSSELS = "2000", "3500", "1080"


@pytest.fixture
def catalogue(db):
    return IndicatorCatalogue.objects.create(
        version="test", valid_from=date(2020, 1, 1), sources="test"
    )


def family(by, postcode: str):
    return register(
        by,
        registered_on=date(2025, 1, 2),
        due_date=date(2025, 6, 1),
        postcode=postcode,
        municipality="Gemeente",
    )


def screen(pregnancy, catalogue, on: date, scenario: str, reason: str = "") -> Screening:
    criteria = {Scenario.NONE: 0, Scenario.A: 1, Scenario.B: 2}[scenario]
    return Screening.objects.create(
        pregnancy=pregnancy,
        catalogue=catalogue,
        date=on,
        positive_inclusion_criteria=criteria,
        scenario=scenario,
        new_assessment_reason=reason,
        organisation=pregnancy.lead_organisation,
    )


def service(pregnancy, kind: str, on: date) -> ProgrammeService:
    extra = {}
    if kind == Kind.COORDINATION:
        extra["period_end"] = on + timedelta(days=365)
    if kind == Kind.MDO:
        extra["participants"] = 3
    return ProgrammeService.objects.create(
        pregnancy=pregnancy, kind=kind, date=on, organisation=pregnancy.lead_organisation, **extra
    )


def table(key: str, by: str = BY_REGION, year: int = 2025):
    with translation.override("en"):
        return module_table(key, year=year, by=by, on=date(2026, 1, 31))


def rows(found) -> dict[str, dict]:
    return {row["key"]: row for row in found.all_rows}


def test_screenings_per_region_with_the_scenario_shares(midwife, catalogue):
    brussels = [family(midwife, BRUSSELS) for _ in range(4)]
    screen(brussels[0], catalogue, date(2025, 2, 1), Scenario.A)
    screen(brussels[0], catalogue, date(2025, 3, 1), Scenario.B, reason="new facts")
    screen(brussels[1], catalogue, date(2025, 2, 3), Scenario.B)
    screen(brussels[2], catalogue, date(2025, 2, 4), Scenario.NONE)
    screen(brussels[3], catalogue, date(2024, 12, 30), Scenario.B)  # another year
    screen(family(midwife, ANTWERP), catalogue, date(2025, 5, 6), Scenario.A)

    found = rows(table("screenings"))
    figures = ("screenings", "scenario_a", "scenario_b", "scenario_none", "new_assessments")
    assert [found["04000"][k] for k in figures] == [4, 1, 2, 1, 1]
    assert (found["04000"]["scenario_a_pct"], found["04000"]["scenario_b_pct"]) == (
        Decimal("25.0"),
        Decimal("50.0"),
    )
    assert [found["10000"][k] for k in figures] == [1, 1, 0, 0, 0]
    assert found["70000"]["scenario_a_pct"] is None  # no screening: no share
    assert [found["total"][k] for k in figures] == [5, 2, 2, 1, 1]
    assert found["total"]["scenario_b_pct"] == Decimal("40.0")

    by_month = rows(table("screenings", BY_MONTH))
    assert [by_month[f"2025-{m:02d}"]["screenings"] for m in (1, 2, 3, 5)] == [0, 3, 1, 1]
    assert rows(table("screenings", BY_MONTH, year=2024))["total"]["screenings"] == 1


def test_entitlements_used_by_kind_and_the_families_who_used_them(midwife):
    one, two = family(midwife, BRUSSELS), family(midwife, BRUSSELS)
    limburg = family(midwife, LIMBURG)
    service(one, Kind.PPA, date(2025, 2, 1))
    service(one, Kind.PPA, date(2025, 3, 1))
    service(one, Kind.COORDINATION, date(2025, 3, 5))
    service(two, Kind.MDO, date(2025, 3, 9))
    service(limburg, Kind.PHYSIOTHERAPY, date(2025, 7, 1))
    service(limburg, Kind.KG_CONSULTATION, date(2026, 1, 3))  # another year

    found = rows(table("entitlements"))
    assert found["04000"]["services"] == 4
    assert (found["04000"]["kind_ppa"], found["04000"]["kind_coordination"]) == (2, 1)
    assert (found["04000"]["kind_mdo"], found["04000"]["families"]) == (1, 2)
    assert (found["70000"]["kind_physiotherapy"], found["70000"]["families"]) == (1, 1)
    assert (found["total"]["services"], found["total"]["families"]) == (5, 3)
    for row in found.values():
        kinds = sum(value for key, value in row.items() if key.startswith("kind_"))
        assert kinds == row["services"]

    by_month = rows(table("entitlements", BY_MONTH))
    assert by_month["2025-03"]["services"] == 3
    assert by_month["2025-03"]["families"] == 2  # one family in two months counts once a month
    assert by_month["total"]["families"] == 3  # and once in the year


@pytest.mark.parametrize("key", ["screenings", "entitlements"])
@pytest.mark.parametrize("by", [BY_REGION, BY_MONTH])
def test_counted_in_the_database_in_two_grouped_statements(midwife, catalogue, key, by):
    def statements() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            table(key, by)
        return [query["sql"].upper() for query in captured]

    def add(count: int) -> None:
        for n in range(count):
            pregnancy = family(midwife, BRUSSELS)
            screen(pregnancy, catalogue, date(2025, 2, 1 + n), Scenario.B)
            service(pregnancy, Kind.PPA, date(2025, 2, 1 + n))

    add(1)
    few = statements()
    add(10)
    many = statements()
    assert len(many) == len(few) == 2
    assert "GROUP BY" in many[0] and "COUNT(" in many[0]
    assert "COUNT(" in many[1] and "GROUP BY" not in many[1]

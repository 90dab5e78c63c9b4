"""The kraamzorg module's figures on the dashboard (kraamzorg/figures.py):
requests by region or month and by who asked, asked in pregnancy, the mean waiting time, the
refusals for capacity, and the uptake among scenario-B families; counted in the database."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from perinatal.kraamzorg.constants import RequestSource, RequestStatus
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.kraamzorg.tests.care_support import make_request
from perinatal.kraamzorg.tests.intake_support import offer_for
from perinatal.monitoring.figures import (
    BY_MONTH,
    BY_REGION,
    figure_tables,
    module_table,
    years_with_records,
)
from perinatal.pathways.models import IndicatorCatalogue, Screening
from perinatal.pathways.rules import Scenario
from perinatal.pathways.tests.factories import register

pytestmark = pytest.mark.django_db
ON = date(2026, 1, 15)


def at(text: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text))


def asked(offer, submitted: str, answered_after_days: float | None = None, **fields):
    made = make_request(offer, submitted_at=at(submitted), **fields)
    if answered_after_days is not None:
        KraamzorgRequest.objects.filter(pk=made.pk).update(
            decided_at=made.submitted_at + timedelta(days=answered_after_days)
        )
    else:
        KraamzorgRequest.objects.filter(pk=made.pk).update(decided_at=None)
    return made


@pytest.fixture
def offer(kraamzorg_user):
    return offer_for(kraamzorg_user)


def row(table, key):
    return next(r for r in table.all_rows if r["key"] == key)


def test_requests_by_region_count_sources_pregnancy_waiting_and_capacity(offer):
    # Brussels: two asked by the parents in pregnancy, one referred by a midwife after birth
    asked(offer, "2025-02-01 10:00", 2, due_date=date(2025, 5, 1))
    asked(offer, "2025-03-01 10:00", 1, birth_date=date(2025, 4, 1), status=RequestStatus.WAITING)
    asked(
        offer,
        "2025-03-10 10:00",
        4,
        birth_date=date(2025, 3, 10),  # asked on the day of birth: not in pregnancy
        source=RequestSource.INDEPENDENT_MIDWIFE,
        referral_reason="isolated",
        vulnerability="referrer",
        vulnerability_reason="alone",
    )
    # Antwerp: refused for capacity, and one not answered yet
    asked(
        offer,
        "2025-06-01 10:00",
        0.5,
        area_nis="10000",
        status=RequestStatus.REFUSED,
        refusal_reason="no_capacity",
    )
    asked(offer, "2025-12-31 23:30", None, area_nis="10000", status=RequestStatus.SUBMITTED)
    asked(offer, "2024-12-31 22:00", 1)  # another year
    with CaptureQueriesContext(connection) as queries:
        table = module_table("kraamzorg_requests", year=2025, by=BY_REGION, on=ON)
    assert len(queries) == 2
    brussels, antwerp, total = row(table, "04000"), row(table, "10000"), table.total
    assert (
        brussels["requests"],
        brussels["source_parent"],
        brussels["source_independent_midwife"],
    ) == (3, 2, 1)
    assert (brussels["in_pregnancy"], brussels["in_pregnancy_pct"]) == (2, Decimal("66.7"))
    assert brussels["vulnerable"] == 1
    assert (brussels["answered"], brussels["wait_mean_days"]) == (3, Decimal("2.3"))
    assert (antwerp["requests"], antwerp["answered"], antwerp["wait_mean_days"]) == (
        2,
        1,
        Decimal("0.5"),
    )
    assert antwerp["refused_no_capacity"] == 1
    assert (total["requests"], total["answered"], total["wait_mean_days"]) == (5, 4, Decimal("1.9"))
    assert row(table, "20001")["wait_mean_days"] is None  # Flemish Brabant: nothing answered


def test_requests_by_month_use_the_day_of_submission_in_brussels_time(offer):
    asked(offer, "2025-01-31 23:30", 1)  # Brussels time: still January
    asked(offer, "2025-02-01 00:30", 1)
    table = module_table("kraamzorg_requests", year=2025, by=BY_MONTH, on=ON)
    assert [r["requests"] for r in table.rows[:3]] == [1, 1, 0]
    assert table.total["requests"] == 2
    assert 2025 in years_with_records()


def test_publication_withholds_small_counts_and_a_mean_over_fewer_than_20(offer):
    for day in range(1, 4):
        asked(offer, f"2025-02-0{day} 10:00", 1)
    table = module_table("kraamzorg_requests", year=2025, by=BY_REGION, on=ON, publication=True)
    assert table.total["requests"] is None and table.total["wait_mean_days"] is None
    assert {"cell": "total.wait_mean_days", "reason": "share_of_withheld"} in table.suppressed


@pytest.fixture
def catalogue(db):
    return IndicatorCatalogue.objects.create(version="t", valid_from=date(2020, 1, 1), sources="t")


def test_uptake_among_scenario_b_families(offer, kg_nurse, catalogue):
    def family(postcode: str, scenario: str, on: date):
        pregnancy = register(
            kg_nurse,
            registered_on=date(2025, 1, 2),
            due_date=date(2025, 6, 1),
            postcode=postcode,
            municipality="Gemeente",
        )
        Screening.objects.create(
            pregnancy=pregnancy,
            catalogue=catalogue,
            date=on,
            positive_inclusion_criteria=2 if scenario == Scenario.B else 1,
            scenario=scenario,
            organisation=pregnancy.lead_organisation,
        )
        return pregnancy

    in_care = family("1080", Scenario.B, date(2025, 2, 1))
    Screening.objects.create(  # screened again: still one family
        pregnancy=in_care,
        catalogue=catalogue,
        date=date(2025, 3, 1),
        positive_inclusion_criteria=2,
        scenario=Scenario.B,
        new_assessment_reason="new situation",
        organisation=in_care.lead_organisation,
    )
    for status in (RequestStatus.ACCEPTED, RequestStatus.CLOSED):  # two dossiers, one family
        make_request(offer, pregnancy=in_care, status=status, area_nis=in_care.area_nis)
    refused = family("1080", Scenario.B, date(2025, 2, 1))
    make_request(offer, pregnancy=refused, status=RequestStatus.REFUSED, area_nis="04000")
    family("1080", Scenario.B, date(2025, 4, 1))  # no request
    closed_a = family("1080", Scenario.A, date(2025, 2, 1))  # scenario A: not counted
    make_request(offer, pregnancy=closed_a, status=RequestStatus.CLOSED, area_nis="04000")
    table = module_table("kraamzorg_uptake", year=2025, by=BY_REGION, on=ON)
    brussels = row(table, "04000")
    assert (brussels["families"], brussels["in_care"], brussels["uptake_pct"]) == (
        3,
        1,
        Decimal("33.3"),
    )
    assert table.total["families"] == 3
    by_month = module_table("kraamzorg_uptake", year=2025, by=BY_MONTH, on=ON)
    assert [r["families"] for r in by_month.rows[:4]] == [0, 2, 1, 1]


def test_the_kraamzorg_tables_are_on_the_dashboard_list():
    assert (
        figure_tables()["kraamzorg_requests"][0]
        == figure_tables()["kraamzorg_uptake"][0]
        == "kraamzorg"
    )

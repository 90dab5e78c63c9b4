"""Distinct counting (seed 001, question 4; seed 004, question 2): a family helped by two
services, or in two provinces, is one family in the total; a service active in several
provinces counts in each of them and once in the total."""

from decimal import Decimal

import pytest

from ..reports.kraamzorg import kraamzorg_report
from .builders import at, import_rows, row

pytestmark = pytest.mark.django_db


def _service(service_id, sector="private"):
    return {
        "service_id": service_id,
        "service_name": f"Dienst {service_id}",
        "service_sector": sector,
    }


@pytest.fixture
def report():
    rows = [
        # family F1 is helped by two services in Antwerpen
        row(**_service("S1"), family_id="F1", province="Antwerpen", hours="10"),
        row(**_service("S2"), family_id="F1", province="Antwerpen", hours="6"),
        # family F2 moved: a dossier in Limburg (S1) and one in Oost-Vlaanderen (S3, public)
        row(**_service("S1"), family_id="F2", province="Limburg", hours="8"),
        row(**_service("S3", "public"), family_id="F2", province="Oost-Vlaanderen", hours="2"),
        # family F3 has two dossiers with the same service
        row(**_service("S1"), family_id="F3", province="Antwerpen", hours="1"),
        row(**_service("S1"), family_id="F3", province="Antwerpen", hours="1"),
        # not newborn: counts only in all family care
        row(**_service("S4"), family_id="F1", province="Antwerpen", newborn="0", hours="50"),
        row(**_service("S4"), family_id="F9", province="Limburg", newborn="0", hours="40"),
    ]
    import_rows(rows, now=at("2017-03-01 10:00"))
    return kraamzorg_report(2016)


def _area(report, nis):
    return next(area for area in report["provinces"] if area["nis"] == nis)


@pytest.mark.parametrize(
    ("nis", "dossiers", "families", "hours", "services"),
    [
        ("10000", 4, 2, "18.00", 2),  # Antwerpen: F1 (S1, S2), F3 (S1 twice)
        ("70000", 1, 1, "8.00", 1),  # Limburg: F2 (S1)
        ("40000", 1, 1, "2.00", 1),  # Oost-Vlaanderen: F2 (S3)
        ("20001", 0, 0, "0.00", 0),
        ("30000", 0, 0, "0.00", 0),
        ("04000", 0, 0, "0.00", 0),
    ],
)
def test_per_area_families_and_services_are_counted_once_each(
    report, nis, dossiers, families, hours, services
):
    area = _area(report, nis)
    assert (area["dossiers"], area["families"], area["hours"], area["services"]) == (
        dossiers,
        families,
        Decimal(hours),
        services,
    )


def test_the_total_counts_each_family_and_each_service_once(report):
    total = report["total"]
    # F1, F2, F3 (F2 counted in two areas); S1 (two areas), S2, S3
    assert (total["dossiers"], total["families"], total["services"]) == (6, 3, 3)
    assert sum(area["families"] for area in report["provinces"]) == 4
    assert sum(area["services"] for area in report["provinces"]) == 4
    assert total["avg_hours_per_family"] == Decimal("9.33")  # 28 / 3
    assert total["avg_hours_per_dossier"] == Decimal("4.67")  # 28 / 6


def test_all_family_care_counts_every_dossier_and_family(report):
    # 8 dossiers; families F1, F2, F3, F9
    assert report["family_care"] == {
        "dossiers": 8,
        "families": 4,
        "newborn_dossier_share_pct": Decimal("75.00"),
    }


def test_sectors_count_their_own_families(report):
    assert report["sectors"] == {
        "public": {"dossiers": 1, "families": 1, "hours": Decimal("2.00")},
        "private": {"dossiers": 5, "families": 3, "hours": Decimal("26.00")},
    }


def test_families_are_counted_across_submissions_of_one_import_and_of_several():
    import_rows([row(**_service("S1"), family_id="F1")], now=at("2017-03-01 10:00"))
    import_rows([row(**_service("S2"), family_id="F1")], now=at("2017-03-02 10:00"))
    total = kraamzorg_report(2016)["total"]
    assert (total["dossiers"], total["families"], total["services"]) == (2, 1, 2)

"""The report's JSON shape is exactly the issue's; amounts and averages are rounded half up
to 2 decimals and written as JSON numbers; the trend gives the change against the year
before; CSV has a row per area, the total, the sectors and all family care."""

import csv
import io
import json
from decimal import Decimal

import pytest

from django.utils import translation

from ..reports.kraamzorg import kraamzorg_report, kraamzorg_trend, report_csv, report_json, round2
from .builders import at, import_rows, row

pytestmark = pytest.mark.django_db

ROW_KEYS = [
    "province",
    "nis",
    "dossiers",
    "families",
    "hours",
    "avg_hours_per_dossier",
    "avg_hours_per_family",
    "services",
]


@pytest.fixture
def report():
    import_rows(
        [
            row(province="Antwerpen", hours="10.005"),
            row(province="Antwerpen", hours="0"),
            row(province="Antwerpen", hours="0"),
            row(province="Brussel", hours="1"),
            row(province="Limburg", newborn="0", hours="3"),
        ],
        now=at("2017-03-01 10:00"),
    )
    with translation.override("nl"):
        return kraamzorg_report(2016)


def test_the_report_has_exactly_the_issues_keys(report):
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
    assert all(list(area) == ROW_KEYS for area in report["provinces"])
    assert list(report["total"]) == ROW_KEYS
    assert list(report["family_care"]) == ["dossiers", "families", "newborn_dossier_share_pct"]
    assert list(report["sectors"]) == ["public", "private"]
    assert all(list(s) == ["dossiers", "families", "hours"] for s in report["sectors"].values())
    assert (report["year"], report["status"], report["as_of"]) == (2016, "provisional", None)


def test_the_areas_come_in_the_fixed_order(report):
    assert [(a["province"], a["nis"]) for a in report["provinces"]] == [
        ("Antwerpen", "10000"),
        ("Limburg", "70000"),
        ("Oost-Vlaanderen", "40000"),
        ("Vlaams-Brabant", "20001"),
        ("West-Vlaanderen", "30000"),
        ("Brussels Hoofdstedelijk Gewest", "04000"),
    ]


def test_amounts_and_averages_are_rounded_half_up(report):
    antwerpen = report["provinces"][0]
    assert antwerpen["hours"] == Decimal("10.01")  # 10.005
    assert antwerpen["avg_hours_per_dossier"] == Decimal("3.34")  # 10.005 / 3 = 3.335
    assert report["family_care"]["newborn_dossier_share_pct"] == Decimal("80.00")


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        ("0.005", "0.01"),
        ("0.004999", "0.00"),
        ("2.675", "2.68"),
        ("30.165", "30.17"),
        ("1.5", "1.50"),
    ],
)
def test_round2_rounds_half_up(value, rounded):
    assert round2(Decimal(value)) == Decimal(rounded)


def test_an_area_without_dossiers_has_no_average(report):
    limburg = report["provinces"][1]
    assert (
        limburg["dossiers"],
        limburg["avg_hours_per_dossier"],
        limburg["avg_hours_per_family"],
    ) == (
        0,
        None,
        None,
    )


def test_the_json_has_numbers_not_strings(report):
    data = json.loads(report_json(report))
    assert data["provinces"][0]["hours"] == 10.01
    assert data["provinces"][0]["avg_hours_per_dossier"] == 3.34
    assert data["total"]["hours"] == 11.01
    assert data["family_care"]["newborn_dossier_share_pct"] == 80.0
    assert '"hours": 10.01' in report_json(report)


def test_the_trend_gives_each_year_with_its_change():
    import_rows([row(work_year=2014, hours="10")], now=at("2015-03-01 10:00"))
    import_rows(
        [row(work_year=2015, hours="10"), row(work_year=2015, hours="5")],
        now=at("2016-03-01 10:00"),
    )
    import_rows([row(work_year=2016, hours="12")], now=at("2017-03-01 10:00"))
    trend = kraamzorg_trend(2015, 2016)
    assert [y["year"] for y in trend["years"]] == [2015, 2016]
    first, second = trend["years"]
    assert first["change"]["total"]["hours"] == Decimal("5.00")
    assert first["change"]["total"]["hours_change_pct"] == Decimal("50.00")
    assert second["change"]["total"]["dossiers"] == -1
    assert second["change"]["total"]["hours_change_pct"] == Decimal("-20.00")
    assert second["change"]["provinces"][0]["avg_hours_per_dossier"] == Decimal("4.50")
    assert kraamzorg_trend(2014, 2014)["years"][0]["change"] is None


def test_the_csv_has_a_row_per_area_total_sector_and_family_care(report):
    rows = list(csv.DictReader(io.StringIO(report_csv(report))))
    assert [(r["row"], r["nis"]) for r in rows] == [
        ("province", "10000"),
        ("province", "70000"),
        ("province", "40000"),
        ("province", "20001"),
        ("province", "30000"),
        ("province", "04000"),
        ("total", ""),
        ("sector", ""),
        ("sector", ""),
        ("family_care", ""),
    ]
    assert [r["province"] for r in rows[7:9]] == ["public", "private"]
    assert rows[0]["hours"] == "10.01"
    assert rows[-1]["newborn_dossier_share_pct"] == "80.00"

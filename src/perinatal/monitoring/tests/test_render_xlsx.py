"""The XLSX of a report or trend: a sheet per year with status and as-of, the areas
in the fixed order and the total, all family care and the sectors, figures as numbers, and in
publication mode the withheld figures empty and grey and listed with their reason."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from django.utils import translation

from ..reports.publication import for_publication
from ..reports.xlsx import report_xlsx
from .test_publication_samples import figures, sample_report, sample_trend, seed_report


def workbook(data: dict, language: str = "en"):
    with translation.override(language):
        return load_workbook(io.BytesIO(report_xlsx(data)))


def rows_by_label(sheet) -> dict:
    return {row[0].value: row for row in sheet.iter_rows() if row[0].value is not None}


@pytest.fixture
def sheet():
    with translation.override("en"):
        report = seed_report(2016)
    return workbook(report)["2016"]


def test_the_sheet_has_status_as_of_and_when_the_data_last_changed(sheet):
    rows = rows_by_label(sheet)
    assert rows["Kraamzorg in 2016"][0].font.bold
    assert rows["Status"][1].value == "provisional"
    assert rows["Figures as of"][1].value == "the latest submissions"
    assert rows["Data last changed"][1].value == datetime(2017, 4, 24, 10, 30)  # Brussels time


def test_the_areas_come_in_the_fixed_order_with_the_total_as_numbers(sheet):
    rows = rows_by_label(sheet)
    header = [cell.value for cell in rows["Area"]]
    assert header == [
        "Area",
        "NIS code",
        "Dossiers",
        "Families",
        "Hours",
        "Average hours per dossier",
        "Average hours per family",
        "Services",
    ]
    start = rows["Area"][0].row + 1
    areas = [[c.value for c in row] for row in sheet.iter_rows(min_row=start, max_row=start + 6)]
    assert [row[:2] for row in areas] == [
        ["Antwerp", "10000"],
        ["Limburg", "70000"],
        ["East Flanders", "40000"],
        ["Flemish Brabant", "20001"],
        ["West Flanders", "30000"],
        ["Brussels-Capital Region", "04000"],
        ["Total", None],
    ]
    assert areas[0][2:] == [2709, 2709, pytest.approx(76887.48), 28.38, 28.38, 14]
    assert areas[6][2] == 13574 and areas[6][4] == pytest.approx(409417.33)
    cells = next(sheet.iter_rows(min_row=start, max_row=start))
    assert all(cell.data_type == "n" for cell in cells[2:])
    assert cells[4].number_format == "#,##0.00" and cells[2].number_format == "#,##0"


def test_family_care_and_the_sectors_are_on_the_sheet(sheet):
    rows = rows_by_label(sheet)
    assert [c.value for c in rows["All family care"][:4]] == [
        "All family care",
        113000,
        112970,
        pytest.approx(12.01),
    ]
    assert [c.value for c in rows["Public services"][:3]] == ["Public services", 23, 23]
    assert [c.value for c in rows["Private services"][:3]] == ["Private services", 13551, 13548]
    assert "Publication mode: withheld figures (grey, empty)" not in rows


def test_a_trend_has_a_sheet_per_year_with_the_change():
    with translation.override("en"):
        trend = sample_trend([seed_report(2015), seed_report(2016)])
    book = workbook(trend)
    assert book.sheetnames == ["2015", "2016"]
    rows = rows_by_label(book["2016"])
    assert [c.value for c in rows["Area"]][-1] == "Change in hours (%)"
    assert rows["Total"][-1].value == pytest.approx(9.26)  # 409417.33 against 374723.26
    assert rows["Antwerp"][8].value == 2709 - 2154  # dossiers = families in 2015
    assert len(rows_by_label(book["2015"])["Area"]) == 8  # no year before in the trend


def test_publication_mode_greys_and_lists_the_withheld_figures():
    big = {nis: figures(100, 50, Decimal(3000)) for nis in ("10000", "40000", "20001", "30000")}
    report = sample_report(
        2016, {**big, "70000": figures(4, 3, "90"), "04000": figures(60, 30, "9")}
    )
    sheet = workbook(for_publication(report))["2016"]
    rows = rows_by_label(sheet)
    limburg = rows["Limburg"]
    assert [c.value for c in limburg[2:]] == [None] * 6
    assert limburg[2].fill.fgColor.rgb == "00D9D9D9"
    assert rows["Antwerp"][2].fill.fill_type is None
    assert rows["Limburg · Hours"][1].value == "about fewer than 5 families"
    assert rows["Brussels-Capital Region · Dossiers"][1].value == (
        "withheld so that another withheld figure cannot be computed from the totals"
    )
    assert rows["Brussels-Capital Region · Dossiers"][2].value == "provinces.04000.dossiers"


def test_publication_mode_says_when_nothing_was_withheld():
    sheet = workbook(for_publication(seed_report(2016)))["2016"]
    assert "Nothing was withheld." in rows_by_label(sheet)


def test_the_as_of_date_is_a_date_and_the_headings_follow_the_language():
    report = sample_report(2016, {"10000": figures(100, 50, "3000")}, as_of=date(2017, 4, 24))
    sheet = workbook(report, "nl")["2016"]
    assert sheet.cell(3, 2).value == datetime(2017, 4, 24)
    assert sheet.cell(3, 2).number_format == "yyyy-mm-dd"
    antwerpen = next(row for row in sheet.iter_rows() if row[1].value == "10000")
    assert antwerpen[0].value == "Antwerpen"
    header = [cell.value for cell in next(sheet.iter_rows(min_row=antwerpen[0].row - 1))]
    assert header[3:5] == ["Gezinnen", "Uren"]

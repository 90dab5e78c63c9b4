"""The dashboard's downloads give the figures of the page: the same year, as-of date and
publication mode, in the page's language; the PDF has the page's three charts; each module's
table as CSV, withheld the same way as on the page."""

import csv
import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse
from django.utils import translation

from ..reports.kraamzorg import kraamzorg_report
from ..reports.outputs import chart_history, render
from ..reports.publication import for_publication
from .builders import at, import_rows, row
from .dashboard_support import LIMBURG, seed_two_years

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(client_for, analyst):
    seed_two_years()
    return client_for(analyst)


def download(client, fmt: str, lang: str = "en", **query):
    with translation.override(lang):
        url = reverse("monitoring:dashboard_report", args=[fmt])
    response = client.get(url, query)
    assert response.status_code == 200
    return response


def test_csv_is_the_reports_csv_with_the_withheld_section(analyst_client):
    response = download(analyst_client, "csv", year="2016", publication="1")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="kraamzorg-2016-publication.csv"'
    )
    table, _empty, withheld = response.content.decode().partition("\n\n")
    rows = {r["nis"]: r for r in csv.DictReader(io.StringIO(table)) if r["row"] == "province"}
    assert rows[LIMBURG]["families"] == ""
    cells = [entry["suppressed_cell"] for entry in csv.DictReader(io.StringIO(withheld))]
    assert f"provinces.{LIMBURG}.families" in cells


def test_csv_as_of_a_day_has_that_days_figures(analyst_client):
    import_rows([row(work_year=2016, family_id="LATE-1")], now=at("2017-04-28 10:00"))
    response = download(analyst_client, "csv", year="2016", as_of="2017-04-24")
    assert "kraamzorg-2016-as-of-2017-04-24.csv" in response["Content-Disposition"]
    total = next(
        r for r in csv.DictReader(io.StringIO(response.content.decode())) if r["row"] == "total"
    )
    assert (total["as_of"], total["families"]) == ("2017-04-24", "58")


def test_xlsx_in_the_pages_language(analyst_client):
    response = download(analyst_client, "xlsx", "fr", year="2016")
    workbook = load_workbook(io.BytesIO(response.content))
    values = [v for r in workbook["2016"].iter_rows(values_only=True) for v in r if v]
    assert "Flandre orientale" in values
    assert 30 in values  # Antwerpen's families, a number


def test_pdf_is_the_report_of_the_page_with_the_pages_charts(analyst_client, settings):
    settings.REPORTS_BACKGROUND_CHARTS = 3  # in the request (by default a worker draws them)
    response = download(analyst_client, "pdf", year="2016", publication="1")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    with translation.override("en"):
        expected = render(
            for_publication(kraamzorg_report(2016)),
            "pdf",
            charts=chart_history(publication=True),
        )
    assert response.content == expected  # reportlab's invariant mode: the same bytes
    assert response.content.count(b"/Subtype /Image") >= 3


@pytest.mark.parametrize("fmt", ["json", "html", "svg"])
def test_other_formats_are_not_found(analyst_client, fmt):
    assert analyst_client.get(reverse("monitoring:dashboard_report", args=[fmt])).status_code == 404


def test_a_year_without_figures_is_not_found(analyst_client):
    url = reverse("monitoring:dashboard_report", args=["pdf"])
    assert analyst_client.get(url, {"year": "2016", "as_of": "2016-01-01"}).status_code == 404


def test_module_csv_with_the_pages_choice(analyst_client):
    with translation.override("en"):
        url = reverse("monitoring:dashboard_module_csv", args=["entitlements"])
    response = analyst_client.get(url, {"year": "2016", "by": "month", "publication": "1"})
    assert response.status_code == 200
    assert "entitlements-2016-month-publication.csv" in response["Content-Disposition"]
    table, _empty, withheld = response.content.decode().partition("\n\n")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [r["row"] for r in rows] == [f"2016-{m:02d}" for m in range(1, 13)] + ["total"]
    assert rows[0]["label"] == "January 2016"
    assert withheld.startswith("suppressed_cell,reason,explanation")


def test_an_unknown_module_is_not_found(analyst_client):
    url = reverse("monitoring:dashboard_module_csv", args=["kraamzorg_unknown"])
    assert analyst_client.get(url).status_code == 404

"""From imported submissions to the published outputs, on the real database: the report and
the trend of the data layer go through publication mode once, and every rendering (JSON,
XLSX, PDF, the charts) shows the same withheld figures."""

import io
import json

import pytest
from openpyxl import load_workbook

from django.utils import translation

from ..reports.charts import chart_series, trend_chart
from ..reports.kraamzorg import kraamzorg_report, kraamzorg_trend, report_json
from ..reports.pdf import report_pdf
from ..reports.publication import for_publication
from ..reports.xlsx import report_xlsx
from .builders import at, import_rows, row
from .test_render_pdf import pdf_lines

pytestmark = pytest.mark.django_db


def families(year: int, province: str, count: int, service: str = "GZ-001") -> list[dict]:
    return [
        row(work_year=year, province=province, service_id=service, hours="12.5")
        for _ in range(count)
    ]


@pytest.fixture
def imported():
    rows_2015 = families(2015, "Antwerpen", 30) + families(2015, "Limburg", 25)
    rows_2016 = families(2016, "Antwerpen", 30) + families(2016, "Limburg", 3)
    rows_2016 += families(2016, "Oost-Vlaanderen", 8, "GZ-002")
    rows_2016 += [row(work_year=2016, newborn="0", hours="4") for _ in range(200)]
    import_rows(rows_2015, now=at("2016-03-01 10:00"))
    import_rows(rows_2016, now=at("2017-03-01 10:00"))


def test_imported_figures_are_published_the_same_way_in_every_format(imported):
    with translation.override("en"):
        published = for_publication(kraamzorg_report(2016))
        trend = for_publication(kraamzorg_trend(2015, 2016))
        data = json.loads(report_json(published))
        sheet = load_workbook(io.BytesIO(report_xlsx(published)))["2016"]
        lines = pdf_lines(report_pdf(published, trend=trend, compress=False))
        _, hours = chart_series(trend, "hours")
        assert trend_chart(trend, "hours", "svg").startswith(b"<?xml")
    cells = {entry["cell"]: entry["reason"] for entry in data["suppressed"]}
    assert cells["provinces.70000.families"] == "few_families"
    assert cells["provinces.40000.families"] == "complementary"  # 8 families, the smallest other
    assert data["provinces"][1]["hours"] is None and data["provinces"][2]["hours"] is None
    assert data["provinces"][0]["hours"] == 375.0
    assert data["total"]["families"] == 41
    by_name = {r[0].value: [c.value for c in r] for r in sheet.iter_rows() if r[0].value}
    assert by_name["Limburg"][2:8] == [None] * 6
    assert by_name["Antwerp"][2:5] == [30, 30, 375]
    assert lines[lines.index("Limburg") + 1] == "x"
    assert lines[lines.index("East Flanders") + 1] == "x"
    assert hours[1] == ("Limburg", [312.5, pytest.approx(float("nan"), nan_ok=True)])
    trend_cells = {entry["cell"] for entry in trend["suppressed"]}
    assert "years.2016.change.provinces.70000.hours" in trend_cells

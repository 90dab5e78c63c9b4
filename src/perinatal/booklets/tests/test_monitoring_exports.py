"""CSV and XLSX downloads of the monitoring tables: what Belgian Excel and openpyxl read back."""

import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from django.urls import reverse
from django.utils import timezone, translation

from perinatal.booklets.constants import OrderKind, OrderStatus
from perinatal.booklets.models import BookletOrder
from perinatal.booklets.services import booklet_hand_out
from perinatal.monitoring.figures import Column, Table
from perinatal.monitoring.figures.writers import csv_bytes, xlsx_bytes
from perinatal.pathways.tests.factories import register

pytestmark = pytest.mark.django_db

SAMPLE = Table.of_lists(
    "sample",
    "Sample [1/2]: a table",
    "",
    [
        Column("month", "Month", "month"),
        Column("region", "Région", "text"),
        Column("count", "Hand-outs", "count"),
        Column("ratio", "Ratio", "ratio"),
    ],
    [
        [date(2025, 2, 1), "Liège", 12, 2.5],
        [date(2025, 3, 1), '=HYPERLINK("http://x")', 0, None],
    ],
)


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))


def test_csv_is_utf8_with_bom_semicolons_and_a_decimal_comma():
    rows = read_csv(csv_bytes(SAMPLE))
    assert rows[0] == ["Month", "Région", "Hand-outs", "Ratio"]
    assert rows[1] == ["2025-02", "Liège", "12", "2,50"]
    assert rows[2][2:] == ["0", ""]


def test_a_text_that_looks_like_a_formula_stays_text_in_csv_and_xlsx():
    assert read_csv(csv_bytes(SAMPLE))[2][1] == '\'=HYPERLINK("http://x")'
    sheet = load_workbook(io.BytesIO(xlsx_bytes(SAMPLE))).active
    assert sheet["B3"].data_type == "s"
    assert sheet["B3"].value == '=HYPERLINK("http://x")'


def test_xlsx_keeps_numbers_and_months_typed_under_a_bold_header():
    content = xlsx_bytes(SAMPLE)
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Sample  1 2   a table"  # no [ ] / : in a sheet name
    assert [c.value for c in sheet[1]] == ["Month", "Région", "Hand-outs", "Ratio"]
    assert sheet["A1"].font.bold
    assert sheet["A2"].value == datetime(2025, 2, 1)
    assert sheet["A2"].number_format == "yyyy-mm"
    assert (sheet["C2"].value, sheet["D2"].value, sheet["D3"].value) == (12, 2.5, None)
    assert sheet["D2"].number_format == "0.00"


def hand_outs(kg_nurse) -> None:
    for day, postcode in ((date(2025, 1, 10), "2000"), (date(2025, 1, 11), "1080")):
        pregnancy = register(
            kg_nurse, registered_on=date(2024, 12, 1), due_date=date(2025, 5, 1), postcode=postcode
        )
        booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=day)


def download(client, language: str, fmt: str, table: str, **filters: str):
    with translation.override(language):
        url = reverse("booklets:monitoring")
    query = {"from_month": "2025-01", "to_month": "2025-03", "format": fmt, "table": table}
    return client.get(url, {**query, **filters})


@pytest.mark.parametrize(
    ("language", "antwerp"), [("nl", "Antwerpen"), ("fr", "Anvers"), ("en", "Antwerp")]
)
def test_the_page_downloads_a_table_as_csv_in_the_users_language(
    client_for, analyst, kg_nurse, language, antwerp
):
    hand_outs(kg_nurse)
    response = download(client_for(analyst), language, "csv", "regions")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="kindboekje-regions-2025-01-2025-03.csv"' in response["Content-Disposition"]
    rows = read_csv(response.content)
    with translation.override(language):
        headers = [translation.gettext("Region"), translation.gettext("Replacements")]
    assert [rows[0][0], rows[0][-1]] == headers
    assert [row[0] for row in rows[1:]][0] == antwerp
    assert [row[6] for row in rows[1:]] == ["1", "1", "2"]  # hand-outs; the last row: total


def test_the_page_downloads_a_table_as_xlsx_with_the_region_filter(client_for, analyst, kg_nurse):
    hand_outs(kg_nurse)
    with translation.override("en"):
        response = download(client_for(analyst), "en", "xlsx", "handouts", region="04000")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = read_xlsx(response.content)
    assert rows[0] == ("Month", "Region", "Channel", "Step", "In turn", "Hand-outs", "Replacements")
    assert rows[1:] == [
        (
            datetime(2025, 1, 1),
            "Brussels-Capital Region",
            "Kind en Gezin, start conversation in pregnancy",
            1,
            "yes",
            1,
            0,
        )
    ]


def test_the_ratio_downloads_with_a_decimal_comma(client_for, analyst, kg_nurse, midwife):
    order = BookletOrder.objects.create(
        kind=OrderKind.MIDWIFE,
        status=OrderStatus.DELIVERED,
        ordered_by=midwife,
        organisation=midwife.organisation,
        practice_name="Praktijk",
        independent_midwife=True,
        kindboekjes=5,
        area_nis="10000",
        ship_to_name="Praktijk",
        ship_to_street="Straat 1",
        ship_to_postcode="2000",
        ship_to_municipality="Antwerpen",
        delivered_at=timezone.make_aware(datetime(2025, 1, 20, 12)),
    )
    assert order.pk
    for day in (date(2025, 2, 1), date(2025, 2, 2)):
        pregnancy = register(
            kg_nurse, registered_on=date(2024, 12, 1), due_date=date(2025, 5, 1), postcode="2000"
        )
        booklet_hand_out(by=midwife, pregnancy=pregnancy, on=day)
    rows = read_csv(download(client_for(analyst), "en", "csv", "ratio_regions").content)
    assert rows[1] == ["Antwerp", "5", "2", "2,50"]


@pytest.mark.parametrize(("fmt", "table"), [("pdf", "regions"), ("csv", "people"), ("csv", "")])
def test_an_unknown_format_or_table_is_not_found(client_for, analyst, fmt, table):
    assert download(client_for(analyst), "en", fmt, table).status_code == 404

"""`perinatal monitoring report kraamzorg` in every format, with and without
`--publication`: every format shows the same withheld figures and says what was withheld;
XLSX and PDF go to a file or a redirected output, never to a terminal."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from .dashboard_support import LIMBURG, OOST_VLAANDEREN, seed_two_years

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def figures():
    seed_two_years()


class Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def run(*args: str, stdout=None) -> str:
    out = stdout if stdout is not None else io.StringIO()
    with translation.override("en"):
        call_command("monitoring", "report", "kraamzorg", *args, stdout=out)
    return out.getvalue() if isinstance(out, io.StringIO) else ""


def run_binary(*args: str) -> bytes:
    """The command's output when standard output is redirected to a file (not a terminal)."""
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="utf-8")  # closes `raw` when collected
    run(*args, stdout=stdout)
    stdout.flush()
    return raw.getvalue()


def sections(text: str) -> tuple[list[dict], list[dict]]:
    """The CSV's table and, after the empty line, the list of withheld cells."""
    table, _empty, withheld = text.partition("\n\n")
    return list(csv.DictReader(io.StringIO(table))), list(csv.DictReader(io.StringIO(withheld)))


def xlsx_text(content: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(content))
    return [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]


WITHHELD_2016 = {
    f"provinces.{nis}.{key}"
    for nis in (LIMBURG, OOST_VLAANDEREN)
    for key in (
        "dossiers",
        "families",
        "hours",
        "services",
        "avg_hours_per_dossier",
        "avg_hours_per_family",
    )
}


def test_json_in_publication_mode_lists_what_it_withheld():
    data = json.loads(run("--year", "2016", "--publication"))
    assert {entry["cell"] for entry in data["suppressed"]} == WITHHELD_2016
    assert data["publication"] == {"min_families": 5, "min_for_average": 20}
    limburg = next(row for row in data["provinces"] if row["nis"] == LIMBURG)
    assert limburg["families"] is None and limburg["hours"] is None
    assert data["total"]["families"] == 58


def test_json_without_publication_has_every_figure_and_no_list():
    data = json.loads(run("--year", "2016"))
    assert "suppressed" not in data
    limburg = next(row for row in data["provinces"] if row["nis"] == LIMBURG)
    assert (limburg["families"], limburg["hours"]) == (3, 30.0)


def test_csv_in_publication_mode_leaves_withheld_cells_empty_and_lists_them_after_the_table():
    rows, withheld = sections(run("--year", "2016", "--publication", "--format", "csv"))
    by_nis = {row["nis"]: row for row in rows if row["row"] == "province"}
    assert by_nis[LIMBURG]["families"] == "" and by_nis[LIMBURG]["hours"] == ""
    assert by_nis["10000"]["families"] == "30"
    assert {entry["suppressed_cell"] for entry in withheld} == WITHHELD_2016
    limburg_families = next(
        e for e in withheld if e["suppressed_cell"] == f"provinces.{LIMBURG}.families"
    )
    assert limburg_families == {
        "suppressed_cell": f"provinces.{LIMBURG}.families",
        "reason": "few_families",
        "figure": "Limburg · Families",
        "explanation": "about fewer than 5 families",
    }


def test_csv_in_publication_mode_with_nothing_withheld_has_the_section_header_only():
    rows, withheld = sections(run("--year", "2015", "--publication", "--format", "csv"))
    assert withheld == []
    assert (
        run("--year", "2015", "--publication", "--format", "csv")
        .rstrip("\n")
        .endswith("suppressed_cell,reason,figure,explanation")
    )
    assert len(rows) == 10


def test_csv_without_publication_has_no_section():
    text = run("--year", "2016", "--format", "csv")
    assert "\n\n" not in text and "suppressed_cell" not in text


def test_csv_of_a_trend_in_publication_mode_names_each_year_in_the_list():
    rows, withheld = sections(
        run("--from", "2015", "--to", "2016", "--publication", "--format", "csv")
    )
    assert {row["year"] for row in rows} == {"2015", "2016"}
    cells = {entry["suppressed_cell"] for entry in withheld}
    assert {f"years.2016.{cell}" for cell in WITHHELD_2016} <= cells
    assert f"years.2016.change.provinces.{LIMBURG}.hours" in cells  # a change of a withheld


def test_xlsx_to_a_file_in_publication_mode(tmp_path):
    target = tmp_path / "report.xlsx"
    run("--year", "2016", "--publication", "--format", "xlsx", "--output", str(target))
    sheet = load_workbook(target).worksheets[0]
    assert sheet.title == "2016"
    text = xlsx_text(target.read_bytes())
    assert "Limburg · Families" in text
    assert "about fewer than 5 families" in text


def test_xlsx_to_a_redirected_output_is_the_same_workbook():
    content = run_binary("--year", "2016", "--format", "xlsx")
    assert content.startswith(b"PK")
    assert "Limburg · Families" not in xlsx_text(content)  # nothing withheld without the flag


def test_pdf_of_a_year_has_the_year_the_charts_and_the_withheld_note(tmp_path):
    target = tmp_path / "report.pdf"
    run("--year", "2016", "--publication", "--format", "pdf", "--output", str(target))
    content = target.read_bytes()
    assert content.startswith(b"%PDF")
    assert b"Kraamzorg in 2016" in content  # the document's title (uncompressed metadata)
    assert content.count(b"/Subtype /Image") >= 3  # the three charts


def test_pdf_without_publication_differs_from_the_one_with_it():
    plain = run_binary("--year", "2016", "--format", "pdf")
    published = run_binary("--year", "2016", "--format", "pdf", "--publication")
    assert plain.startswith(b"%PDF") and published.startswith(b"%PDF")
    assert plain != published


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_binary_formats_are_not_written_to_a_terminal(fmt):
    with pytest.raises(CommandError, match="not written to a terminal"):
        run("--year", "2016", "--format", fmt, stdout=Terminal(io.BytesIO(), encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_binary_formats_need_a_real_output(fmt):
    with pytest.raises(CommandError, match="--output FILE"):
        run("--year", "2016", "--format", fmt)  # a StringIO has no byte buffer


def test_json_to_a_file(tmp_path):
    target = tmp_path / "report.json"
    assert run("--year", "2016", "--output", str(target)) == ""
    assert json.loads(target.read_text("utf-8"))["year"] == 2016


def test_an_unwritable_output_fails_clearly(tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        run("--year", "2016", "--output", str(tmp_path / "missing" / "report.json"))


def test_a_year_without_figures_fails_clearly(tmp_path):
    with pytest.raises(CommandError, match="no figures for the work year 2012"):
        run("--year", "2012", "--format", "pdf", "--output", str(tmp_path / "x.pdf"))

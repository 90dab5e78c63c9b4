"""The PDF of a report or trend: title, status and when the data last changed, the
areas and the total, all family care, the sectors, the charts, the note of what publication
mode withheld; in the active language and the same bytes every time. The text is read from
the uncompressed page streams (reportlab writes each line as a string shown with `Tj`)."""

import re
from decimal import Decimal

import pytest

from django.utils import translation

from ..reports.pdf import report_pdf
from ..reports.publication import for_publication
from .test_publication_samples import figures, sample_report, seed_report, seed_trend

SHOWN = re.compile(rb"\(((?:[^()\\]|\\.)*)\) Tj")
ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)


def _unescape(match: re.Match) -> bytes:
    code = match.group(1)
    return bytes([int(code, 8)]) if code[:1].isdigit() else code


def pdf_lines(pdf: bytes) -> list[str]:
    """The strings the pages show, in order (Helvetica's WinAnsi encoding)."""
    return [ESCAPE.sub(_unescape, raw).decode("cp1252") for raw in SHOWN.findall(pdf)]


def render(data: dict, language: str = "en", **options) -> bytes:
    with translation.override(language):
        return report_pdf(data, compress=False, **options)


@pytest.fixture(scope="module")
def published_2016():
    with translation.override("en"):
        report = for_publication(seed_report(2016))
        return render(report, trend=for_publication(seed_trend(2012, 2016)))


def test_the_pdf_has_the_title_status_and_when_the_data_last_changed(published_2016):
    lines = pdf_lines(published_2016)
    assert published_2016.startswith(b"%PDF-")
    assert lines[:2] == ["Kraamzorg in 2016", "Status: provisional"]
    assert "Figures of the latest submissions" in lines
    assert any(line.startswith("Data last changed: 24 April 2017") for line in lines)
    assert any("provisional: services can still send" in line for line in lines)


def test_the_table_has_the_areas_in_the_fixed_order_and_the_total(published_2016):
    lines = pdf_lines(published_2016)
    names = ["Antwerp", "Limburg", "East Flanders", "Flemish Brabant", "West Flanders", "Total"]
    positions = [lines.index(name) for name in names]
    assert positions == sorted(positions)
    antwerp = positions[0]
    assert lines[antwerp + 1 : antwerp + 7] == [
        "2,709",
        "2,709",
        "76,887.48",
        "28.38",
        "28.38",
        "14",
    ]
    total = positions[-1]
    assert lines[total + 1 : total + 4] == ["13,574", "13,571", "409,417.33"]


def test_family_care_and_the_sectors_are_shown(published_2016):
    lines = pdf_lines(published_2016)
    care = lines.index("All family care")
    assert lines[care + 1 : care + 4] == ["113,000", "112,970", "12.01"]
    public = lines.index("Public services")
    assert lines[public + 1 : public + 4] == ["23", "23", "700.00"]


def test_the_charts_are_the_pngs_of_the_dashboard(published_2016):
    assert len(re.findall(rb"/FormXob\.\w+ Do", published_2016)) == 3  # drawn on the pages
    assert "Over the years" in pdf_lines(published_2016)


def test_a_report_without_a_trend_has_no_charts():
    pdf = render(seed_report(2016))
    assert b"/Subtype /Image" not in pdf and b" Do" not in pdf
    assert "Over the years" not in pdf_lines(pdf)
    assert "Publication mode" not in pdf_lines(pdf)


def test_publication_mode_marks_and_lists_what_was_withheld():
    big = {nis: figures(100, 50, Decimal(3000)) for nis in ("10000", "40000", "20001", "30000")}
    report = sample_report(
        2016, {**big, "70000": figures(4, 3, "90"), "04000": figures(60, 30, "9")}
    )
    lines = pdf_lines(render(for_publication(report)))
    limburg = lines.index("Limburg")
    assert lines[limburg + 1 : limburg + 7] == ["x"] * 6
    assert "Publication mode" in lines
    assert "Limburg · Hours: about fewer than 5 families" in lines
    assert any(line.startswith("Brussels-Capital Region · Dossiers: withheld so") for line in lines)


def test_publication_mode_says_when_nothing_was_withheld(published_2016):
    assert "Nothing was withheld." in pdf_lines(published_2016)


def test_a_trend_has_every_year_and_its_change_in_hours():
    with translation.override("en"):
        trend = seed_trend(2015, 2016)
    lines = pdf_lines(render(trend))
    assert "Kraamzorg in 2015" in lines and "Kraamzorg in 2016" in lines
    changes = [line for line in lines if line == "hours (%)"]  # the heading wraps
    assert len(changes) == 1  # 2015 has no year before it in the trend
    total = len(lines) - 1 - lines[::-1].index("Total")
    assert lines[total + 7] == "9.26"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", ["Antwerpen", "Brussels Hoofdstedelijk", "2.709", "76.887,48", "voorlopig"]),
        ("fr", ["Anvers", "Région de", "2 709", "76 887,48", "provisoire"]),
    ],
)
def test_the_pdf_is_in_the_active_language(language, expected):
    text = "\n".join(pdf_lines(render(seed_report(2016), language))).replace("\xa0", " ")
    assert all(word in text for word in expected), expected


def test_the_pdf_is_the_same_bytes_every_time():
    report = for_publication(seed_report(2016))
    assert render(report) == render(report)
    with translation.override("en"):
        compressed = report_pdf(report)
    assert compressed.startswith(b"%PDF-") and b"(Kraamzorg in 2016) Tj" not in compressed

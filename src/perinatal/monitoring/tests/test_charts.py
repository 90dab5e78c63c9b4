"""The charts: one function draws SVG for the page and PNG for the PDF, the same
bytes every time, in the active language, the areas in the fixed order, a withheld figure a
gap in its line."""

import math
import re
from decimal import Decimal

import pytest

from django.utils import translation

from ..reports.charts import CHARTS, DASHBOARD_CHARTS, chart_series, trend_chart
from ..reports.publication import for_publication
from .test_publication_samples import figures, sample_report, sample_trend, seed_report, seed_trend

AREAS_NL = [
    "Antwerpen",
    "Limburg",
    "Oost-Vlaanderen",
    "Vlaams-Brabant",
    "West-Vlaanderen",
    "Brussels Hoofdstedelijk Gewest",
]


def texts(svg: bytes) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg.decode())


@pytest.fixture(scope="module")
def trend():
    with translation.override("nl"):
        return seed_trend(2012, 2016)


@pytest.mark.parametrize("kind", DASHBOARD_CHARTS)
@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_a_chart_is_the_same_bytes_every_time(trend, kind, fmt):
    with translation.override("nl"):
        assert trend_chart(trend, kind, fmt) == trend_chart(trend, kind, fmt)


def test_the_svg_has_no_date_and_text_as_text(trend):
    with translation.override("nl"):
        svg = trend_chart(trend, "hours", "svg")
    assert svg.startswith(b"<?xml")
    assert b"dc:date" not in svg
    assert "Uren" in texts(svg)
    assert [t for t in texts(svg) if t in AREAS_NL] == AREAS_NL  # the legend, in fixed order


def test_the_png_has_no_version_or_date(trend):
    with translation.override("nl"):
        png = trend_chart(trend, "hours", "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"tEXt" not in png and b"Matplotlib" not in png
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200, 675)


@pytest.mark.parametrize(
    ("language", "area", "axis_label", "tick"),
    [
        ("nl", "Antwerpen", "100.000", "Brussels Hoofdstedelijk Gewest"),
        ("fr", "Anvers", "100\xa0000", "Région de Bruxelles-Capitale"),
        ("en", "Antwerp", "100,000", "Brussels-Capital Region"),
    ],
)
def test_labels_and_numbers_are_in_the_active_language(trend, language, area, axis_label, tick):
    with translation.override(language):
        words = texts(trend_chart(trend, "hours", "svg"))
        title = str(CHARTS["hours"].title)
    assert area in words and tick in words and axis_label in words
    assert title in words


def test_the_hours_chart_has_a_line_per_area_and_the_averages_the_total():
    with translation.override("en"):
        trend = seed_trend(2015, 2016)
        years, hours = chart_series(trend, "hours")
        _, averages = chart_series(trend, "avg_hours_per_family")
    assert years == [2015, 2016]
    assert [label for label, _ in hours][0] == "Antwerp" and len(hours) == 6
    assert averages[-1] == ("Total", [32.88, 30.17])
    assert hours[5][1] == [7512.22, 6509.83]


def test_the_newborn_share_is_one_line_of_all_family_care():
    with translation.override("en"):
        years, lines = chart_series(seed_report(2016), "newborn_share")
    assert (years, lines) == ([2016], [("All areas", [12.01])])


def test_a_withheld_figure_is_a_gap_in_its_line():
    big = {nis: figures(100, 50, Decimal(3000)) for nis in ("10000", "40000", "20001", "30000")}
    reports = [
        sample_report(2015, {**big, "70000": figures(4, 3, "90"), "04000": figures(60, 30, "900")}),
        sample_report(
            2016, {**big, "70000": figures(40, 30, "900"), "04000": figures(60, 30, "900")}
        ),
    ]
    published = for_publication(sample_trend(reports))
    _, lines = chart_series(published, "hours")
    assert math.isnan(lines[1][1][0]) and lines[1][1][1] == 900.0  # Limburg, 3 families in 2015
    assert math.isnan(lines[5][1][0])  # Brussels, withheld beside it
    assert trend_chart(published, "hours", "svg").startswith(b"<?xml")


def test_an_unknown_format_is_refused(trend):
    with pytest.raises(ValueError, match="format"):
        trend_chart(trend, "hours", "gif")

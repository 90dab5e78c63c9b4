"""Which files a worker makes: more laid-out cells (XLSX, a PDF's tables) than
REPORTS_BACKGROUND_CELLS, more CSV cells than REPORTS_BACKGROUND_CSV_CELLS, more charts than
REPORTS_BACKGROUND_CHARTS; by default the dashboard's PDF (three charts) and nothing else the
pages offer today."""

import pytest

from ..downloads.producers import Estimate
from ..downloads.rule import in_background


@pytest.mark.parametrize(
    ("estimate", "background"),
    [
        (Estimate(cells=80), False),  # the year's report as XLSX
        (Estimate(cells=80, charts=3), True),  # … as PDF with the page's charts
        (Estimate(cells=20_000), False),
        (Estimate(cells=20_001), True),
        (Estimate.of_table("xlsx", 28_098), True),  # 10 years of hand-outs per month, …
        (Estimate.of_table("csv", 28_098), False),  # … as CSV: 27 ms to write
        (Estimate(csv_cells=1_000_001), True),
    ],
)
def test_the_default_thresholds(settings, estimate, background):
    settings.REPORTS_BACKGROUND_CELLS = 20_000
    settings.REPORTS_BACKGROUND_CSV_CELLS = 1_000_000
    settings.REPORTS_BACKGROUND_CHARTS = 0
    assert in_background(estimate) is background


def test_the_defaults_are_those_of_the_settings():
    from django.conf import settings

    assert (
        settings.REPORTS_BACKGROUND_CELLS,
        settings.REPORTS_BACKGROUND_CSV_CELLS,
        settings.REPORTS_BACKGROUND_CHARTS,
    ) == (20_000, 1_000_000, 0)

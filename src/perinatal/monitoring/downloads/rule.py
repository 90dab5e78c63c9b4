"""Which files a worker makes instead of the web request: more laid-out cells (XLSX, a PDF's
tables) than `REPORTS_BACKGROUND_CELLS`, more CSV cells than `REPORTS_BACKGROUND_CSV_CELLS`,
or more charts than `REPORTS_BACKGROUND_CHARTS` (0: any chart). The measured costs behind
the defaults are in docs/performance.md ("Report files")."""

from django.conf import settings

from .producers import Estimate


def in_background(estimate: Estimate) -> bool:
    return (
        estimate.cells > settings.REPORTS_BACKGROUND_CELLS
        or estimate.csv_cells > settings.REPORTS_BACKGROUND_CSV_CELLS
        or estimate.charts > settings.REPORTS_BACKGROUND_CHARTS
    )

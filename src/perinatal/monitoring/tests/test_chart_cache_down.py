"""The chart cache with Redis down: the chart is drawn again instead of read, the page gets it."""

from decimal import Decimal

import pytest

from django.utils import translation

from perinatal.core.tests.redis_support import redis_down  # noqa: F401

from ..constants import REPORT_AREA_CODES
from ..views.dashboard_display import chart_svg


def _history() -> dict:
    def row(nis):
        return {
            "province": nis,
            "nis": nis,
            "dossiers": 30,
            "families": 30,
            "hours": Decimal(300),
            "avg_hours_per_dossier": Decimal(10),
            "avg_hours_per_family": Decimal(10),
            "services": 2,
        }

    def report(year: int) -> dict:
        return {
            "year": year,
            "provinces": [row(nis) for nis in REPORT_AREA_CODES],
            "total": row(None),
            "family_care": {"dossiers": 300, "families": 290, "newborn_dossier_share_pct": 60},
        }

    return {"years": [report(2015), report(2016)]}


@pytest.mark.usefixtures("redis_down")
def test_the_chart_is_drawn_when_the_cache_is_down():
    with translation.override("nl"):
        first = chart_svg(_history(), "hours")
        second = chart_svg(_history(), "hours")
    assert b"<svg" in first
    assert first == second

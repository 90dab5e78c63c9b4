"""`--as-of DATE` gives the figures as they stood at the end of that day (Brussels time):
the figures a minister gave can be reproduced after later corrections."""

from datetime import date
from decimal import Decimal

import pytest

from ..reports.kraamzorg import NoFigures, kraamzorg_report
from .builders import at, import_rows, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected():
    import_rows(
        [row(dossier_id="A", hours="10"), row(dossier_id="B", province="Limburg", hours="20")],
        now=at("2017-03-10 09:00"),
    )
    import_rows(  # a correction after the minister's answer of 24 April
        [
            row(dossier_id="A", hours="12"),
            row(dossier_id="B", province="Limburg", hours="20"),
            row(dossier_id="C", province="Limburg", hours="4"),
        ],
        now=at("2017-04-28 16:30"),
    )


def _hours(report):
    return {area["nis"]: area["hours"] for area in report["provinces"]} | {
        "total": report["total"]["hours"]
    }


def test_the_figures_of_an_earlier_day_are_reproduced_after_a_correction(corrected):
    before = kraamzorg_report(2016, as_of=date(2017, 4, 24))
    assert before["as_of"] == "2017-04-24"
    assert _hours(before)["10000"] == Decimal("10.00")
    assert _hours(before)["70000"] == Decimal("20.00")
    assert before["total"]["dossiers"] == 2
    assert before["data_changed_at"].startswith("2017-03-10T")


def test_without_as_of_the_report_shows_the_latest_figures(corrected):
    now = kraamzorg_report(2016)
    assert now["as_of"] is None
    assert _hours(now)["10000"] == Decimal("12.00")
    assert _hours(now)["70000"] == Decimal("24.00")
    assert now["total"]["dossiers"] == 3


def test_the_day_of_the_correction_shows_the_corrected_figures(corrected):
    assert kraamzorg_report(2016, as_of=date(2017, 4, 28))["total"]["dossiers"] == 3
    assert kraamzorg_report(2016, as_of=date(2017, 4, 27))["total"]["dossiers"] == 2


def test_the_end_of_a_day_is_midnight_in_brussels():
    import_rows([row(hours="1")], now=at("2017-03-10 23:59"))  # 22:59 UTC
    assert kraamzorg_report(2016, as_of=date(2017, 3, 10))["total"]["dossiers"] == 1
    with pytest.raises(NoFigures):
        kraamzorg_report(2016, as_of=date(2017, 3, 9))


def test_a_year_without_figures_is_refused_clearly():
    with pytest.raises(NoFigures):
        kraamzorg_report(2016)

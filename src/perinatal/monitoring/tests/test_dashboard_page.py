"""The dashboard's page: the year's table (default: the latest year with figures) in the
language of the address, the year's state, publication mode, the as-of date, the charts as
inline SVG fit for the page's CSP, the downloads and the other modules' section."""

import re
from collections import Counter
from datetime import date

import pytest

from django.urls import reverse
from django.utils import translation

from perinatal.booklets.tests.factories import born

from ..services import work_year_close
from .builders import at, import_rows, row
from .dashboard_support import LIMBURG, OOST_VLAANDEREN, seed_two_years, table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(client_for, analyst):
    seed_two_years()
    return client_for(analyst)


def page(client, lang: str = "nl", **query) -> str:
    with translation.override(lang):
        url = reverse("monitoring:dashboard")
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_opens_on_the_latest_year_with_figures_in_dutch(analyst_client):
    html = page(analyst_client)
    assert '<html lang="nl">' in html
    assert '<option value="2016" selected>' in html
    areas = table_rows(html, "areas")
    assert list(areas) == ["10000", LIMBURG, OOST_VLAANDEREN, "20001", "30000", "04000", "total"]
    # dossiers, families, hours, average per dossier, per family, services (Dutch numbers)
    assert areas["10000"] == ["30", "30", "300,00", "10,00", "10,00", "1"]
    assert areas[LIMBURG] == ["3", "3", "30,00", "10,00", "10,00", "1"]
    assert areas["20001"] == ["0", "0", "0,00", "–", "–", "0"]  # averages over nothing
    assert areas["total"] == ["58", "58", "580,00", "10,00", "10,00", "1"]
    assert table_rows(html, "care")["family_care"] == ["98", "98", "59,18"]
    assert table_rows(html, "sectors") == {
        "sectors.public": ["0", "0", "0,00"],
        "sectors.private": ["58", "58", "580,00"],
    }


@pytest.mark.parametrize(
    ("lang", "area"),
    [("nl", "Oost-Vlaanderen"), ("fr", "Flandre orientale"), ("en", "East Flanders")],
)
def test_the_page_speaks_the_language_of_its_address(analyst_client, lang, area):
    html = page(analyst_client, lang)
    assert f'<html lang="{lang}">' in html
    assert f'<th scope="row">{area}</th>' in html
    assert f"/{lang}/monitoring/report.pdf?year=2016" in html


def test_another_year_and_the_figures_as_they_stood_on_a_day(analyst_client):
    import_rows(  # a correction for 2016: Antwerpen's service now sends 40 families
        [row(work_year=2016, family_id=f"N{n}", hours="10") for n in range(40)],
        now=at("2017-04-28 10:00"),
    )
    now = table_rows(page(analyst_client, year=2016), "areas")
    before = table_rows(page(analyst_client, year=2016, as_of="2017-04-24"), "areas")
    assert now["10000"][1] == "40" and now[LIMBURG][1] == "0"
    assert before["10000"][1] == "30" and before[LIMBURG][1] == "3"
    assert table_rows(page(analyst_client, year=2015), "areas")["10000"][1] == "28"


def test_publication_mode_marks_and_lists_the_withheld_figures(analyst_client):
    html = page(analyst_client, "en", year=2016, publication="1")
    areas = table_rows(html, "areas")
    assert areas[LIMBURG] == ["x"] * 6  # 3 families
    assert areas[OOST_VLAANDEREN] == ["x"] * 6  # the complement
    assert areas["10000"][1] == "30"
    listed = re.findall(r'<li data-cell="([^"]+)">', html)
    assert f"provinces.{LIMBURG}.families" in listed
    assert f"provinces.{OOST_VLAANDEREN}.hours" in listed
    assert "Limburg · Families: about fewer than 5 families" in html
    assert "publication=1" in re.search(r'href="([^"]+report\.pdf[^"]*)"', html).group(1)


def test_the_state_of_the_year_provisional_then_closed_by_whom(analyst_client, analyst):
    html = page(analyst_client, "en", year=2016)
    assert 'data-status="provisional"' in html
    assert "the deadline (30 April 2017) has passed" in html  # day first (decision 0031)
    assert 'data-late="0"' in html
    assert 'action="/en/monitoring/years/2016/close/"' in html
    work_year_close(year=2016, by=analyst, now=at("2017-05-15 10:00"))
    html = page(analyst_client, "en", year=2016)
    assert "Final: closed on 15 May 2017 10:00 by analyst." in html
    assert 'action="/en/monitoring/years/2016/reopen/"' in html
    assert 'action="/en/monitoring/years/2016/close/"' not in html


def test_late_submissions_are_counted(analyst_client):
    import_rows([row(work_year=2016, service_id="GZ-LATE")], now=at("2017-05-02 10:00"))
    html = page(analyst_client, "en", year=2016)
    assert 'data-late="1"' in html
    assert "2 current submissions" in html


def test_the_three_charts_are_inline_svg_the_page_policy_allows(analyst_client):
    html = page(analyst_client, "en", year=2016)
    charts = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert len(charts) == 3
    for chart in charts:
        assert " style=" not in chart and "<style" not in chart  # CSP: style-src 'self'
        assert 'role="img"' in chart and "aria-labelledby=" in chart
        assert "<text" in chart  # labels stay text
    assert "Limburg" in charts[0] and "Total" in charts[1]
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [name for name, count in ids.items() if count > 1] == []
    assert "<img" not in html  # nothing to load from elsewhere
    assert "Average per family, not per dossier" in html


def test_the_charts_figures_follow_publication_mode(analyst_client):
    html = page(analyst_client, "en", year=2016, publication="1")
    first = re.search(r'<table class="figures chart-figures">.*?</table>', html, re.S).group(0)
    limburg = re.search(r"<th scope=\"row\">Limburg</th>(.*?)</tr>", first, re.S).group(1)
    assert re.findall(r'<td class="number">([^<]*)</td>', limburg) == ["220", "–"]


def test_the_other_modules_section_lists_every_table(analyst_client):
    html = page(analyst_client, "en", year=2016, by="month")
    for key in (
        "kindboekje_steps",
        "kindboekje_channels",
        "kindboekje_prevented",
        "kindboekje_without",
        "screenings",
        "entitlements",
        "kraamzorg_requests",
        "kraamzorg_uptake",
    ):
        assert f'id="module-{key}"' in html
        assert f"/en/monitoring/modules/{key}.csv?year=2016&amp;by=month" in html
    assert "January 2016" in html


def test_a_year_without_kraamzorg_figures_says_so(analyst_client):
    import_rows([row(work_year=2014)], now=at("2015-03-01 09:00"))
    html = page(analyst_client, "en", year=2014, as_of="2015-02-01")
    assert "There were no figures for the work year 2014 on 2015-02-01." in html
    assert "report.pdf" not in html


@pytest.mark.parametrize(
    "query", [{"year": "1999"}, {"year": "x"}, {"as_of": "2017-13-01"}, {"by": "week"}]
)
def test_a_wrong_choice_is_answered_400(analyst_client, query):
    assert analyst_client.get(reverse("monitoring:dashboard"), query).status_code == 400


def test_without_any_figures_the_page_still_opens(client_for, analyst):
    html = client_for(analyst).get(reverse("monitoring:dashboard")).content.decode()
    assert 'id="other-modules"' in html


def test_the_charts_are_cached_but_never_stale(analyst_client):
    def hours_chart(**query) -> str:
        html = page(analyst_client, "en", year=2016, **query)
        return re.search(r"<svg\b.*?</svg>", html, re.S).group(0)

    first = hours_chart()
    assert hours_chart() == first  # the same figures: the same picture
    import_rows(
        [row(work_year=2016, family_id=f"N{n}", hours="10") for n in range(40)],
        now=at("2017-04-28 10:00"),
    )
    assert hours_chart() != first  # new figures: a new picture
    assert hours_chart(as_of="2017-04-24") == first  # the figures of that day: that picture


def test_a_year_of_the_other_modules_only_is_offered_but_not_for_closing(analyst_client, kg_nurse):
    born(kg_nurse, on=date(2025, 3, 1))  # a birth: the follow-up figures of 2025
    html = page(analyst_client, "en", year=2025)
    assert '<option value="2025" selected>' in html
    assert "There are no figures for the work year 2025." in html
    section = html.split('id="module-kindboekje_without"')[1].split("</section>")[0]
    assert table_rows(section, "module-table")["total"] == ["1", "1", "100.0"]  # no booklet
    assert 'action="/en/monitoring/years/2025/close/"' not in html

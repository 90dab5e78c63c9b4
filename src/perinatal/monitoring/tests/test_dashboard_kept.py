"""The dashboard keeps its tables and charts per year and state of the monitoring (decision
0032): a second view reads them (no snapshot counted, no chart drawn), a new submission or
closing and reopening the year shows at once, each publication mode and as-of date has its
own; the page opens on the latest year with figures or records."""

import re
from datetime import date

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from perinatal.booklets.tests.factories import born

from ..services import work_year_close, work_year_reopen
from .builders import at, import_rows, row
from .dashboard_support import ANTWERPEN, LIMBURG, seed_two_years, table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(client_for, analyst):
    seed_two_years()
    return client_for(analyst)


def view(client, **query) -> tuple[str, list[str]]:
    """The page (in English) and the statements it ran."""
    with translation.override("en"), CaptureQueriesContext(connection) as ran:
        response = client.get(reverse("monitoring:dashboard"), query)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in ran.captured_queries]


def counted(statements: list[str]) -> list[str]:
    """The statements that count or read figures (snapshots, records, the years)."""
    return [
        sql
        for sql in statements
        if "monitoring_snapshotrow" in sql or "GROUP BY" in sql.upper() or "DISTINCT" in sql
    ]


def areas(html: str) -> dict[str, list[str]]:
    return table_rows(html, "areas")


def test_a_second_view_reads_what_the_first_counted(analyst_client):
    first, ran_first = view(analyst_client, year=2016)
    again, ran_again = view(analyst_client, year=2016)
    assert counted(ran_first)
    assert counted(ran_again) == []
    assert len(ran_again) < len(ran_first)
    assert areas(again) == areas(first)


def test_a_new_submission_shows_at_once(analyst_client):
    before, _ = view(analyst_client, year=2016)
    import_rows(
        [
            row(
                work_year=2016,
                province=ANTWERPEN,
                family_id=f"N{n}",
                hours="10",
                service_id="GZ-009",
                service_name="Dienst gezinszorg Z",
            )
            for n in range(12)
        ],
        now=at("2017-04-28 10:00"),
        name="late-2016.csv",
    )
    after, ran = view(analyst_client, year=2016)
    assert counted(ran)  # a new state: counted again
    assert areas(after)[ANTWERPEN] != areas(before)[ANTWERPEN]
    assert areas(after)[ANTWERPEN][0] == "42"  # 30 + 12 dossiers
    # the figures as they stood before it are still those of that day
    as_of, _ = view(analyst_client, year=2016, as_of="2017-04-24")
    assert areas(as_of) == areas(before)


def report_status(html: str) -> str:
    return re.search(r'class="report-status" data-status="(\w+)"', html).group(1)


def test_closing_and_reopening_the_year_show_at_once(analyst_client, analyst):
    provisional, _ = view(analyst_client, year=2016)
    assert report_status(provisional) == "provisional"
    work_year_close(year=2016, by=analyst)
    final, ran = view(analyst_client, year=2016)
    assert counted(ran)
    assert report_status(final) == "final"
    work_year_reopen(year=2016, by=analyst, reason="A late correction")
    reopened, _ = view(analyst_client, year=2016)
    assert report_status(reopened) == "provisional"
    assert areas(reopened) == areas(provisional)


def test_publication_mode_is_kept_apart(analyst_client):
    plain, _ = view(analyst_client, year=2016)
    published, _ = view(analyst_client, year=2016, publication="1")
    plain_again, _ = view(analyst_client, year=2016)
    assert areas(plain)[LIMBURG][0] == "3"
    assert areas(published)[LIMBURG][0] != "3"  # withheld
    assert areas(plain_again) == areas(plain)


def test_the_page_opens_on_this_years_records_when_kraamzorg_is_older(analyst_client, kg_nurse):
    this_year = timezone.localdate().year
    born(kg_nurse, on=date(this_year, 1, 2))  # the Kindboekje's follow-up counts this year
    html, _ = view(analyst_client)
    assert f'<option value="{this_year}" selected>' in html
    section = html.split('id="module-kindboekje_without"')[1].split("</section>")[0]
    assert table_rows(section, "module-table")["total"][0] == "1"

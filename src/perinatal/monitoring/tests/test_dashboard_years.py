"""Closing and reopening a work year from the dashboard: the forms call the services, which
check the deadline and the state; the reason for reopening is required and logged (the
year's log and the change log); the answer is the dashboard again (303) with a message."""

import pytest
import time_machine

from django.urls import reverse
from django.utils import translation

from perinatal.audit.models import ChangeEvent

from ..constants import YearAction
from ..models import WorkYear, WorkYearEvent
from .dashboard_support import seed_two_years

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(client_for, analyst):
    seed_two_years()
    return client_for(analyst)


def post(client, action: str, year: int = 2016, **data):
    with translation.override("en"):
        url = reverse(f"monitoring:{action}", args=[year])
    return client.post(url, data)


def dashboard_html(client) -> str:
    with translation.override("en"):
        html = client.get(reverse("monitoring:dashboard"), {"year": 2016}).content.decode()
    return html


def test_closing_after_the_deadline_makes_the_year_final(analyst_client, analyst):
    response = post(analyst_client, "year_close")
    assert response.status_code == 303
    assert response["Location"] == "/en/monitoring/?year=2016"
    year = WorkYear.objects.get(year=2016)
    assert (year.status, year.closed_by) == ("final", analyst)
    assert WorkYearEvent.objects.get(work_year=year).action == YearAction.CLOSE
    assert "The work year 2016 is final." in dashboard_html(analyst_client)


@time_machine.travel("2017-04-20 10:00 +02:00", tick=False)
def test_closing_before_the_deadline_is_refused_with_its_reason(analyst_client):
    response = post(analyst_client, "year_close")
    assert response.status_code == 303
    assert WorkYear.objects.get(year=2016).status == "provisional"
    html = dashboard_html(analyst_client)
    assert "cannot be closed before its deadline (30/04/2017) has passed" in html
    assert 'action="/en/monitoring/years/2016/close/"' not in html  # not offered either


@pytest.mark.parametrize("reason", ["", "   "])
def test_reopening_without_a_reason_is_refused(analyst_client, reason):
    post(analyst_client, "year_close")
    response = post(analyst_client, "year_reopen", reason=reason)
    assert response.status_code == 303
    assert WorkYear.objects.get(year=2016).status == "final"
    assert "Reopening a work year needs a reason (it is logged)." in dashboard_html(analyst_client)


def test_reopening_with_a_reason_logs_it(analyst_client, analyst):
    post(analyst_client, "year_close")
    response = post(analyst_client, "year_reopen", reason="Correction of Limburg")
    assert response.status_code == 303
    assert WorkYear.objects.get(year=2016).status == "provisional"
    event = WorkYearEvent.objects.get(action=YearAction.REOPEN)
    assert (event.reason, event.by) == ("Correction of Limburg", analyst)
    assert ChangeEvent.objects.filter(reason="Correction of Limburg").count() == 1
    html = dashboard_html(analyst_client)
    assert "The work year 2016 is provisional again." in html
    assert "Correction of Limburg" in html  # the year's log on the page


def test_reopening_a_provisional_year_is_refused(analyst_client):
    post(analyst_client, "year_reopen", reason="why not")
    assert "The work year 2016 is not final." in dashboard_html(analyst_client)
    assert not WorkYearEvent.objects.exists()


def test_closing_twice_is_refused_the_second_time(analyst_client):
    post(analyst_client, "year_close")
    post(analyst_client, "year_close")
    assert "The work year 2016 is already final." in dashboard_html(analyst_client)
    assert WorkYearEvent.objects.count() == 1


def test_an_administrator_may_close_too(client_for, admin_user):
    seed_two_years()
    assert post(client_for(admin_user), "year_close").status_code == 303
    assert WorkYear.objects.get(year=2016).status == "final"


@pytest.mark.parametrize("action", ["year_close", "year_reopen"])
def test_only_by_post(analyst_client, action):
    with translation.override("en"):
        url = reverse(f"monitoring:{action}", args=[2016])
    assert analyst_client.get(url).status_code == 405

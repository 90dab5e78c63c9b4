"""Care through the API: the visits of an accepted request, closing the dossier with its total
hours, the monthly statement at the family's band; for the service's staff only."""

from datetime import date, timedelta

import pytest

from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import Visit
from perinatal.pathways.tests.api_support import access_rows, api_for

from .api_support import referred
from .care_support import add_visits, make_request
from .intake_support import offer_for

pytestmark = pytest.mark.django_db
TODAY = date.today()


def test_the_service_records_visits_and_lists_them(kraamzorg_user):
    made = make_request(offer_for(kraamzorg_user))
    api = api_for(kraamzorg_user)
    url = f"/kraamzorg/requests/{made.public_id}/visits"
    visit = {"date": TODAY.isoformat(), "hours": "4.5", "carer": "Anna"}
    created = api.post(url, visit)
    assert created.status_code == 201, created.content
    assert (created.json()["hours"], created.json()["carer"]) == ("4.50", "Anna")
    api.post(url, {**visit, "date": (TODAY - timedelta(1)).isoformat(), "hours": "3"})
    listed = api.get(url).json()
    assert [v["date"] for v in listed] == [(TODAY - timedelta(1)).isoformat(), TODAY.isoformat()]


@pytest.mark.parametrize(
    ("status", "visit", "code", "field"),
    [
        ("submitted", {}, "not_accepted", None),
        ("closed", {}, "not_accepted", None),
        ("accepted", {"hours": "25"}, "invalid_input", "hours"),
        ("accepted", {"hours": "0"}, "invalid_input", "hours"),
        ("accepted", {"date": (TODAY + timedelta(1)).isoformat()}, "invalid_input", "date"),
        ("accepted", {"carer": ""}, "invalid_input", "carer"),
    ],
)
def test_a_wrong_visit_is_refused_with_422(kraamzorg_user, status, visit, code, field):
    made = make_request(offer_for(kraamzorg_user), status=status)
    body = {"date": TODAY.isoformat(), "hours": "4", "carer": "Anna", **visit}
    response = api_for(kraamzorg_user).post(f"/kraamzorg/requests/{made.public_id}/visits", body)
    assert response.status_code == 422
    assert response.json()["code"] == code
    if field:
        assert field in [e["field"] for e in response.json()["errors"]]
    assert not Visit.objects.exists()


def test_the_referrer_sees_neither_the_visits_nor_the_statement(midwife, kraamzorg_user):
    made = referred(midwife, offer_for(kraamzorg_user))
    api = api_for(midwife)
    visits = api.get(f"/kraamzorg/requests/{made['id']}/visits")
    assert (visits.status_code, visits.json()["code"]) == (403, "no_access")
    record = api.post(
        f"/kraamzorg/requests/{made['id']}/visits",
        {"date": TODAY.isoformat(), "hours": "4", "carer": "Anna"},
    )
    assert record.status_code == 403
    statement = api.get(f"/kraamzorg/requests/{made['id']}/statements/{TODAY.year}/1")
    assert statement.status_code == 403
    assert api.post(f"/kraamzorg/requests/{made['id']}/close").status_code == 403


def test_closing_gives_the_total_hours_of_the_visits(kraamzorg_user):
    made = make_request(offer_for(kraamzorg_user))
    add_visits(made, [(date(2025, 3, 2), "4.5"), (date(2025, 3, 3), "3.25")])
    api = api_for(kraamzorg_user)
    closed = api.post(f"/kraamzorg/requests/{made.public_id}/close")
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["total_hours"]) == ("closed", "7.75")
    again = api.post(f"/kraamzorg/requests/{made.public_id}/close")
    assert (again.status_code, again.json()["code"]) == (422, "invalid_transition")


def test_the_monthly_statement_prices_the_months_visits_at_the_familys_band(kraamzorg_user):
    made = make_request(offer_for(kraamzorg_user), status=RequestStatus.CLOSED, income_band="B")
    add_visits(
        made, [(date(2025, 2, 28), "8"), (date(2025, 3, 2), "4.5"), (date(2025, 3, 3), "3.25")]
    )
    api = api_for(kraamzorg_user)
    before = access_rows(kraamzorg_user)
    answer = api.get(f"/kraamzorg/requests/{made.public_id}/statements/2025/3")
    assert answer.status_code == 200, answer.content
    statement = answer.json()
    assert (statement["band"], statement["price"]) == ("B", "6.25")
    assert [(line["hours"], line["amount"]) for line in statement["lines"]] == [
        ("4.50", "28.13"),  # 28.125 rounded half up
        ("3.25", "20.31"),  # 20.3125
    ]
    assert (statement["total_hours"], statement["total_amount"]) == ("7.75", "48.44")
    assert access_rows(kraamzorg_user) - before == 1  # the statement read
    empty = api.get(f"/kraamzorg/requests/{made.public_id}/statements/2025/4").json()
    assert (empty["lines"], empty["total_amount"]) == ([], "0.00")


@pytest.mark.parametrize(("year", "month"), [(2025, 13), (2025, 0), (1999, 5)])
def test_a_month_that_does_not_exist_is_422(kraamzorg_user, year, month):
    made = make_request(offer_for(kraamzorg_user))
    answer = api_for(kraamzorg_user).get(
        f"/kraamzorg/requests/{made.public_id}/statements/{year}/{month}"
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_input")

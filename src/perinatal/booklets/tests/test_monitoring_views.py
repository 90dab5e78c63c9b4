"""Who may open the monitoring page and the follow-up work list, and what the page shows."""

from datetime import date

import pytest

from django.urls import reverse
from django.utils import translation

from perinatal.booklets.services import booklet_hand_out
from perinatal.pathways.tests.factories import register

pytestmark = pytest.mark.django_db


def url(name: str) -> str:
    with translation.override("en"):
        return reverse(name)


MONITORING_REFUSED = [
    "kg_nurse",
    "midwife",
    "hospital_user",
    "provider",
    "kraamzorg_user",
    "editor",
    "parent",
]
WORK_LIST_REFUSED = [
    "midwife",
    "hospital_user",
    "provider",
    "kraamzorg_user",
    "editor",
    "analyst",
    "admin_user",
    "parent",
]


@pytest.mark.parametrize("who", ["analyst", "order_desk", "admin_user"])
def test_analysts_and_holders_of_the_monitoring_permission_see_the_page(client_for, request, who):
    response = client_for(request.getfixturevalue(who)).get(url("booklets:monitoring"))
    assert response.status_code == 200
    assert len(response.context["tables"]) == 7


@pytest.mark.parametrize("who", MONITORING_REFUSED)
def test_every_other_persona_is_refused_the_monitoring_page(client_for, request, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url("booklets:monitoring")).status_code == 403
    export = {"format": "csv", "table": "regions"}
    assert client.get(url("booklets:monitoring"), export).status_code == 403


@pytest.mark.parametrize("who", WORK_LIST_REFUSED)
def test_only_kind_en_gezin_professionals_open_the_work_list(client_for, request, who):
    response = client_for(request.getfixturevalue(who)).get(url("booklets:follow_up"))
    assert response.status_code == 403


@pytest.mark.parametrize("name", ["booklets:monitoring", "booklets:follow_up"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    ("who", "name"), [("analyst", "booklets:monitoring"), ("kg_nurse", "booklets:follow_up")]
)
def test_without_the_second_factor_the_pages_stay_closed(client_for, request, who, name):
    response = client_for(request.getfixturevalue(who), verified=False).get(url(name))
    assert response.status_code == 302
    with translation.override("en"):
        assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_the_page_shows_the_counts_of_the_period_and_region_chosen(client_for, analyst, kg_nurse):
    for day, postcode in ((date(2025, 1, 10), "2000"), (date(2025, 5, 10), "2000")):
        pregnancy = register(
            kg_nurse, registered_on=date(2024, 12, 1), due_date=date(2025, 6, 1), postcode=postcode
        )
        booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=day)
    client = client_for(analyst)
    query = {"from_month": "2025-01", "to_month": "2025-03", "region": "10000"}

    response = client.get(url("booklets:monitoring"), query)

    assert response.status_code == 200
    regions = response.context["tables"][0]["table"]
    assert regions.values("handouts") == [1, 1]  # Antwerp, total
    page = response.content.decode()
    assert "Antwerp" in page
    assert "format=csv&amp;table=regions" in page and "region=10000" in page


def test_a_period_that_ends_before_it_starts_is_refused(client_for, analyst):
    response = client_for(analyst).get(
        url("booklets:monitoring"), {"from_month": "2025-03", "to_month": "2025-01"}
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()


def test_a_month_that_is_not_one_is_refused(client_for, analyst):
    response = client_for(analyst).get(url("booklets:monitoring"), {"from_month": "2025-13"})
    assert response.status_code == 400
    assert "from_month" in response.context["form"].errors

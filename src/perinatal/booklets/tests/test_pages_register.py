"""A family not on the platform yet is registered on the ask-first page with minimal identity
(through `pathways.services.families`), the number it was asked with carried in a hidden POST
field; then its status page offers the hand-out."""

from datetime import date, timedelta

import pytest

from perinatal.booklets.models import Booklet
from perinatal.core import national_number
from perinatal.pathways.models import Birth, Pregnancy

from .pages_support import UNKNOWN_NUMBER, ask, ask_url, hand_out, status_url

pytestmark = pytest.mark.django_db

TODAY = date.today()


def register_data(**overrides) -> dict:
    data = {
        "action": "register",
        "national_number": UNKNOWN_NUMBER,
        "number_is": "mother",
        "mother_given_name": "Yasmina",
        "mother_family_name": "Vraageerst",
        "mother_no_national_number": "",
        "postcode": "1030",
        "municipality": "Schaerbeek",
        "due_date": (TODAY + timedelta(days=90)).isoformat(),
        "children": "1",
        "birth_place": "hospital",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_family_is_registered_with_the_number_asked_and_handed_out(client_for, kg_nurse):
    client = client_for(kg_nurse)
    assert ask(client, UNKNOWN_NUMBER).context["not_found"] is True
    response = client.post(ask_url(), register_data())
    pregnancy = Pregnancy.objects.get()
    assert response.status_code == 302
    assert response.url == status_url(pregnancy)
    assert UNKNOWN_NUMBER not in response.url
    assert pregnancy.mother.national_number_hash == national_number.lookup_hash(UNKNOWN_NUMBER)
    assert pregnancy.lead_organisation == kg_nurse.organisation
    assert (pregnancy.municipality, pregnancy.area_nis) == ("Schaerbeek", "04000")
    page = client.get(response.url)
    assert page.context["panels"][0].hint == "your_turn"
    assert hand_out(client, pregnancy).status_code == 302
    # Asked again, the family is found with its Kindboekje.
    again = ask(client, UNKNOWN_NUMBER)
    assert again.context["pregnancy"] == pregnancy
    assert again.context["panels"][0].status.booklet == Booklet.objects.get()


def test_a_born_child_is_registered_with_its_birth(client_for, midwife):
    birth_date = TODAY - timedelta(days=4)
    response = client_for(midwife).post(
        ask_url(),
        register_data(due_date="", born="on", birth_date=birth_date.isoformat(), children="2"),
    )
    assert response.status_code == 302
    birth = Birth.objects.get()
    assert birth.date == birth_date and birth.children.count() == 2
    assert birth.pregnancy.due_date == birth_date
    panels = client_for(midwife).get(response.url).context["panels"]
    assert [p.status.child_order for p in panels] == [1, 2]


def test_a_childs_number_goes_to_the_child_and_the_mother_needs_a_reason(client_for, kg_nurse):
    client = client_for(kg_nurse)
    data = register_data(number_is="child", due_date="", born="on", birth_date=TODAY.isoformat())
    response = client.post(ask_url(), data)
    assert response.status_code == 400
    assert response.context["register_form"].errors["mother_no_national_number"]
    assert not Pregnancy.objects.exists()
    response = client.post(ask_url(), {**data, "mother_no_national_number": "not_yet_known"})
    assert response.status_code == 302
    pregnancy = Pregnancy.objects.get()
    assert pregnancy.mother.national_number_hash is None
    assert pregnancy.mother.no_national_number == "not_yet_known"
    child = pregnancy.birth.children.get()
    assert child.national_number_hash == national_number.lookup_hash(UNKNOWN_NUMBER)


def test_a_childs_number_for_a_child_not_born_is_an_error(client_for, kg_nurse):
    response = client_for(kg_nurse).post(ask_url(), register_data(number_is="child"))
    assert response.status_code == 400
    assert response.context["register_form"].errors["born"]


def test_a_family_without_a_number_is_registered_with_the_reason(client_for, midwife):
    client = client_for(midwife)
    page = client.get(ask_url(), {"register": "1"})
    assert page.status_code == 200 and page.context["register_form"] is not None
    response = client.post(
        ask_url(), register_data(national_number="", mother_no_national_number="not_insured")
    )
    assert response.status_code == 302
    assert Pregnancy.objects.get().mother.no_national_number == "not_insured"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"national_number": ""}, "mother_no_national_number"),
        ({"postcode": "99"}, "postcode"),
        ({"mother_given_name": ""}, "mother_given_name"),
        ({"due_date": ""}, "due_date"),
        ({"due_date": "", "born": "on"}, "birth_date"),
        ({"due_date": "", "born": "on", "birth_date": "2001-01-01"}, "birth_date"),
        (
            {"born": "on", "birth_date": (TODAY + timedelta(days=2)).isoformat()},
            "birth_date",
        ),
    ],
)
def test_wrong_input_is_shown_at_its_field_and_nothing_is_stored(
    client_for, kg_nurse, overrides, field
):
    response = client_for(kg_nurse).post(ask_url(), register_data(**overrides))
    assert response.status_code == 400
    assert response.context["register_form"].errors[field]
    assert not Pregnancy.objects.exists()
    assert not Birth.objects.exists()


def test_the_number_stays_hidden_when_the_form_comes_back(client_for, kg_nurse):
    response = client_for(kg_nurse).post(ask_url(), register_data(postcode="99"))
    html = response.content.decode()
    assert html.count(UNKNOWN_NUMBER) == 1
    assert f'type="hidden" name="national_number" value="{UNKNOWN_NUMBER}"' in html
    assert national_number.masked(UNKNOWN_NUMBER) in html

"""The parents' public page in NL/FR/EN: it explains the help, the price per income band and
why to ask in pregnancy; a request without login; errors and refusals put back on the form;
the national number never shown back; the rate limit; the confirmation."""

from datetime import date, timedelta

import pytest

from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.pathways.tests.factories import national_number_for

from .intake_support import offer_for

pytestmark = pytest.mark.django_db
NUMBER = national_number_for(date(1994, 3, 12), 7)


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def url(lang: str = "nl") -> str:
    with translation.override(lang):
        return reverse("kraamzorg:ask")


def form_data(**overrides) -> dict:
    data = {
        "due_date": (date.today() + timedelta(days=80)).isoformat(),
        "postcode": "1080",
        "municipality": "Molenbeek-Saint-Jean",
        "adults": "2",
        "children": "0",
        "income_band": "A",
        "languages": ["fr", "ar"],
        "help_wanted": ["baby_care", "mother_care"],
        "contact_name": "Sara Testouder",
        "contact_phone": "0470 00 00 00",
        "contact_email": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(("lang", "price"), [("nl", "5,00"), ("fr", "5,00"), ("en", "5.00")])
def test_page_explains_help_price_and_asking_early_in_each_language(client, lang, price):
    offer_for()
    response = client.get(url(lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert 'class="stacked-form kraamzorg-ask"' in html
    for band in ("A", "B", "C", "D", "E"):
        assert f'value="{band}"' in html
    assert price in html and ("10,00" in html or "10.00" in html)
    assert html.count('name="help_wanted"') == 4
    assert 'id="when"' in html  # why ask during pregnancy


def test_anonymous_request_is_sent_and_confirmed(client):
    offer = offer_for(name="Kraamzorg Brussel")
    response = client.post(url("fr"), form_data())
    assert response.status_code == 302 and response["Location"].endswith("/fr/kraamzorg/sent/")
    made = KraamzorgRequest.objects.get()
    assert made.offer == offer and made.income_band == "A"
    assert made.languages == ["fr", "ar"] and made.help_wanted == ["baby_care", "mother_care"]
    sent = client.get(response["Location"])
    assert sent.status_code == 200 and "Kraamzorg Brussel" in sent.content.decode()


def test_the_chosen_service_gets_the_request(client):
    offer_for(name="A first")
    chosen = offer_for(name="B chosen")
    client.post(url(), form_data(offer=str(chosen.pk)))
    assert KraamzorgRequest.objects.get().offer == chosen


def test_logged_in_parent_is_linked_and_follows_the_request(client_for, parent):
    offer_for()
    client = client_for(parent)
    assert client.post(url("en"), form_data(contact_name="")).status_code == 302
    made = KraamzorgRequest.objects.get()
    assert made.submitted_by == parent
    page = client.get(reverse("kraamzorg:request", args=[made.public_id]))
    assert page.status_code == 200


def test_wrong_fields_are_shown_and_the_national_number_is_not_shown_back(client):
    offer_for()
    response = client.post(
        url(), form_data(postcode="99", mother_national_number=NUMBER, contact_name="")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert NUMBER not in html
    assert 'id="id_postcode_error"' in html or "errorlist" in html
    assert not KraamzorgRequest.objects.exists()


def test_chosen_service_outside_the_area_is_refused_with_its_code(client):
    far = offer_for(areas=["10000"])
    response = client.post(url(), form_data(offer=str(far.pk)))
    assert response.status_code == 422
    assert "outside_area" in response.content.decode()


def test_second_request_of_the_family_is_already_open(client):
    offer_for()
    client.post(url(), form_data())
    response = client.post(url(), form_data())
    assert response.status_code == 422
    assert "already_open" in response.content.decode()
    assert KraamzorgRequest.objects.count() == 1


def test_no_service_for_the_postcode(client):
    offer_for(areas=["10000"])
    response = client.post(url(), form_data())
    assert response.status_code == 400
    assert not KraamzorgRequest.objects.exists()


def test_professionals_are_sent_to_the_referral(client_for, kg_nurse):
    assert client_for(kg_nurse).get(url()).status_code == 403


def test_the_form_is_rate_limited(client):
    offer_for()
    statuses = [
        client.post(url(), form_data(contact_phone=f"0470 00 00 {n:02d}")).status_code
        for n in range(21)
    ]
    assert statuses[:20] == [302] * 20
    assert statuses[20] == 429


def test_confirmation_without_a_request_goes_back_to_the_form(client):
    response = client.get(reverse("kraamzorg:sent"))
    assert response.status_code == 302

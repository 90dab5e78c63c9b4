"""The ask-first page: a care professional asks by a mother's or child's national number (or
arrives from the family page) and sees per child whether a Kindboekje was handed out — when,
by which kind of provider — or whose turn it is under the procedure in force."""

from datetime import date, timedelta

import pytest

from django.utils import timezone

from perinatal.booklets.constants import Channel, OrderKind
from perinatal.booklets.models import BookletOrder
from perinatal.booklets.services import booklet_hand_out
from perinatal.core import national_number
from perinatal.pathways.tests.api_support import national_numbers_in
from perinatal.pathways.tests.factories import mother

from .factories import born
from .pages_support import (
    CHILD_NUMBER,
    MOTHER_NUMBER,
    UNKNOWN_NUMBER,
    ask,
    ask_url,
    family_with_number,
    status_url,
)

pytestmark = pytest.mark.django_db

TODAY = date.today()


def test_the_ask_page_explains_the_procedure_with_your_channel_marked(client_for, midwife):
    response = client_for(midwife).get(ask_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="national_number"' in html
    lines = response.context["procedure"]
    assert [(line.step, line.channel) for line in lines] == [
        (1, Channel.KG_START_CONVERSATION),
        (2, Channel.INDEPENDENT_MIDWIFE),
        (3, Channel.KG_FIRST_CONTACT_AFTER_BIRTH),
        (None, Channel.NICU),
    ]
    assert [line.channel for line in lines if line.own] == [Channel.INDEPENDENT_MIDWIFE]
    assert 'class="procedure-line own" data-channel="independent_midwife"' in html


def test_the_page_never_takes_a_number_from_the_query(client_for, midwife, kg_nurse):
    family_with_number(kg_nurse)
    response = client_for(midwife).get(ask_url(), {"national_number": MOTHER_NUMBER})
    assert response.status_code == 200
    assert "panels" not in response.context and "not_found" not in response.context


def test_asking_by_the_mothers_number_shows_no_booklet_yet_and_whose_turn(
    client_for, midwife, kg_nurse
):
    family_with_number(kg_nurse)
    response = ask(client_for(midwife), MOTHER_NUMBER)
    html = response.content.decode()
    assert response.status_code == 200
    [panel] = response.context["panels"]
    assert panel.status.booklet is None and not panel.status.born
    assert [(t.step, t.channel, t.own) for t in panel.turns] == [
        (1, Channel.KG_START_CONVERSATION, False),
        (2, Channel.INDEPENDENT_MIDWIFE, True),
    ]
    assert panel.hint == "your_turn" and panel.step == 2
    assert 'class="booklet-status no-booklet"' in html
    assert 'class="turn own" data-channel="independent_midwife"' in html
    assert MOTHER_NUMBER not in html and not national_numbers_in(html)


def test_asking_by_the_childs_number_finds_the_family(client_for, midwife, kg_nurse):
    pregnancy = born(kg_nurse, on=TODAY - timedelta(days=3))
    kid = pregnancy.birth.children.get()
    kid.national_number_hash = national_number.lookup_hash(CHILD_NUMBER)
    kid.save(update_fields=["national_number_hash"])
    response = ask(client_for(midwife), CHILD_NUMBER)
    assert response.status_code == 200
    assert response.context["pregnancy"] == pregnancy
    [panel] = response.context["panels"]
    assert panel.status.born and panel.status.birth_date == TODAY - timedelta(days=3)


def test_a_handed_out_booklet_shows_when_and_by_which_kind_of_provider(
    client_for, midwife, kg_nurse
):
    pregnancy = family_with_number(kg_nurse)
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=TODAY - timedelta(days=2))
    response = ask(client_for(kg_nurse), MOTHER_NUMBER)  # the care team: the whole status
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="booklet-status has-booklet" data-provider="kg_start_conversation"' in html
    assert (TODAY - timedelta(days=2)).strftime("%d/%m/%Y") in html
    assert '<span class="provider">Kind en Gezin</span>' in html
    assert response.context["panels"][0].turns == []


@pytest.mark.parametrize("how", ["ask", "status_url"])
def test_outside_the_team_the_page_says_only_yes_and_since_when(client_for, midwife, kg_nurse, how):
    """Decision 0033: a provider outside the care team learns whether the child has a
    Kindboekje and since when, not who handed it out, how, or the child's birth date."""
    the_mother = mother(national_number=MOTHER_NUMBER, no_national_number="")
    pregnancy = born(kg_nurse, on=TODAY - timedelta(days=10), mother=the_mother)
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=TODAY - timedelta(days=3))
    page = client_for(midwife)
    response = page.get(status_url(pregnancy)) if how == "status_url" else ask(page, MOTHER_NUMBER)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["status"].full is False
    assert 'class="booklet-status has-booklet limited"' in html
    assert f'<span class="since">{(TODAY - timedelta(days=3)).strftime("%d/%m/%Y")}</span>' in html
    assert "data-provider" not in html and 'class="provider"' not in html
    assert (TODAY - timedelta(days=10)).strftime("%d/%m/%Y") not in html  # the birth date
    assert "niet bij het zorgteam van dit gezin" in html  # the page is in Dutch


def test_the_family_page_link_opens_the_status_of_that_pregnancy(client_for, kg_nurse):
    pregnancy = family_with_number(kg_nurse)
    family_page = client_for(kg_nurse).get(f"/nl/families/{pregnancy.public_id}/")
    assert status_url(pregnancy) in family_page.content.decode()
    response = client_for(kg_nurse).get(status_url(pregnancy))
    assert response.status_code == 200
    assert response.context["record_visible"] is True
    assert response.context["panels"][0].hint == "your_turn"


def test_a_professional_outside_the_team_sees_the_status_but_no_link_to_the_record(
    client_for, midwife, kg_nurse
):
    pregnancy = family_with_number(kg_nurse)
    response = client_for(midwife).get(status_url(pregnancy))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["record_visible"] is False
    assert f"/families/{pregnancy.public_id}/" not in html
    assert "Testmoeder" not in html and "Amina" not in html


def test_twins_are_shown_each_with_their_own_form(client_for, kg_nurse):
    pregnancy = born(kg_nurse, on=TODAY - timedelta(days=1), children=2)
    response = client_for(kg_nurse).get(status_url(pregnancy))
    html = response.content.decode()
    assert [p.status.child_order for p in response.context["panels"]] == [1, 2]
    assert 'id="child-1"' in html and 'id="child-2"' in html
    assert 'id="id_hand_out1-on"' in html and 'id="id_hand_out2-on"' in html


def test_a_parents_order_shows_as_ordered_by_the_parents(client_for, midwife, kg_nurse, parent):
    pregnancy = family_with_number(kg_nurse)
    BookletOrder.objects.create(
        kind=OrderKind.PARENT,
        ordered_by=parent,
        kindboekjes=1,
        subject_hash=national_number.lookup_hash(MOTHER_NUMBER),
        child_order=1,
        ship_to_name="Ouder",
        ship_to_street="Straat 1",
        ship_to_postcode="1080",
        ship_to_municipality="Molenbeek",
        area_nis="04000",
    )
    response = ask(client_for(kg_nurse), MOTHER_NUMBER)  # the care team
    html = response.content.decode()
    assert response.context["pregnancy"] == pregnancy
    assert 'class="booklet-status ordered-by-parents"' in html
    assert timezone.localdate().strftime("%d/%m/%Y") in html


@pytest.mark.parametrize("number", ["", "12345", "94031200799"])
def test_an_invalid_number_is_an_error_at_the_field(client_for, midwife, number):
    response = ask(client_for(midwife), number)
    assert response.status_code == 400
    assert response.context["form"].errors["national_number"]


def test_an_unknown_number_says_the_family_is_not_on_the_platform(client_for, midwife):
    response = ask(client_for(midwife), UNKNOWN_NUMBER)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["not_found"] is True
    assert 'class="message not-found"' in html
    # The number only travels back in the registration form's hidden field.
    assert html.count(UNKNOWN_NUMBER) == 1
    assert f'type="hidden" name="national_number" value="{UNKNOWN_NUMBER}"' in html
    assert national_number.masked(UNKNOWN_NUMBER) in html


@pytest.mark.parametrize("public_id", ["0b6f0d52-54f4-4f0f-9d7e-3f0c6d1c0a11", "not-a-uuid"])
def test_an_unknown_pregnancy_is_not_found(client_for, midwife, public_id):
    response = client_for(midwife).get(ask_url(), {"pregnancy": public_id})
    assert response.status_code == 404


def test_a_hospital_chooses_between_maternity_clinic_and_nicu(client_for, kg_nurse, hospital_user):
    pregnancy = born(kg_nurse, on=TODAY - timedelta(days=1), nicu=True)
    response = client_for(hospital_user).get(status_url(pregnancy))
    form = response.context["panels"][0].hand_out_form
    assert [value for value, _label in form.fields["channel"].choices] == [
        Channel.MATERNITY_CLINIC,
        Channel.NICU,
    ]
    assert form.fields["channel"].initial == Channel.NICU
    assert response.context["panels"][0].hint == "your_turn"


def test_a_kind_en_gezin_professional_has_no_channel_choice(client_for, kg_nurse):
    pregnancy = family_with_number(kg_nurse)
    form = client_for(kg_nurse).get(status_url(pregnancy)).context["panels"][0].hand_out_form
    assert "channel" not in form.fields


@pytest.mark.parametrize(
    ("language", "title"),
    [("nl", "Kindboekje"), ("fr", "Kindboekje"), ("en", "Kindboekje: ask first")],
)
def test_the_page_exists_in_every_language(client_for, midwife, language, title):
    response = client_for(midwife).get(f"/{language}/kindboekje/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert title in html


def test_a_programme_provider_asks_but_gets_no_hand_out_form(client_for, provider, kg_nurse):
    pregnancy = family_with_number(kg_nurse)
    response = client_for(provider).get(status_url(pregnancy))
    assert response.status_code == 200
    assert response.context["panels"][0].hand_out_form is None
    assert response.context["may_hand_out"] is False

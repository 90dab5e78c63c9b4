"""The intake pages and the requesters' pages: the queue (own service only, vulnerable marked,
paginated, logged), answering a request, the requester seeing the answer and forwarding a
refused request, a referral from the family page, and every other persona refused."""

import re
from datetime import date, timedelta

import pytest

from django.urls import reverse
from django.utils import translation

from perinatal.audit.models import AccessEvent
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.kraamzorg.services.requests import request_decide, request_refer, request_submit
from perinatal.pathways.tests.factories import register

from .intake_support import offer_for, request_input, staff_of

pytestmark = pytest.mark.django_db
START = date.today() + timedelta(days=95)


@pytest.fixture
def offer(kraamzorg_user):
    return offer_for(kraamzorg_user)


@pytest.fixture
def asked(offer, parent):
    return request_submit(by=parent, offer=offer, data=request_input())


def test_queue_lists_the_services_requests_with_the_vulnerable_marked(
    client_for, kraamzorg_user, offer, kg_nurse
):
    request_submit(by=None, offer=offer, data=request_input())
    pregnancy = register(kg_nurse)
    request_refer(
        by=kg_nurse,
        pregnancy=pregnancy,
        offer=offer,
        data=request_input(),
        reason="r",
        vulnerability_reason="alone at home",
    )
    request_submit(by=None, offer=offer_for(), data=request_input())  # another service's
    response = client_for(kraamzorg_user).get(reverse("kraamzorg:intake"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="request') == 2
    assert html.count("vulnerable-mark") == 1
    assert AccessEvent.objects.filter(actor=kraamzorg_user, action="read").count() == 2


def test_queue_is_paginated(client_for, kraamzorg_user, offer):
    for n in range(53):
        request_submit(by=None, offer=offer, data=request_input(contact_email=f"p{n}@example.org"))
    client = client_for(kraamzorg_user)
    first = client.get(reverse("kraamzorg:intake")).content.decode()
    after = re.search(r'href="\?([^"]*)" rel="next"', first).group(1).replace("&amp;", "&")
    second = client.get(reverse("kraamzorg:intake") + "?" + after).content.decode()
    assert first.count('<tr class="request') == 50
    assert second.count('<tr class="request') == 3


@pytest.mark.parametrize(
    "role_fixture", ["kg_nurse", "midwife", "analyst", "editor", "admin_user", "parent"]
)
def test_intake_is_refused_to_other_personas(request, client_for, asked, role_fixture):
    client = client_for(request.getfixturevalue(role_fixture))
    assert client.get(reverse("kraamzorg:intake")).status_code == 403
    assert (
        client.get(reverse("kraamzorg:intake_request", args=[asked.public_id])).status_code == 403
    )


def test_intake_needs_login_and_the_second_factor(client, client_for, kraamzorg_user):
    response = client.get(reverse("kraamzorg:intake"))
    assert response.status_code == 302 and "login" in response["Location"]
    unverified = client_for(kraamzorg_user, verified=False)
    response = unverified.get(reverse("kraamzorg:intake"))
    assert response.status_code == 302 and "two-factor" in response["Location"]


def test_staff_of_another_service_cannot_open_the_request(client_for, asked):
    other = staff_of(offer_for(), username="other-service")
    page = client_for(other).get(reverse("kraamzorg:intake_request", args=[asked.public_id]))
    assert page.status_code == 403


def test_accepting_on_the_page_and_the_parent_sees_the_answer(
    client_for, kraamzorg_user, parent, asked
):
    page = reverse("kraamzorg:intake_request", args=[asked.public_id])
    staff = client_for(kraamzorg_user)
    assert staff.get(page).status_code == 200
    response = staff.post(
        page,
        {
            "action": "decide",
            "decide-status": "accepted",
            "decide-planned_start": START.isoformat(),
            "decide-planned_hours": "36",
        },
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == RequestStatus.ACCEPTED
    with translation.override("fr"):
        mine = reverse("kraamzorg:request", args=[asked.public_id])
    html = client_for(parent).get(mine).content.decode()
    assert 'data-status="accepted"' in html and START.strftime("%d/%m/%Y") in html


def test_accepting_without_a_plan_is_shown_on_the_form(client_for, kraamzorg_user, asked):
    page = reverse("kraamzorg:intake_request", args=[asked.public_id])
    response = client_for(kraamzorg_user).post(
        page, {"action": "decide", "decide-status": "accepted"}
    )
    assert response.status_code == 400
    asked.refresh_from_db()
    assert asked.status == RequestStatus.SUBMITTED


def test_a_decision_the_table_does_not_allow_is_not_offered(client_for, kraamzorg_user, asked):
    request_decide(
        by=kraamzorg_user, kraamzorg_request=asked, status="refused", refusal_reason="no_capacity"
    )
    page = reverse("kraamzorg:intake_request", args=[asked.public_id])
    client = client_for(kraamzorg_user)
    assert 'name="decide-status"' not in client.get(page).content.decode()
    response = client.post(page, {"action": "decide", "decide-status": "waiting"})
    assert response.status_code == 400


def test_the_service_forwards_a_refused_request(client_for, kraamzorg_user, asked):
    other = offer_for(name="Other service")
    request_decide(
        by=kraamzorg_user, kraamzorg_request=asked, status="refused", refusal_reason="no_capacity"
    )
    page = reverse("kraamzorg:intake_request", args=[asked.public_id])
    response = client_for(kraamzorg_user).post(
        page, {"action": "forward", "forward-offer": str(other.pk)}
    )
    assert response.status_code == 302
    assert KraamzorgRequest.objects.filter(offer=other, status="submitted").count() == 1


def test_the_parent_sees_the_refusal_and_forwards_it(client_for, kraamzorg_user, parent, asked):
    other = offer_for(name="Other service")
    request_decide(
        by=kraamzorg_user,
        kraamzorg_request=asked,
        status="refused",
        refusal_reason="no_capacity",
        note="full until June",
    )
    client = client_for(parent)
    page = reverse("kraamzorg:request", args=[asked.public_id])
    html = client.get(page).content.decode()
    assert "refusal-reason" in html and "full until June" in html
    assert client.post(page, {"offer": str(other.pk)}).status_code == 302
    assert KraamzorgRequest.objects.filter(offer=other).exists()


def test_the_parent_withdraws_on_the_page(client_for, parent, asked):
    page = reverse("kraamzorg:request", args=[asked.public_id])
    assert client_for(parent).post(page, {"action": "withdraw"}).status_code == 302
    asked.refresh_from_db()
    assert asked.status == RequestStatus.WITHDRAWN


def test_another_parent_cannot_see_the_request(client_for, persona, asked):
    other = persona("parent", username="other-parent")
    page = reverse("kraamzorg:request", args=[asked.public_id])
    assert client_for(other).get(page).status_code == 403


def test_referral_from_the_family_page(client_for, kg_nurse, offer):
    pregnancy = register(kg_nurse)
    client = client_for(kg_nurse)
    family = client.get(reverse("pathways:pregnancy", args=[pregnancy.public_id]))
    refer = reverse("kraamzorg:refer", args=[pregnancy.public_id])
    assert refer in family.content.decode()
    assert client.get(refer).status_code == 200
    response = client.post(
        refer,
        {
            "reason": "First child, no family nearby",
            "vulnerability_reason": "",
            "due_date": pregnancy.due_date.isoformat(),
            "postcode": pregnancy.postcode,
            "municipality": pregnancy.municipality,
            "adults": "1",
            "children": "0",
            "income_band": "B",
            "help_wanted": ["baby_care"],
        },
    )
    assert response.status_code == 302
    made = KraamzorgRequest.objects.get()
    assert (made.pregnancy, made.referrer_organisation) == (pregnancy, kg_nurse.organisation)
    mine = client_for(kg_nurse).get(reverse("kraamzorg:mine")).content.decode()
    assert str(made.public_id) in mine
    listed = AccessEvent.objects.filter(actor=kg_nurse, purpose__contains="requester").get()
    assert (listed.record_id, listed.subject) == (str(made.public_id), str(pregnancy.public_id))


def test_referral_without_reason_is_refused_on_the_form(client_for, kg_nurse, offer):
    pregnancy = register(kg_nurse)
    refer = reverse("kraamzorg:refer", args=[pregnancy.public_id])
    response = client_for(kg_nurse).post(
        refer, {"postcode": "1080", "municipality": "x", "adults": "1", "children": "0"}
    )
    assert response.status_code == 400
    assert not KraamzorgRequest.objects.exists()


def test_referral_page_is_refused_to_who_may_not_see_the_family(client_for, kg_nurse, midwife):
    pregnancy = register(kg_nurse, consent_to_share=False)
    refer = reverse("kraamzorg:refer", args=[pregnancy.public_id])
    assert client_for(midwife).get(refer).status_code == 403


@pytest.mark.parametrize("role_fixture", ["analyst", "editor", "admin_user"])
def test_requests_pages_are_refused_to_non_requesters(request, client_for, role_fixture):
    client = client_for(request.getfixturevalue(role_fixture))
    assert client.get(reverse("kraamzorg:mine")).status_code == 403


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_pages_answer_in_each_language(client_for, kraamzorg_user, parent, asked, lang):
    with translation.override(lang):
        pages = [
            (kraamzorg_user, reverse("kraamzorg:intake")),
            (kraamzorg_user, reverse("kraamzorg:intake_request", args=[asked.public_id])),
            (parent, reverse("kraamzorg:mine")),
            (parent, reverse("kraamzorg:request", args=[asked.public_id])),
        ]
    for user, page in pages:
        response = client_for(user).get(page)
        assert response.status_code == 200, page
        assert f'<html lang="{lang}">' in response.content.decode()

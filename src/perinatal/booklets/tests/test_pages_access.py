"""Who may use the ask-first page, and the access log it leaves: care professionals past the
second factor only; every request that shows or changes a family leaves a row (basis
`booklet`, written by the selectors and services)."""

from datetime import date

import pytest

from django.urls import reverse

from perinatal.accounts.tests.network import FIRST_LINE_PERSONAS, REFERRAL_ONLY_PERSONAS
from perinatal.audit.models import AccessAction, AccessBasis, AccessEvent
from perinatal.booklets.models import Booklet
from perinatal.booklets.services import booklet_hand_out
from perinatal.pathways.models import Pregnancy

from .pages_support import (
    MOTHER_NUMBER,
    UNKNOWN_NUMBER,
    ask,
    ask_url,
    family_with_number,
    hand_out,
    status_url,
)

pytestmark = pytest.mark.django_db

# ONE, GP practices and community health centres ask first like programme providers (decision
# 0028); the actors who only refer never see a family.
CARE = ["kg_nurse", "midwife", "hospital_user", "provider", "kraamzorg_user", *FIRST_LINE_PERSONAS]
WRONG = ["analyst", "editor", "admin_user", "parent", "order_desk_analyst", *REFERRAL_ONLY_PERSONAS]


@pytest.fixture
def order_desk_analyst(persona):
    """An analyst who may see the booklet monitoring: still no family."""
    from django.contrib.auth.models import Permission

    from perinatal.accounts.constants import Role

    user = persona(Role.ANALYST, username="monitoring-analyst")
    user.user_permissions.add(Permission.objects.get(codename="view_booklet_monitoring"))
    return user


@pytest.fixture
def family(kg_nurse):
    return family_with_number(kg_nurse)


def requests(client, family):
    return {
        "ask page": client.get(ask_url()),
        "status": client.get(status_url(family)),
        "ask by number": ask(client, MOTHER_NUMBER),
        "hand out": hand_out(client, family),
        "register": client.post(ask_url(), {"action": "register", "mother_given_name": "X"}),
    }


@pytest.mark.parametrize("who", WRONG)
def test_the_wrong_personas_are_refused_everything(request, client_for, family, who):
    responses = requests(client_for(request.getfixturevalue(who)), family)
    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, 403)
    assert "Testmoeder" not in responses["ask by number"].content.decode()
    assert not AccessEvent.objects.filter(basis=AccessBasis.BOOKLET).exists()
    assert Pregnancy.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login(client, family):
    responses = requests(client, family)
    assert {r.status_code for r in responses.values()} == {302}
    assert all("/account/login/" in r.url for r in responses.values())
    assert not AccessEvent.objects.filter(basis=AccessBasis.BOOKLET).exists()


def test_without_the_second_factor_the_page_stays_closed(client_for, midwife, family):
    """The login middleware sends the professional to the second factor first."""
    responses = requests(client_for(midwife, verified=False), family)
    assert {r.status_code for r in responses.values()} == {302}
    assert all(r.url.startswith(reverse("accounts:two_factor")) for r in responses.values())
    assert not Booklet.objects.exists()
    assert not AccessEvent.objects.filter(basis=AccessBasis.BOOKLET).exists()


@pytest.mark.parametrize("who", CARE)
def test_every_care_professional_may_ask(request, client_for, family, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(ask_url()).status_code == 200
    assert client.get(status_url(family)).status_code == 200
    assert ask(client, MOTHER_NUMBER).status_code == 200


def booklet_rows(user, **filters):
    return AccessEvent.objects.filter(
        actor_username=user.username, basis=AccessBasis.BOOKLET, **filters
    )


def test_asking_by_number_and_opening_the_status_are_logged(client_for, midwife, family):
    client = client_for(midwife)
    ask(client, MOTHER_NUMBER)
    client.get(status_url(family))
    # The midwife is not in the family's care team: the basis is the lookup (decision 0033).
    rows = AccessEvent.objects.filter(
        actor_username=midwife.username,
        basis=AccessBasis.LOOKUP,
        action=AccessAction.READ,
        subject=str(family.public_id),
    )
    assert rows.count() == 2
    assert not any(MOTHER_NUMBER in (row.reason + row.purpose) for row in rows)


def test_a_hand_out_and_a_refused_one_are_logged(client_for, kg_nurse, midwife, family):
    before = booklet_rows(kg_nurse, action=AccessAction.CREATE).count()
    assert hand_out(client_for(kg_nurse), family).status_code == 302
    assert booklet_rows(kg_nurse, action=AccessAction.CREATE).count() == before + 1
    assert hand_out(client_for(midwife), family).status_code == 422
    assert booklet_rows(midwife, purpose="Kindboekje hand-out refused").count() == 1


def test_a_replacement_and_a_cancellation_are_logged(client_for, kg_nurse, family):
    booklet_hand_out(by=kg_nurse, pregnancy=family, on=date.today())
    client = client_for(kg_nurse)
    data = {"action": "replace", "child": "1", "replace1-on": date.today().isoformat()}
    assert client.post(status_url(family), {**data, "replace1-reason": "lost"}).status_code == 302
    assert booklet_rows(kg_nurse, action=AccessAction.UPDATE).count() == 1
    data = {"action": "cancel", "child": "1", "cancel1-note": "wrong child"}
    assert client.post(status_url(family), data).status_code == 302
    assert booklet_rows(kg_nurse, action=AccessAction.UPDATE).count() == 2


def test_registering_a_family_is_logged(client_for, midwife):
    client = client_for(midwife)
    response = client.post(
        ask_url(),
        {
            "action": "register",
            "national_number": UNKNOWN_NUMBER,
            "number_is": "mother",
            "mother_given_name": "Lina",
            "mother_family_name": "Logmoeder",
            "postcode": "1000",
            "municipality": "Brussel",
            "due_date": date.today().isoformat(),
        },
    )
    assert response.status_code == 302
    pregnancy = Pregnancy.objects.get(mother__family_name="Logmoeder")
    assert AccessEvent.objects.filter(
        actor_username=midwife.username,
        subject=str(pregnancy.public_id),
        action=AccessAction.CREATE,
    ).exists()


def test_a_number_not_on_the_platform_shows_no_family_and_logs_none(client_for, midwife):
    before = AccessEvent.objects.count()
    response = ask(client_for(midwife), UNKNOWN_NUMBER)
    assert response.context["not_found"] is True
    assert AccessEvent.objects.count() == before

"""The hand-over pages: a hospital records a discharge (others are refused), the receiving
organisation's list says "late" in words and local date-times in NL/FR/EN; an outreach
proposal is accepted (on to the screening) or declined with a reason."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.urls import reverse
from django.utils import timezone

from perinatal.accounts.constants import Role
from perinatal.pathways import access
from perinatal.pathways.models import HospitalDischarge, ScreeningProposal
from perinatal.pathways.services import care_team, discharges, outreach

from .factories import participate, register

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2025, 6, 3, 12, 0, tzinfo=BRUSSELS)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def family(midwife, hospital_user):
    pregnancy = register(midwife)
    care_team.team_member_add(
        by=midwife,
        pregnancy=pregnancy,
        grant=access.grant_for(midwife, pregnancy),
        organisation=hospital_user.organisation,
    )
    return pregnancy


def url(name, pregnancy) -> str:
    return reverse(f"pathways:{name}", kwargs={"public_id": pregnancy.public_id})


def test_a_hospital_records_a_discharge_from_the_family_page(
    client_for, family, hospital_user, kg_nurse
):
    client = client_for(hospital_user)
    page = client.get(reverse("pathways:pregnancy", kwargs={"public_id": family.public_id}))
    assert url("discharge_new", family).encode() in page.content
    response = client.post(
        url("discharge_new", family),
        {
            "discharged_at": "2025-06-03T08:30",
            "to_organisation": str(kg_nurse.organisation.public_id),
            "note": "Moeder en kind samen ontslagen",
        },
    )
    assert response.status_code == 302
    discharge = HospitalDischarge.objects.get(pregnancy=family)
    # typed in Brussels time
    assert discharge.discharged_at == datetime(2025, 6, 3, 8, 30, tzinfo=BRUSSELS)
    assert discharge.deadline_at == datetime(2025, 6, 4, 8, 30, tzinfo=BRUSSELS)


def test_a_discharge_in_the_future_is_refused_on_the_form(
    client_for, family, hospital_user, kg_nurse
):
    response = client_for(hospital_user).post(
        url("discharge_new", family),
        {
            "discharged_at": "2025-06-03T18:00",
            "to_organisation": str(kg_nurse.organisation.public_id),
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["discharged_at"]
    assert not HospitalDischarge.objects.exists()


def test_only_a_hospital_opens_the_discharge_form(client_for, family, midwife, persona):
    assert client_for(midwife).get(url("discharge_new", family)).status_code == 403
    page = client_for(midwife).get(
        reverse("pathways:pregnancy", kwargs={"public_id": family.public_id})
    )
    assert url("discharge_new", family).encode() not in page.content
    other = persona(Role.HOSPITAL, username="other-hospital")  # outside the team
    response = client_for(other).get(url("discharge_new", family))
    assert response.status_code == 403
    assert b"Testmoeder" not in response.content


def _state_texts(content: bytes) -> list[str]:
    found = re.findall(r'class="tag transfer-state[^"]*">([^<]*)<', content.decode())
    return [text.strip() for text in found]


@pytest.mark.parametrize(
    ("language", "late", "on_time"),
    [
        ("nl", "te laat: niet op tijd overgedragen", "op tijd overgedragen"),
        ("fr", "en retard : pas transféré à temps", "transféré à temps"),
        ("en", "late: not transferred in time", "transferred in time"),
    ],
)
def test_the_receiving_list_says_late_in_words_and_local_times(
    client_for, family, hospital_user, kg_nurse, language, late, on_time
):
    for hours, transferred in [(30, None), (20, NOW - timedelta(hours=19))]:
        discharges.discharge_record(
            by=hospital_user,
            pregnancy=family,
            grant=access.grant_for(hospital_user, family),
            discharged_at=NOW - timedelta(hours=hours),
            to_organisation=kg_nurse.organisation,
            transferred_at=transferred,
        )
    path = f"/{language}/families/discharges/"
    response = client_for(kg_nurse).get(path)
    assert response.status_code == 200
    assert _state_texts(response.content) == [on_time, late]
    text = response.content.decode()
    assert "02/06/2025 06:00" in text  # discharged 30 h before noon, Brussels time
    assert "03/06/2025 06:00" in text  # its deadline
    response = client_for(kg_nurse).get(path, {"late": "1"})
    assert _state_texts(response.content) == [late]
    # the family page of the receiving team says the same
    family_page = client_for(kg_nurse).get(f"/{language}/families/{family.public_id}/")
    assert late in _state_texts(family_page.content)


def test_the_provider_accepts_and_goes_on_to_the_screening(client_for, family, midwife, provider):
    participate(provider)
    proposal = outreach.screening_propose(
        by=midwife,
        pregnancy=family,
        grant=access.grant_for(midwife, family),
        date=timezone.localdate(),
        to_organisation=provider.organisation,
    )
    client = client_for(provider)
    listed = client.get(reverse("pathways:proposals_received"))
    assert str(proposal.public_id).encode() in listed.content
    path = reverse("pathways:proposal_answer", kwargs={"proposal_id": proposal.public_id})
    assert client.post(path, {"status": "declined"}).status_code == 400  # a reason is needed
    response = client.post(path, {"status": "accepted"})
    assert response.status_code == 302
    assert response["Location"] == url("screening_new", family)
    assert client.get(response["Location"]).status_code == 200


def test_outreach_proposes_from_the_family_page(client_for, family, midwife, provider):
    participate(provider)
    response = client_for(midwife).post(
        url("outreach_new", family),
        {"date": "2025-06-03", "to_organisation": str(provider.organisation.public_id)},
    )
    assert response.status_code == 302
    assert ScreeningProposal.objects.get(pregnancy=family).to_organisation == provider.organisation


def test_outreach_to_a_provider_outside_the_programme_is_refused(
    client_for, family, midwife, provider
):
    response = client_for(midwife).post(
        url("outreach_new", family),
        {"date": "2025-06-03", "to_organisation": str(provider.organisation.public_id)},
    )
    assert response.status_code == 400
    assert not ScreeningProposal.objects.exists()

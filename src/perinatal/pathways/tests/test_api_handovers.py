"""The hand-over endpoints of the API: hospital discharges (the transfer within 24 hours of
seed 002, late ones to the receiving organisation) and screenings proposed after outreach.
The right persona succeeds and leaves an access-log row; non-care roles get 403 `forbidden`,
organisations outside the care team 403 `no_access` or 404, nothing stored; errors are
problem details in the caller's language; every operation is in the OpenAPI document."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.network import REFERRAL_ONLY_PERSONAS
from perinatal.api.v1 import api as api_v1
from perinatal.audit.models import AccessEvent
from perinatal.pathways import access
from perinatal.pathways.models import HospitalDischarge, ScreeningProposal
from perinatal.pathways.services import care_team, discharges, outreach

from .api_support import ApiClient, access_rows, api_for
from .factories import participate, register

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2025, 6, 3, 12, 0, tzinfo=BRUSSELS)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(midwife, hospital_user, kg_nurse, provider):
    """Registered by the midwife (consent given); the hospital in the team; a discharge of
    yesterday 11:00 to Kind en Gezin, not transferred (late since today 11:00); a screening
    proposed by the midwife to the participating provider (Kind en Gezin takes part too)."""
    participate(provider)
    participate(kg_nurse)
    pregnancy = register(midwife, registered_on=date(2025, 3, 1), due_date=date(2025, 6, 20))
    care_team.team_member_add(
        by=midwife,
        pregnancy=pregnancy,
        grant=access.grant_for(midwife, pregnancy),
        organisation=hospital_user.organisation,
    )
    discharge = discharges.discharge_record(
        by=hospital_user,
        pregnancy=pregnancy,
        grant=access.grant_for(hospital_user, pregnancy),
        discharged_at=datetime(2025, 6, 2, 11, 0, tzinfo=BRUSSELS),
        to_organisation=kg_nurse.organisation,
    )
    proposal = outreach.screening_propose(
        by=midwife,
        pregnancy=pregnancy,
        grant=access.grant_for(midwife, pregnancy),
        date=date(2025, 6, 2),
        to_organisation=provider.organisation,
    )
    return SimpleNamespace(
        pregnancy=pregnancy,
        id=pregnancy.public_id,
        discharge=discharge,
        proposal=proposal,
        kg=kg_nurse.organisation,
        provider=provider.organisation,
    )


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # with {id}, {discharge}, {proposal}
    who: str  # the persona who may call it
    body: Callable[[SimpleNamespace], dict] | None = None
    ok: int = 200
    stored: Callable[[], int] | None = None

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    def call(self, client, world):
        path = self.path.format(
            id=world.id, discharge=world.discharge.public_id, proposal=world.proposal.public_id
        )
        return client.call(self.method, path, self.body(world) if self.body else None)


FAMILY_ENDPOINTS = [
    Endpoint("GET", "/pregnancies/{id}/discharges", "hospital_user"),
    Endpoint(
        "POST",
        "/pregnancies/{id}/discharges",
        "hospital_user",
        lambda w: {
            "discharged_at": "2025-06-03T08:30:00",
            "to_organisation_id": str(w.kg.public_id),
        },
        201,
        lambda: HospitalDischarge.objects.count(),
    ),
    Endpoint("GET", "/pregnancies/{id}/screening-proposals", "midwife"),
    Endpoint(
        "POST",
        "/pregnancies/{id}/screening-proposals",
        "hospital_user",
        lambda w: {"date": "2025-06-03", "to_organisation_id": str(w.kg.public_id)},
        201,
        lambda: ScreeningProposal.objects.count(),
    ),
]
OTHER_ENDPOINTS = [
    Endpoint("GET", "/discharges/recipients", "hospital_user"),
    Endpoint("GET", "/discharges/received", "kg_nurse"),
    Endpoint(
        "POST",
        "/discharges/{discharge}/transfer",
        "hospital_user",
        lambda w: {"transferred_at": "2025-06-03T09:00:00+02:00"},
        200,
        lambda: HospitalDischarge.objects.filter(transferred_at__isnull=False).count(),
    ),
    Endpoint("GET", "/screening-proposals/providers", "midwife"),
    Endpoint("GET", "/screening-proposals/received", "provider"),
    Endpoint(
        "POST",
        "/screening-proposals/{proposal}/answer",
        "provider",
        lambda w: {"status": "declined", "reason": "Geen plaats"},
        200,
        lambda: ScreeningProposal.objects.filter(status="declined").count(),
    ),
]
ALL_ENDPOINTS = FAMILY_ENDPOINTS + OTHER_ENDPOINTS
NOT_CARE = ["analyst", "editor", "admin_user", "parent", *REFERRAL_ONLY_PERSONAS]
# Endpoints that read nothing of a family (lists of organisations): no access-log row.
NO_FAMILY = {"/discharges/recipients", "/screening-proposals/providers"}


def _stored(endpoint: Endpoint) -> int | None:
    return endpoint.stored() if endpoint.stored else None


@pytest.mark.parametrize("endpoint", ALL_ENDPOINTS, ids=str)
def test_the_right_persona_succeeds_and_an_access_row_is_written(endpoint, world, request):
    user = request.getfixturevalue(endpoint.who)
    rows, stored = access_rows(user), _stored(endpoint)
    response = endpoint.call(api_for(user), world)
    assert response.status_code == endpoint.ok, response.content
    if endpoint.path not in NO_FAMILY:
        assert access_rows(user) > rows
    if stored is not None:
        assert _stored(endpoint) == stored + 1
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("who", NOT_CARE)
@pytest.mark.parametrize("endpoint", ALL_ENDPOINTS, ids=str)
def test_a_token_of_a_non_care_role_is_forbidden(endpoint, who, world, request):
    granted = AccessEvent.objects.filter(outcome="granted")
    rows, stored = granted.count(), _stored(endpoint)
    user = request.getfixturevalue(who)
    response = endpoint.call(api_for(user), world)
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "forbidden"
    assert granted.count() == rows
    # The refused attempt on a family's id is logged (decision 0033); a list names nobody.
    refused = AccessEvent.objects.filter(outcome="refused", actor_username=user.username)
    expected = ["role_never_allowed"] if "{" in endpoint.path else []
    assert list(refused.values_list("refusal", flat=True)) == expected
    assert _stored(endpoint) == stored


@pytest.fixture
def outsider(persona):
    """A hospital outside the family's care team (taking part in the programme)."""
    return participate(persona(Role.HOSPITAL, username="other-hospital"))


@pytest.mark.parametrize("endpoint", FAMILY_ENDPOINTS, ids=str)
def test_an_organisation_outside_the_team_has_no_access(endpoint, world, outsider):
    rows, stored = access_rows(outsider), _stored(endpoint)
    response = endpoint.call(api_for(outsider), world)
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "no_access"
    # One row: the refused attempt (decision 0033).
    assert access_rows(outsider) == rows + 1
    row = AccessEvent.objects.filter(actor_username=outsider.username).latest("id")
    assert (row.outcome, row.refusal) == ("refused", "not_in_care_team")
    assert _stored(endpoint) == stored


@pytest.mark.parametrize("endpoint", OTHER_ENDPOINTS[1:3] + OTHER_ENDPOINTS[4:], ids=str)
def test_another_organisations_hand_overs_are_unknown(endpoint, world, outsider):
    stored = _stored(endpoint)
    response = endpoint.call(api_for(outsider), world)
    if endpoint.method == "GET":
        assert response.status_code == 200
        assert response.json() == []
    else:
        assert response.status_code == 404, response.content
        assert response.json()["code"] == "not_found"
    assert _stored(endpoint) == stored


@pytest.mark.parametrize("endpoint", ALL_ENDPOINTS, ids=str)
def test_a_session_without_a_token_is_not_accepted(endpoint, world, client_for, midwife):
    response = endpoint.call(ApiClient(token=None, client=client_for(midwife)), world)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_the_receiving_team_sees_the_late_discharge_in_words(world, kg_nurse):
    for language, words in [("nl", "te laat"), ("fr", "en retard"), ("en", "late")]:
        (row,) = api_for(kg_nurse, language=language).get("/discharges/received?late=true").json()
        assert row["late"] is True
        assert row["state"] == "late"
        assert words in row["state_label"]
        assert row["discharged_at"] == "2025-06-02T11:00:00+02:00"  # Brussels time
        assert row["deadline_at"] == "2025-06-03T11:00:00+02:00"
        assert row["transferred_at"] is None
        assert row["family"]["mother"] == "Amina Testmoeder"


def test_a_discharge_in_time_is_not_in_the_late_list(world, hospital_user, kg_nurse):
    api_for(hospital_user).post(
        f"/discharges/{world.discharge.public_id}/transfer",
        {"transferred_at": "2025-06-03T11:00:00"},  # 24h00: in time
    )
    client = api_for(kg_nurse)
    assert client.get("/discharges/received?late=true").json() == []
    (row,) = client.get("/discharges/received").json()
    assert (row["state"], row["late"]) == ("on_time", False)


def test_wrong_input_is_a_problem_in_the_callers_language(world, hospital_user, midwife):
    response = api_for(hospital_user, language="fr").post(
        f"/pregnancies/{world.id}/discharges",
        {"discharged_at": "2025-06-04T08:00:00", "to_organisation_id": str(world.kg.public_id)},
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["errors"][0]["field"] == "discharged_at"
    assert "futur" in body["errors"][0]["message"]
    # a recipient that is not of the first line
    response = api_for(hospital_user).post(
        f"/pregnancies/{world.id}/discharges",
        {
            "discharged_at": "2025-06-03T08:00:00",
            "to_organisation_id": str(hospital_user.organisation.public_id),
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "to_organisation_id"
    # only a hospital records a discharge
    response = api_for(midwife).post(
        f"/pregnancies/{world.id}/discharges",
        {"discharged_at": "2025-06-03T08:00:00", "to_organisation_id": str(world.kg.public_id)},
    )
    assert response.status_code == 403
    assert response.json()["code"] == "no_access"
    assert HospitalDischarge.objects.count() == 1


def test_a_screening_rule_refuses_the_proposal_with_its_code(world, midwife):
    participate(midwife)
    api = api_for(midwife, language="nl")
    screened = api.post(
        f"/pregnancies/{world.id}/screenings", {"date": "2025-06-03", "positive": ["housing"]}
    )
    assert screened.status_code == 201, screened.content
    response = api.post(
        f"/pregnancies/{world.id}/screening-proposals",
        {"date": "2025-06-03", "to_organisation_id": str(world.kg.public_id)},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "already_screened"
    assert response.json()["detail"]  # the rule's message, in Dutch
    assert ScreeningProposal.objects.count() == 1


def test_accepting_brings_the_provider_into_the_team(world, provider):
    api = api_for(provider)
    assert api.get(f"/pregnancies/{world.id}").status_code == 403
    answer = api.post(
        f"/screening-proposals/{world.proposal.public_id}/answer", {"status": "accepted"}
    )
    assert answer.json()["status"] == "accepted"
    assert api.get(f"/pregnancies/{world.id}").status_code == 200


def test_the_operations_are_documented():
    paths = api_v1.get_openapi_schema()["paths"]
    assert paths["/api/v1/discharges/received"]["get"]["operationId"] == "discharges_received"
    created = paths["/api/v1/pregnancies/{pregnancy_id}/discharges"]["post"]
    assert {"201", "401", "403", "404", "422"} <= set(created["responses"])

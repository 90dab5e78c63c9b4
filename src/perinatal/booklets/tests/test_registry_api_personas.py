"""Every Kindboekje registry endpoint against every persona: the roles that hand out (Kind en
Gezin, independent midwife, hospital) may, and replace a booklet only in the family's care
team; programme providers and kraamzorg services may ask first but not hand out (403
`no_access`); analysts, editors, administrators and parents are
refused any of it (403 `forbidden`); no token is 401. An allowed call leaves its row in the
access log."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from perinatal.accounts.tests.network import FIRST_LINE_PERSONAS, NETWORK_PERSONAS
from perinatal.booklets.models import Booklet
from perinatal.booklets.services import booklet_hand_out
from perinatal.pathways.tests.api_support import ApiClient, access_rows, api_for
from perinatal.pathways.tests.factories import mother, national_number_for, register

from .factories import born

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 1)
MOTHER_NUMBER = national_number_for(date(1993, 5, 17), 41)
ALL = (
    "kg_nurse",
    "order_desk",
    "midwife",
    "hospital_user",
    "provider",
    "kraamzorg_user",
    "analyst",
    "editor",
    "admin_user",
    "parent",
    *NETWORK_PERSONAS,
)
HANDING_OUT = {"kg_nurse", "order_desk", "midwife", "hospital_user"}
# ONE keeps its own carnet: it asks first but never hands out a Kindboekje (decision 0028).
CARE = HANDING_OUT | {"provider", "kraamzorg_user", *FIRST_LINE_PERSONAS}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(
        datetime(2025, 6, 1, 11, tzinfo=ZoneInfo("Europe/Brussels")), tick=False
    ):
        yield


@pytest.fixture
def world(kg_nurse):
    """A family in pregnancy (known by the mother's national number) and a born child in
    neonatal intensive care, each without a Kindboekje; a third family whose booklet the
    Kind en Gezin nurse handed out."""
    expecting = register(
        kg_nurse,
        registered_on=date(2025, 3, 1),
        mother=mother(national_number=MOTHER_NUMBER, no_national_number=""),
    )
    nicu = born(kg_nurse, on=date(2025, 5, 28), nicu=True)
    handed = register(kg_nurse, registered_on=date(2025, 3, 1))
    booklet = booklet_hand_out(by=kg_nurse, pregnancy=handed, on=date(2025, 5, 2))
    return SimpleNamespace(expecting=expecting, nicu=nicu, booklet=booklet)


def _hand_out_body(persona: str, world) -> dict:
    # Each handing-out role in its own turn: the hospital only at the NICU exception.
    pregnancy = world.nicu if persona == "hospital_user" else world.expecting
    return {"pregnancy_id": str(pregnancy.public_id)}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    body: Callable[[str, SimpleNamespace], dict] | None
    allowed: frozenset[str]
    ok: int = 200

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    def call(self, api: ApiClient, persona: str, world: SimpleNamespace):
        path = self.path.format(booklet=world.booklet.public_id)
        body = self.body(persona, world) if self.body else None
        return api.call(self.method, path, body)


ENDPOINTS = [
    Endpoint(
        "POST",
        "/booklets/status",
        lambda persona, world: {"national_number": MOTHER_NUMBER},
        frozenset(CARE),
    ),
    Endpoint(
        "POST",
        "/booklets/status",
        lambda persona, world: {"pregnancy_id": str(world.nicu.public_id)},
        frozenset(CARE),
    ),
    Endpoint("POST", "/booklets/distributions", _hand_out_body, frozenset(HANDING_OUT), ok=201),
    Endpoint("GET", "/booklets/distributions", None, frozenset(HANDING_OUT)),
    # Only an organisation in the family's care team replaces it (the nurse's team registered
    # the family; docs/decisions/0026).
    Endpoint(
        "POST",
        "/booklets/distributions/{booklet}/replacement",
        lambda persona, world: {"reason": "lost", "note": "lost in a move"},
        frozenset({"kg_nurse"}),
        ok=201,
    ),
    # Only the organisation that recorded the hand-out cancels it (the nurse's team).
    Endpoint(
        "POST",
        "/booklets/distributions/{booklet}/cancellation",
        lambda persona, world: {"note": "recorded for the wrong family"},
        frozenset({"kg_nurse"}),
    ),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
@pytest.mark.parametrize("who", ALL)
def test_only_the_right_personas_may_call_each_endpoint(request, world, endpoint, who):
    user = request.getfixturevalue(who)
    api = api_for(user)
    before = access_rows(user)
    booklets_before = Booklet.objects.count()
    response = endpoint.call(api, who, world)
    if who in endpoint.allowed:
        assert response.status_code == endpoint.ok, response.content
        if endpoint.method == "GET":  # a row per family listed (the nurse's team: one)
            listed = {b["pregnancy_id"] for b in response.json()["contents"]}
            assert access_rows(user) - before == len(listed) == (who == "kg_nurse")
        else:
            assert access_rows(user) > before
        return
    assert response.status_code == 403, response.content
    expected = "no_access" if who in CARE else "forbidden"
    assert response.json()["code"] == expected
    assert response.json()["message"]
    assert Booklet.objects.count() == booklets_before
    assert Booklet.objects.get(pk=world.booklet.pk).voided_on is None


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_no_token_is_not_authenticated(world, endpoint):
    response = endpoint.call(ApiClient(token=None), "kg_nurse", world)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_a_session_without_a_token_is_not_accepted(client_for, kg_nurse, world, endpoint):
    api = ApiClient(token=None, client=client_for(kg_nurse))
    assert endpoint.call(api, "kg_nurse", world).status_code == 401


def test_the_schema_lists_the_registry_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    operations = {
        (method.upper(), path)
        for path, item in paths.items()
        if path.startswith("/api/v1/booklets/status") or "/booklets/distributions" in path
        for method in item
    }
    assert operations == {
        ("POST", "/api/v1/booklets/status"),
        ("POST", "/api/v1/booklets/distributions"),
        ("GET", "/api/v1/booklets/distributions"),
        ("POST", "/api/v1/booklets/distributions/{booklet_id}/replacement"),
        ("POST", "/api/v1/booklets/distributions/{booklet_id}/cancellation"),
    }
    hand_out = paths["/api/v1/booklets/distributions"]["post"]
    assert {"201", "401", "403", "404", "422"} <= set(hand_out["responses"])
    assert hand_out["tags"] == ["Kindboekje"]
    assert hand_out["security"] == [{"BearerToken": []}]

"""Who may call kraamzorg's API: care professionals with a token. Analysts, editors,
administrators and parents are refused every operation (403 `forbidden`), a call without a
token 401; the operations are in the OpenAPI schema under the tag "kraamzorg"."""

import pytest

from perinatal.accounts.tests.network import REFERRAL_ONLY_PERSONAS
from perinatal.api.v1 import api
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import KraamzorgRequest, Visit
from perinatal.pathways.tests.api_support import api_for

from .care_support import make_request
from .intake_support import offer_for

pytestmark = pytest.mark.django_db
# The actors who only refer use the pages, never the API (docs/decisions/0028-care-network.md).
REFUSED_PERSONAS = ["editor", "analyst", "admin_user", "parent", *REFERRAL_ONLY_PERSONAS]


def calls(request_id: str) -> list[tuple[str, str, dict | None]]:
    base = f"/kraamzorg/requests/{request_id}"
    return [
        ("GET", "/kraamzorg/services?postcode=1080", None),
        ("GET", "/kraamzorg/requests", None),
        ("POST", "/kraamzorg/requests", {"pregnancy_id": request_id, "reason": "x"}),
        ("GET", base, None),
        ("POST", f"{base}/decision", {"status": "waiting"}),
        ("POST", f"{base}/forward", {"service_id": "KZ00001"}),
        ("POST", f"{base}/withdraw", {}),
        ("GET", f"{base}/visits", None),
        ("POST", f"{base}/visits", {"date": "2025-03-02", "hours": "4", "carer": "Anna"}),
        ("POST", f"{base}/close", {}),
        ("GET", f"{base}/statements/2025/3", None),
    ]


@pytest.mark.parametrize("who", REFUSED_PERSONAS)
def test_other_personas_are_refused_every_kraamzorg_operation(request, kraamzorg_user, who):
    made = make_request(offer_for(kraamzorg_user), status=RequestStatus.ACCEPTED)
    client = api_for(request.getfixturevalue(who))
    for method, path, body in calls(str(made.public_id)):
        response = client.call(method, path, body)
        assert response.status_code == 403, (method, path)
        assert response.json()["code"] == "forbidden"
    made.refresh_from_db()
    assert made.status == "accepted"
    assert KraamzorgRequest.objects.count() == 1 and not Visit.objects.exists()


def test_without_a_token_every_kraamzorg_operation_answers_401(client, kraamzorg_user):
    made = make_request(offer_for(kraamzorg_user))
    for method, path, _body in calls(str(made.public_id)):
        response = getattr(client, method.lower())(f"/api/v1{path}")
        assert response.status_code == 401, (method, path)
        assert response.json()["code"] == "not_authenticated"


def test_a_session_is_not_accepted(client_for, kraamzorg_user):
    offer_for(kraamzorg_user)
    assert client_for(kraamzorg_user).get("/api/v1/kraamzorg/requests").status_code == 401


def test_a_professional_without_a_service_gets_no_queue_but_her_referrals(kg_nurse):
    answer = api_for(kg_nurse).get("/kraamzorg/requests")
    assert answer.status_code == 200 and answer.json()["total_items"] == 0


def test_the_kraamzorg_operations_are_in_the_openapi_schema():
    schema = api.get_openapi_schema()
    expected = {
        ("/api/v1/kraamzorg/requests", "get"),
        ("/api/v1/kraamzorg/requests", "post"),
        ("/api/v1/kraamzorg/requests/{request_id}", "get"),
        ("/api/v1/kraamzorg/requests/{request_id}/decision", "post"),
        ("/api/v1/kraamzorg/requests/{request_id}/forward", "post"),
        ("/api/v1/kraamzorg/requests/{request_id}/visits", "get"),
        ("/api/v1/kraamzorg/requests/{request_id}/visits", "post"),
        ("/api/v1/kraamzorg/requests/{request_id}/close", "post"),
        ("/api/v1/kraamzorg/requests/{request_id}/statements/{year}/{month}", "get"),
    }
    for path, method in expected:
        operation = schema["paths"][path][method]
        assert operation["tags"] == ["kraamzorg"], path
        assert operation["security"] == [{"BearerToken": []}], path
    components = schema["components"]["schemas"]
    assert {"KraamzorgRequestOut", "KraamzorgRequestPage", "KraamzorgStatementOut"} <= set(
        components
    )

"""Editors correct a service through the API: session login, second factor, CSRF token."""

import json
from decimal import Decimal

import pytest

from django.test import Client

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import logged_in_client
from perinatal.audit.models import ChangeEvent
from perinatal.directory.models import Contact, CostOption, Phone, Schedule
from perinatal.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_editor(editor):
    """An editor's verified session in a client that enforces CSRF, with the token."""
    client = logged_in_client(editor, client=Client(enforce_csrf_checks=True))
    client.get("/nl/")  # sets the CSRF cookie
    return client, client.cookies["csrftoken"].value


def _patch(client, service, body, token=None):
    headers = {"X-CSRFToken": token} if token else {}
    return client.patch(
        f"/api/v1/services/{service.id}",
        data=json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


def test_editor_corrects_a_service_with_history(csrf_editor):
    client, token = csrf_editor
    service = ServiceFactory(description_fr="Ancien.", phases=["prenatal"])
    response = _patch(
        client,
        service,
        {"description_fr": "Nouveau.", "phases": ["birth"], "reason": "téléphone"},
        token,
    )
    assert response.status_code == 200, response.content
    assert response.json()["changed"] == {
        "description_fr": ["Ancien.", "Nouveau."],
        "phases": [["prenatal"], ["birth"]],
    }
    event = ChangeEvent.objects.get(object_id=str(service.id))
    assert (event.actor_username, event.reason) == ("editor", "téléphone")


def test_without_the_csrf_token_nothing_changes(csrf_editor):
    client, _token = csrf_editor
    service = ServiceFactory(description_fr="Ancien.")
    response = _patch(client, service, {"description_fr": "Nouveau."})
    assert response.status_code == 403
    service.refresh_from_db()
    assert service.description_fr == "Ancien."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"cost_category": "cheap"}, "cost_category"),
        ({"phases": ["someday"]}, "phases"),
        ({"name_fr": ""}, "name_fr"),
        ({"name_nl": "x" * 301}, "name_nl"),
    ],
)
def test_bad_corrections_are_refused_naming_the_field(csrf_editor, body, field):
    client, token = csrf_editor
    service = ServiceFactory(name_fr="Nom")
    response = _patch(client, service, body, token)
    assert response.status_code == 422
    payload = response.json()
    fields = [e.get("field") for e in payload.get("errors", [])] + [payload.get("field")]
    assert any(f and f.startswith(field) for f in fields), payload
    assert not ChangeEvent.objects.exists()


@pytest.mark.parametrize("role", [Role.PARENT, Role.KG_PROFESSIONAL, Role.ANALYST])
def test_other_personas_are_refused(persona_client, role):
    client = persona_client(role)
    service = ServiceFactory(description_nl="Vast.")
    response = client.patch(
        f"/api/v1/services/{service.id}",
        data=json.dumps({"description_nl": "Anders."}),
        content_type="application/json",
    )
    assert response.status_code == 403
    service.refresh_from_db()
    assert service.description_nl == "Vast."


def test_anonymous_is_refused(client):
    service = ServiceFactory()
    response = client.patch(
        f"/api/v1/services/{service.id}", data="{}", content_type="application/json"
    )
    assert response.status_code == 401


def test_sets_are_given_whole_rows_kept_changed_added_and_removed(csrf_editor):
    client, token = csrf_editor
    service = ServiceFactory()
    kept = Phone.objects.create(service=service, number="+3222167944", description="Onthaal")
    Phone.objects.create(service=service, number="+32471842993")
    body = {
        "phones": [
            {"id": str(kept.id), "number": "02 216 79 44", "description": "Secretariaat"},
            {"number": "0471 84 29 94", "type": "cell"},
        ],
        "hours": [{"days": ["MO", "FR"], "opens_at": "09:00", "closes_at": "12:00"}],
        "addresses": [{"address_1": "Deltastraat 65", "postal_code": "1190", "city_fr": "Forest"}],
        "cost_options": [{"amount": "4.50", "option_fr": "par consultation"}],
        "contacts": [{"name": "Accueil", "phone": "1733"}],
        "application_process_fr": "Appelez.",
        "reason": "appel",
    }
    response = _patch(client, service, body, token)
    assert response.status_code == 200, response.content
    assert sorted((str(p.number), p.type, p.description) for p in service.phones.all()) == [
        ("+3222167944", "voice", "Secretariaat"),
        ("+32471842994", "cell", ""),
    ]
    schedule = Schedule.objects.get(service=service)
    assert (schedule.byday, str(schedule.opens_at)) == ("MO,FR", "09:00:00")
    assert CostOption.objects.get(service=service).amount == Decimal("4.50")
    assert [str(p.number) for p in Contact.objects.get(service=service).phones.all()] == ["1733"]
    (event,) = ChangeEvent.objects.filter(object_id=str(service.id))
    assert event.changes == response.json()["changed"]
    assert event.changes["application_process_fr"] == [None, "Appelez."]
    assert event.changes[f"phones.{str(kept.id)[:8]}.description"] == [
        "Onthaal",
        "Secretariaat",
    ]
    answer = response.json()["service"]
    assert {p["number"] for p in answer["phones"]} == {"+3222167944", "+32471842994"}
    # The same body again changes nothing.
    body["phones"][1]["id"] = next(str(p.id) for p in service.phones.all() if p.pk != kept.pk)
    body["hours"][0]["id"] = str(schedule.id)
    body["addresses"][0]["id"] = str(service.service_at_locations.get().location_id)
    body["cost_options"][0]["id"] = str(CostOption.objects.get().id)
    body["contacts"][0]["id"] = str(Contact.objects.get().id)
    again = _patch(client, service, body, token)
    assert again.status_code == 200 and again.json()["changed"] == {}


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"phones": [{"number": "02 216 79 4"}]}, "phones[0].number", "not a valid phone"),
        (
            {"hours": [{"days": ["MO"], "opens_at": "12:00", "closes_at": "09:00"}]},
            "hours[0].closes_at",
            "must come after",
        ),
        (
            {"addresses": [{"address_1": "Rue Haute 1", "postal_code": "99", "city_fr": "X"}]},
            "addresses[0].postal_code",
            "not a Belgian postcode",
        ),
        (
            {"phones": [{"id": "11111111-1111-4111-8111-111111111111", "number": "1733"}]},
            "phones[0].id",
            "No such row",
        ),
        ({"contacts": [{"name": ""}]}, "contacts[0]", "Give the contact a name"),
    ],
    ids=["malformed phone", "closes before it opens", "bad postcode", "unknown row", "empty"],
)
def test_a_bad_row_is_refused_naming_set_row_and_field(csrf_editor, body, field, says):
    client, token = csrf_editor
    service = ServiceFactory()
    Phone.objects.create(service=service, number="+3222167944")
    response = client.patch(
        f"/api/v1/services/{service.id}",
        data=json.dumps({**body, "description_nl": "Anders."}),
        content_type="application/json",
        headers={"X-CSRFToken": token, "Accept-Language": "en"},
    )
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert any(e["field"] == field and says in e["message"] for e in errors), errors
    assert [str(p.number) for p in service.phones.all()] == ["+3222167944"]
    assert not ChangeEvent.objects.exists()


def test_the_openapi_schema_describes_the_sets(client):
    schema = client.get("/api/v1/openapi.json").json()
    patch = schema["components"]["schemas"]["ServicePatch"]["properties"]
    for name in ("phones", "contacts", "addresses", "hours", "cost_options"):
        assert name in patch
    assert "application_process_fr" in patch
    assert "contact_id" in schema["components"]["schemas"]["PhoneOut"]["properties"]

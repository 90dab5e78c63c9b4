"""Editors correct a service through the API: session login, second factor, CSRF token."""

import json

import pytest

from django.test import Client

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import logged_in_client
from perinatal.audit.models import ChangeEvent
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

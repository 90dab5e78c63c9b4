"""Editors correct entries (history kept), verify them and see what is stale."""

from datetime import date, timedelta

import pytest

from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from perinatal.accounts.constants import Role
from perinatal.audit.models import ChangeEvent
from perinatal.core.tests.html_forms import as_post_data, submitted
from perinatal.directory import services as directory_services
from perinatal.directory.selectors import services_unverified_since
from perinatal.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _form_data(client, service, **overrides):
    """What the edit page posts unchanged (as a browser would), with `overrides`."""
    url = reverse("directory:service_edit", kwargs={"service_id": service.id})
    data = as_post_data(submitted(client.get(url).content.decode(), form_id="service-edit"))
    data.update({key: [value] for key, value in overrides.items()})
    return data


def test_editor_correction_is_stored_with_old_and_new_value(editor_client, editor):
    service = ServiceFactory(description_fr="Ancien texte.")
    url = reverse("directory:service_edit", kwargs={"service_id": service.id})
    response = editor_client.post(
        url,
        _form_data(
            editor_client, service, description_fr="Nouveau texte.", reason="appel du service"
        ),
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.description_fr == "Nouveau texte."
    event = ChangeEvent.objects.get(object_id=str(service.id), action="update")
    assert event.changes == {"description_fr": ["Ancien texte.", "Nouveau texte."]}
    assert (event.actor_username, event.actor_role, event.reason) == (
        "editor",
        Role.DIRECTORY_EDITOR,
        "appel du service",
    )
    page = editor_client.get(url)
    assert "Nouveau texte." in page.content.decode() and "appel du service" in page.content.decode()


def test_saving_an_unchanged_form_writes_no_history(editor_client):
    service = ServiceFactory(phases=["prenatal"], needs=["mental_health"], spoken=["fr"])
    url = reverse("directory:service_edit", kwargs={"service_id": service.id})
    editor_client.post(url, _form_data(editor_client, service))
    assert not ChangeEvent.objects.filter(object_id=str(service.id)).exists()


def test_related_changes_are_logged(editor):
    service = ServiceFactory(phases=["prenatal"], spoken=["fr"])
    changes = directory_services.service_update(
        service=service,
        data={"phases": ["prenatal", "birth"], "languages": ["fr", "ar"]},
        by=editor,
    )
    assert changes == {
        "phases": [["prenatal"], ["birth", "prenatal"]],
        "languages": [["fr"], ["ar", "fr"]],
    }


def test_edit_without_french_name_is_refused_and_changes_nothing(editor_client):
    service = ServiceFactory(name_fr="Nom")
    url = reverse("directory:service_edit", kwargs={"service_id": service.id})
    response = editor_client.post(
        url, _form_data(editor_client, service, name_fr="", description_nl="x")
    )
    assert response.status_code == 400
    service.refresh_from_db()
    assert service.name_fr == "Nom"
    assert not ChangeEvent.objects.exists()


def test_html_in_an_edit_is_shown_as_text(editor_client, client):
    service = ServiceFactory()
    url = reverse("directory:service_edit", kwargs={"service_id": service.id})
    editor_client.post(
        url, _form_data(editor_client, service, description_nl="<script>alert(1)</script>")
    )
    page = editor_client.get(reverse("directory:service", kwargs={"service_id": service.id}))
    html = page.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "role", [Role.PARENT, Role.KG_PROFESSIONAL, Role.ANALYST, Role.INDEPENDENT_MIDWIFE]
)
def test_other_personas_cannot_edit(persona_client, role):
    service = ServiceFactory(description_nl="Vast.")
    client = persona_client(role)
    url = reverse("directory:service_edit", kwargs={"service_id": service.id})
    assert client.get(url).status_code == 403
    assert client.post(url, {"description_nl": "Gewijzigd"}).status_code == 403
    assert client.get(reverse("directory:editor_queue")).status_code == 403
    service.refresh_from_db()
    assert service.description_nl == "Vast."


def test_anonymous_is_sent_to_login(client):
    service = ServiceFactory()
    response = client.get(reverse("directory:service_edit", kwargs={"service_id": service.id}))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_stale_list_holds_entries_unverified_for_twelve_months(editor):
    today = timezone.localdate()
    never = ServiceFactory()
    old = ServiceFactory(last_verified=today - timedelta(days=366))
    recent = ServiceFactory(last_verified=today - timedelta(days=300))
    stale = set(services_unverified_since(365))
    assert {never, old} <= stale and recent not in stale
    directory_services.service_verify(service=old, by=editor)
    assert old not in set(services_unverified_since(365))


def test_verify_records_who_and_when(editor_client, editor):
    service = ServiceFactory()
    editor_client.post(reverse("directory:service_verify", kwargs={"service_id": service.id}))
    service.refresh_from_db()
    assert service.last_verified == timezone.localdate()
    assert service.verified_by == "editor"
    assert ChangeEvent.objects.filter(object_id=str(service.id), action="verify").exists()


def test_verify_on_a_given_day(editor):
    service = ServiceFactory()
    directory_services.service_verify(service=service, by=editor, on=date(2026, 1, 5))
    service.refresh_from_db()
    assert service.last_verified == date(2026, 1, 5)


@pytest.mark.parametrize("statement", ["update", "delete"])
def test_the_change_log_refuses_updates_and_deletes(audit_guarded, editor, statement):
    service = ServiceFactory()
    directory_services.service_verify(service=service, by=editor)
    events = ChangeEvent.objects.filter(object_id=str(service.id))
    with pytest.raises(DatabaseError), transaction.atomic():
        if statement == "update":
            events.update(reason="rewritten")
        else:
            events.delete()
    assert events.get().reason == ""

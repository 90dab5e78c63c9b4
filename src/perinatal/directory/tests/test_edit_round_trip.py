"""Saving an edit form unchanged changes nothing: open the page, post what it shows, compare.

The form is read as a browser submits it (perinatal.core.tests.html_forms), so a page that
opens with the wrong boxes ticked fails here, as it once did: every phase and every need
came back ticked and were saved onto the service.
"""

import pytest

from django.forms.models import model_to_dict
from django.urls import reverse

from perinatal.audit.models import ChangeEvent
from perinatal.core.tests.html_forms import as_post_data, submitted
from perinatal.directory.details import load_details
from perinatal.directory.models import Service
from perinatal.directory.selectors import service_get
from perinatal.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _state(service: Service) -> dict:
    """Every field and relation an editor can touch, read fresh from the database."""
    service = Service.objects.get(pk=service.pk)
    fields = model_to_dict(service, exclude=["phases", "needs"])
    fields.pop("updated_at", None)
    # The untranslated name of a translated field shows the active language's column.
    for name in [n for n in fields if f"{n}_nl" in fields]:
        fields.pop(name)
    return {
        "fields": fields,
        "phases": sorted(service.phases.values_list("code", flat=True)),
        "needs": sorted(service.needs.values_list("code", flat=True)),
        "languages": sorted(service.languages.values_list("code", "note")),
        "phones": sorted(service.phones.values_list("number", "type", "description")),
        "contacts": sorted(service.contacts.values_list("name", "title", "email")),
        "schedules": sorted(
            (s.description, s.byday, str(s.opens_at), str(s.closes_at))
            for s in service.schedules.all()
        ),
        "locations": sorted(str(sal.location_id) for sal in service.service_at_locations.all()),
        "areas": sorted(service.areas.values_list("level", "nis")),
    }


def _differences(before: dict, after: dict) -> dict:
    flat_before = {**before.pop("fields"), **before}
    flat_after = {**after.pop("fields"), **after}
    return {
        key: (flat_before.get(key), flat_after.get(key))
        for key in flat_before.keys() | flat_after.keys()
        if flat_before.get(key) != flat_after.get(key)
    }


SERVICES = {
    "a few terms and languages": {
        "phases": ["birth"],
        "needs": ["home_birth"],
        "spoken": ["fr", "nl"],
        "description_fr": "Texte.",
        "areas": ["04000", "02000", "10000"],
    },
    "no terms at all": {"phases": [], "needs": [], "spoken": []},
    "municipalities served": {
        "areas": ["21012", "21011", "21004", "46030", "63067"],
        "phases": ["postnatal"],
    },
    "unknown prescription, known referral": {
        "phases": ["prenatal", "postnatal"],
        "needs": ["mental_health"],
        "prescription_required": None,
        "referral_required": True,
        "programme_1000_days": True,
    },
}


@pytest.mark.parametrize("case", SERVICES.values(), ids=SERVICES.keys())
@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_service_edit_form_saved_unchanged_changes_nothing(editor_client, case, lang):
    ServiceFactory(phases=["prenatal", "birth", "postnatal"], needs=["breastfeeding"])
    service = ServiceFactory(**case)
    before = _state(service)
    url = reverse("directory:service_edit", kwargs={"service_id": service.id}).replace(
        "/nl/", f"/{lang}/", 1
    )
    page = editor_client.get(url)
    assert page.status_code == 200
    response = editor_client.post(
        url, as_post_data(submitted(page.content.decode(), form_id="service-edit"))
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _differences(before, _state(service)) == {}
    assert not ChangeEvent.objects.filter(object_id=str(service.id)).exists()


def test_loaded_relations_answer_further_queries_for_their_own_service_only():
    ServiceFactory(
        phases=["prenatal", "birth", "postnatal"], needs=["breastfeeding", "perinatal_grief"]
    )
    service = ServiceFactory(phases=["birth"], needs=["home_birth"], spoken=["fr"])
    loaded = service_get(service.id)
    assert [t.code for t in loaded.phases.all()] == ["birth"]
    assert list(loaded.phases.values_list("code", flat=True)) == ["birth"]
    assert list(loaded.needs.filter(code="perinatal_grief")) == []
    assert loaded.needs.count() == 1 and loaded.languages.exists()
    assert list(loaded.languages.values_list("code", flat=True)) == ["fr"]
    (again,) = load_details([Service.objects.get(pk=service.pk)])
    assert list(again.phones.all().values_list("number", flat=True)) == []

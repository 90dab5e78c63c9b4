"""The search index stores each service's HSDS answer; it must follow every change shown in it."""

import json

import pytest

from perinatal.directory.details import load_details
from perinatal.directory.hsds.dump import service_hsds_json
from perinatal.directory.models import (
    Address,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceLanguage,
)
from perinatal.directory.search.models import SearchDocument
from perinatal.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _fresh(service_id, lang):
    service = Service.objects.select_related("organization").get(pk=service_id)
    load_details([service])
    return json.loads(service_hsds_json(service, lang))


def _stored(service_id, lang):
    return json.loads(SearchDocument.objects.get(service_id=service_id, lang=lang).hsds)


def _location(service):
    return Location.objects.get(service_at_locations__service=service)


CHANGES = {
    "service phone added": lambda s: Phone.objects.create(service=s, number="+32 2 216 79 44"),
    "location phone added": lambda s: Phone.objects.create(
        location=_location(s), number="+32 2 431 77 00"
    ),
    "cost option added": lambda s: CostOption.objects.create(
        service=s, amount=5, option_nl="per uur"
    ),
    "cost option removed": lambda s: CostOption.objects.filter(service=s).delete(),
    "contact added": lambda s: Contact.objects.create(service=s, department="Onthaal"),
    "contact phone added": lambda s: Phone.objects.create(
        contact=Contact.objects.create(service=s, department="Onthaal"), number="0471 84 29 93"
    ),
    "schedule added": lambda s: Schedule.objects.create(service=s, description_nl="ma-vr"),
    "location schedule added": lambda s: Schedule.objects.create(
        location=_location(s), description_nl="di"
    ),
    "address changed": lambda s: Address.save(
        _with(Address.objects.get(location=_location(s)), address_1="Nieuwstraat 1")
    ),
    "location renamed": lambda s: _rename_location(s),
    "language added": lambda s: ServiceLanguage.objects.create(service=s, code="ar"),
    "service edited": lambda s: Service.objects.get(pk=s.pk).__class__.save(
        _with(Service.objects.get(pk=s.pk), description_fr="Nouveau.")
    ),
    "organisation renamed": lambda s: Organization.save(
        _with(Organization.objects.get(pk=s.organization_id), name_nl="Nieuwe naam")
    ),
}


def _with(obj, **values):
    for key, value in values.items():
        setattr(obj, key, value)
    return obj


def _rename_location(service):
    location = _location(service)
    location.name_nl = "Nieuwe locatie"
    location.save()


@pytest.mark.parametrize("change", list(CHANGES))
def test_stored_answer_follows_each_change(change, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        service = ServiceFactory(
            phases=["prenatal"],
            spoken=["fr"],
            address=("Deltastraat 65", "1190", "Vorst", "Forest"),
        )
        CostOption.objects.create(service=service, amount=250, option_nl="verblijf")
    with django_capture_on_commit_callbacks(execute=True):
        CHANGES[change](service)
    for lang in ("nl", "fr", "en"):
        assert _stored(service.id, lang) == _fresh(service.id, lang)


def test_api_answer_is_the_stored_answer(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        service = ServiceFactory(name_fr="Deuil périnatal", description_fr="Soutien au deuil.")
    body = client.get("/api/v1/services", {"q": "deuil", "lang": "fr"}).json()
    assert body["total_items"] == 1 and body["size"] == 1 and not body["empty"]
    assert body["contents"] == [_fresh(service.id, "fr")]


def test_a_document_without_a_stored_answer_is_answered_from_the_tables(client):
    service = ServiceFactory(name_nl="Kraamzorg thuis")
    from perinatal.directory.search.index import reindex_services

    reindex_services([service.id])
    SearchDocument.objects.filter(service=service).update(hsds=None)
    body = client.get("/api/v1/services", {"q": "kraamzorg"}).json()
    assert body["contents"] == [_fresh(service.id, "nl")]

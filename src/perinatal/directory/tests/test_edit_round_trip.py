"""Saving an edit form unchanged changes nothing: open the page, post what it shows, compare.

The form is read as a browser submits it (perinatal.core.tests.html_forms), so a page that
opens with the wrong boxes ticked fails here, as it once did: every phase and every need
came back ticked and were saved onto the service.
"""

import datetime
from decimal import Decimal

import pytest

from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import translation

from perinatal.audit.models import ChangeEvent
from perinatal.core.tests.html_forms import as_post_data, submitted
from perinatal.directory.details import load_details
from perinatal.directory.models import (
    Address,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)
from perinatal.directory.selectors import service_get
from perinatal.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _phones(rows) -> list[tuple]:
    return sorted((str(p.number), p.type, p.description, p.needs_check) for p in rows)


def _texts(obj, *names: str) -> tuple:
    return tuple(getattr(obj, f"{name}_{lang}") for name in names for lang in ("nl", "fr", "en"))


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
        "phones": _phones(service.phones.all()),
        "contacts": sorted(
            (c.name, c.title, c.department, c.email, tuple(_phones(c.phones.all())))
            for c in service.contacts.all()
        ),
        "schedules": sorted(
            (s.freq, s.byday, str(s.opens_at), str(s.closes_at), *_texts(s, "description"))
            for s in service.schedules.all()
        ),
        "locations": sorted(
            (
                str(sal.location_id),
                sal.description,
                sal.location.location_type,
                *_texts(sal.location, "name", "description"),
                tuple(
                    sorted(
                        (
                            a.address_1,
                            a.address_2,
                            a.postal_code,
                            a.region,
                            a.country,
                            a.address_type,
                            *_texts(a, "city"),
                        )
                        for a in sal.location.addresses.all()
                    )
                ),
                tuple(_phones(sal.location.phones.all())),
            )
            for sal in service.service_at_locations.select_related("location")
        ),
        "cost_options": sorted(
            (
                str(o.amount),
                o.currency,
                str(o.valid_from),
                str(o.valid_to),
                *_texts(o, "option", "amount_description"),
            )
            for o in service.cost_options.all()
        ),
        "organization": _organization_state(service.organization),
        "areas": sorted(service.areas.values_list("level", "nis")),
    }


def _organization_state(organization: Organization) -> dict:
    organization = Organization.objects.get(pk=organization.pk)
    fields = model_to_dict(organization)
    fields.pop("updated_at", None)
    for name in [n for n in fields if f"{n}_nl" in fields]:
        fields.pop(name)
    return {
        **fields,
        "phones": _phones(organization.phones.all()),
        "contacts": sorted((c.name, c.email) for c in organization.contacts.all()),
        "services": sorted(str(pk) for pk in organization.services.values_list("pk", flat=True)),
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
    "every part a reader needs": {"phases": ["prenatal"], "parts": True},
}


def _add_every_part(service: Service) -> None:
    """Phones (one short, one unreadable and flagged, one of a kind we do not offer), contacts
    (one with two phones), locations (one shared with another service, one without an
    address), opening hours (one with BYDAY parts the form does not show), languages (one we
    do not list), cost options; the organisation's phones."""
    Phone.objects.create(service=service, number="+3222167944", description="Onthaal")
    Phone.objects.create(service=service, number="1733")
    Phone.objects.create(service=service, number="02 216 79 4", needs_check=True)
    Phone.objects.create(service=service, number="+32471842993", type="sms-only")
    Phone.objects.create(organization=service.organization, number="+3225551234", type="fax")
    desk = Contact.objects.create(
        service=service, name="Onthaal", title="Maatschappelijk werker", department="Intake"
    )
    Phone.objects.create(contact=desk, number="+3222167945")
    Phone.objects.create(contact=desk, number="+3222167946", type="fax")
    Contact.objects.create(service=service, email="info@example.be")
    shared = Location.objects.create(
        organization=service.organization, name_nl="Campus", name_fr="Campus"
    )
    Address.objects.create(
        location=shared,
        address_1="Deltastraat 65",
        address_2="2de verdieping",
        postal_code="1190",
        city_nl="Vorst",
        city_fr="Forest",
        city_en="Forest",
        region="Brussels Hoofdstedelijk Gewest",
    )
    Phone.objects.create(location=shared, number="+3223759504")
    ServiceAtLocation.objects.create(service=service, location=shared, description="Ingang B")
    ServiceAtLocation.objects.create(service=ServiceFactory(), location=shared)
    online = Location.objects.create(organization=service.organization, location_type="virtual")
    ServiceAtLocation.objects.create(service=service, location=online)
    Schedule.objects.create(
        service=service,
        freq="WEEKLY",
        byday="MO,TU,TH",
        opens_at=datetime.time(9, 0),
        closes_at=datetime.time(12, 30),
        description_nl="Zonder afspraak",
        description_fr="Sans rendez-vous",
    )
    Schedule.objects.create(service=service, freq="MONTHLY", byday="1MO", description_en="First")
    Schedule.objects.create(
        service=service, opens_at=datetime.time(13, 0), closes_at=datetime.time(17, 0)
    )
    ServiceLanguage.objects.create(service=service, code="fr", note="interprète possible")
    ServiceLanguage.objects.create(service=service, code="ar")
    ServiceLanguage.objects.create(service=service, code="wo")
    CostOption.objects.create(
        service=service, amount=Decimal("4.50"), option_nl="per consultatie", option_fr="par"
    )
    CostOption.objects.create(
        service=service, amount=Decimal("250"), amount_description_nl="verblijf"
    )
    CostOption.objects.create(service=service, option_en="Free for the first visit")


@pytest.mark.parametrize("case", SERVICES.values(), ids=SERVICES.keys())
@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_service_edit_form_saved_unchanged_changes_nothing(editor_client, case, lang):
    ServiceFactory(phases=["prenatal", "birth", "postnatal"], needs=["breastfeeding"])
    case = dict(case)
    parts = case.pop("parts", False)
    service = ServiceFactory(**case)
    if parts:
        _add_every_part(service)
    before = _state(service)
    with translation.override(lang):
        url = reverse("directory:service_edit", kwargs={"service_id": service.id})
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


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_organization_edit_form_saved_unchanged_changes_nothing(editor_client, lang):
    service = ServiceFactory()
    _add_every_part(service)
    organization = service.organization
    organization.description_en = "An organisation in Brussels."
    organization.website = "https://www.example.be/"
    organization.save()
    before = _organization_state(organization)
    with translation.override(lang):
        url = reverse("directory:organization_edit", kwargs={"organization_id": organization.id})
    page = editor_client.get(url)
    assert page.status_code == 200
    response = editor_client.post(
        url, as_post_data(submitted(page.content.decode(), form_id="organization-edit"))
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _organization_state(organization) == before
    assert not ChangeEvent.objects.filter(object_id=str(organization.id)).exists()

"""Editors add, change and remove the rows a reader needs (phones, contacts, addresses,
opening hours, languages, prices) on the service's page: each save is one change-log row
listing every field changed, and bad input stores nothing and says what is wrong where."""

import datetime
import html
from decimal import Decimal

import pytest

from django.urls import reverse
from django.utils import translation

from perinatal.audit.models import ChangeEvent
from perinatal.core.tests.html_forms import as_post_data, submitted
from perinatal.directory.models import (
    Address,
    Contact,
    CostOption,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)
from perinatal.directory.tests.factories import OrganizationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


class EditPage:
    """An edit page as a browser shows it; `fill` changes fields, `post` saves."""

    def __init__(self, client, url: str, form_id: str = "service-edit") -> None:
        self.client, self.url = client, url
        page = client.get(url)
        assert page.status_code == 200
        raw = page.content.decode()
        self.html = html.unescape(raw)  # the text as read
        self.data = as_post_data(submitted(raw, form_id=form_id))

    def new_row(self, prefix: str) -> str:
        """The field prefix of the set's empty row ("phones-2-")."""
        return f"{prefix}-{self.data[f'{prefix}-INITIAL_FORMS'][0]}-"

    def row(self, prefix: str, index: int) -> str:
        return f"{prefix}-{index}-"

    def fill(self, values: dict) -> "EditPage":
        for name, value in values.items():
            self.data[name] = value if isinstance(value, list) else [value]
        return self

    def post(self):
        return self.client.post(self.url, self.data)


def _service_page(client, service, lang: str = "nl") -> EditPage:
    with translation.override(lang):
        url = reverse("directory:service_edit", kwargs={"service_id": service.id})
    return EditPage(client, url)


def _event(service) -> ChangeEvent:
    return ChangeEvent.objects.get(object_id=str(service.id), action="update")


def _short(obj) -> str:
    return str(obj.pk)[:8]


def test_an_editor_adds_a_phone_as_people_write_it_and_it_is_stored_in_e164(editor_client):
    service = ServiceFactory()
    page = _service_page(editor_client, service)
    new = page.new_row("phones")
    response = page.fill({f"{new}number": "02/216.79.44", f"{new}description": "Onthaal"}).post()
    assert response.status_code == 302, response.content.decode()[:3000]
    phone = service.phones.get()
    assert (str(phone.number), phone.type, phone.description) == ("+3222167944", "voice", "Onthaal")
    assert _event(service).changes == {
        f"phones.{_short(phone)}": [None, "+3222167944 · voice · Onthaal"]
    }
    # The page shows it in the national form, and saving it again changes nothing.
    again = _service_page(editor_client, service)
    assert again.data["phones-0-number"] == ["02 216 79 44"]
    assert again.post().status_code == 302
    assert ChangeEvent.objects.filter(object_id=str(service.id)).count() == 1


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("nl", "is geen geldig telefoonnummer"),
        ("fr", "n'est pas un numéro de téléphone valide"),
        ("en", "is not a valid phone number"),
    ],
)
def test_a_malformed_phone_is_refused_in_the_editors_language_and_nothing_is_stored(
    editor_client, lang, says
):
    service = ServiceFactory(description_fr="Ancien.")
    page = _service_page(editor_client, service, lang)
    new = page.new_row("phones")
    page.fill({f"{new}number": "02 216 79 4", "description_fr": "Nouveau."})
    response = page.post()
    assert response.status_code == 400
    shown = html.unescape(response.content.decode())
    assert says in shown and "02 216 79 4" in shown
    assert 'id="edit-errors"' in shown
    service.refresh_from_db()
    assert service.description_fr == "Ancien."
    assert not Phone.objects.exists()
    assert not ChangeEvent.objects.exists()


def test_changing_and_removing_phones_is_logged_field_by_field(editor_client):
    service = ServiceFactory()
    kept = Phone.objects.create(service=service, number="+3222167944")
    gone = Phone.objects.create(service=service, number="+32471842993", type="cell")
    page = _service_page(editor_client, service)
    rows = {page.data[f"phones-{i}-id"][0]: f"phones-{i}-" for i in range(2)}
    page.fill(
        {
            f"{rows[str(kept.pk)]}description": "Secretariaat",
            f"{rows[str(kept.pk)]}type": "fax",
            f"{rows[str(gone.pk)]}DELETE": "on",
        }
    )
    assert page.post().status_code == 302
    assert list(service.phones.all()) == [kept]
    assert _event(service).changes == {
        f"phones.{_short(kept)}.type": ["voice", "fax"],
        f"phones.{_short(kept)}.description": [None, "Secretariaat"],
        f"phones.{_short(gone)}": ["+32471842993 · cell", None],
    }


def test_a_flagged_number_left_as_it_is_stays_and_a_corrected_one_is_no_longer_flagged(
    editor_client,
):
    service = ServiceFactory()
    phone = Phone.objects.create(service=service, number="02 216 79 4", needs_check=True)
    page = _service_page(editor_client, service)
    assert "kon niet als telefoonnummer gelezen worden" in page.html
    assert page.fill({"description_nl": "Nieuw."}).post().status_code == 302
    phone.refresh_from_db()
    assert (str(phone.number), phone.needs_check) == ("02 216 79 4", True)
    page = _service_page(editor_client, service)
    assert page.fill({"phones-0-number": "02 216 79 44"}).post().status_code == 302
    phone.refresh_from_db()
    assert (str(phone.number), phone.needs_check) == ("+3222167944", False)


def test_opening_hours_are_added_with_days_times_and_a_note_per_language(editor_client):
    service = ServiceFactory()
    page = _service_page(editor_client, service, "fr")
    new = page.new_row("hours")
    page.fill(
        {
            f"{new}days": ["MO", "TH", "TU"],
            f"{new}opens_at": "09:00",
            f"{new}closes_at": "12:30",
            f"{new}description_fr": "Sans rendez-vous",
            f"{new}description_nl": "Zonder afspraak",
        }
    )
    assert page.post().status_code == 302
    schedule = Schedule.objects.get(service=service)
    assert (schedule.freq, schedule.byday) == ("WEEKLY", "MO,TU,TH")
    assert (schedule.opens_at, schedule.closes_at) == (datetime.time(9), datetime.time(12, 30))
    assert (schedule.description_fr, schedule.description_nl) == (
        "Sans rendez-vous",
        "Zonder afspraak",
    )
    assert list(_event(service).changes) == [f"hours.{_short(schedule)}"]


@pytest.mark.parametrize(
    ("values", "field", "says"),
    [
        ({"opens_at": "17:00", "closes_at": "09:00"}, "closes_at", "must come after"),
        ({"opens_at": "09:00", "closes_at": "09:00"}, "closes_at", "must come after"),
        ({"opens_at": "09:00"}, "closes_at", "Give both the opening and the closing time"),
        ({"opens_at": "25:00", "closes_at": "26:00"}, "opens_at", "Enter a valid time"),
    ],
    ids=["closes before it opens", "closes as it opens", "no closing time", "no such time"],
)
def test_bad_hours_are_refused_on_their_field_and_nothing_is_stored(
    editor_client, values, field, says
):
    service = ServiceFactory()
    page = _service_page(editor_client, service, "en")
    new = page.new_row("hours")
    page.fill({f"{new}days": ["MO"], **{f"{new}{k}": v for k, v in values.items()}})
    response = page.post()
    assert response.status_code == 400
    formset = response.context["sets"]["hours"]
    assert says in " ".join(formset.forms[0].errors[field])
    assert not Schedule.objects.exists() and not ChangeEvent.objects.exists()


def test_an_address_is_added_as_a_location_of_the_service(editor_client):
    service = ServiceFactory()
    page = _service_page(editor_client, service)
    new = page.new_row("locations")
    page.fill(
        {
            f"{new}address_1": "Deltastraat 65",
            f"{new}postal_code": " 1190 ",
            f"{new}city_nl": "Vorst",
            f"{new}city_fr": "Forest",
        }
    )
    assert page.post().status_code == 302
    address = Address.objects.get(location__service_at_locations__service=service)
    assert (address.address_1, address.postal_code, address.city_nl, address.city_fr) == (
        "Deltastraat 65",
        "1190",
        "Vorst",
        "Forest",
    )
    assert address.location.organization == service.organization
    key = f"locations.{_short(address.location)}"
    assert _event(service).changes == {key: [None, "Deltastraat 65 · 1190 · Vorst · Forest"]}


@pytest.mark.parametrize(
    ("values", "field", "says"),
    [
        ({"postal_code": "119"}, "postal_code", "is not a Belgian postcode"),
        ({"postal_code": "0190"}, "postal_code", "is not a Belgian postcode"),
        ({"postal_code": "B-1190"}, "postal_code", "is not a Belgian postcode"),
        ({"address_1": ""}, "address_1", "Give the street and number"),
        ({"city_nl": "", "city_fr": ""}, "city_nl", "in at least one language"),
    ],
)
def test_a_bad_address_is_refused_on_its_field(editor_client, values, field, says):
    service = ServiceFactory()
    page = _service_page(editor_client, service, "en")
    new = page.new_row("locations")
    good = {"address_1": "Deltastraat 65", "postal_code": "1190", "city_nl": "Vorst"}
    page.fill({f"{new}{k}": v for k, v in {**good, **values}.items()})
    response = page.post()
    assert response.status_code == 400
    assert says in " ".join(response.context["sets"]["locations"].forms[0].errors[field])
    assert not Location.objects.exists() and not ChangeEvent.objects.exists()


def test_removing_a_shared_location_only_unlinks_it(editor_client):
    service = ServiceFactory(address=("Deltastraat 65", "1190", "Vorst", "Forest"))
    location = service.service_at_locations.get().location
    other = ServiceFactory(organization=service.organization)
    ServiceAtLocation.objects.create(service=other, location=location)
    page = _service_page(editor_client, service)
    assert "Nog één andere dienst is op dit adres" in page.html
    assert page.fill({"locations-0-DELETE": "on"}).post().status_code == 302
    assert not service.service_at_locations.exists()
    assert other.service_at_locations.get().location == location
    assert _event(service).changes == {
        f"locations.{_short(location)}": ["Deltastraat 65 · 1190 · Vorst · Forest", None]
    }
    page = EditPage(
        editor_client, reverse("directory:service_edit", kwargs={"service_id": other.id})
    )
    assert page.fill({"locations-0-DELETE": "on"}).post().status_code == 302
    assert not Location.objects.exists()  # no service there any more


def test_a_contact_is_added_with_its_phone_and_its_phone_changed(editor_client):
    service = ServiceFactory()
    page = _service_page(editor_client, service)
    new = page.new_row("contacts")
    page.fill(
        {
            f"{new}name": "Onthaal",
            f"{new}title": "Sociaal werker",
            f"{new}email": "onthaal@example.be",
            f"{new}phone": "0471 84 29 93",
        }
    )
    assert page.post().status_code == 302
    contact = Contact.objects.get(service=service)
    assert [str(p.number) for p in contact.phones.all()] == ["+32471842993"]
    page = _service_page(editor_client, service)
    assert page.fill({"contacts-0-phone": "02 216 79 44"}).post().status_code == 302
    assert [str(p.number) for p in contact.phones.all()] == ["+3222167944"]
    latest = ChangeEvent.objects.filter(object_id=str(service.id)).first()
    assert latest.changes == {f"contacts.{_short(contact)}.phone": ["+32471842993", "+3222167944"]}


def test_an_empty_contact_is_refused(editor_client):
    service = ServiceFactory()
    Contact.objects.create(service=service, name="Onthaal")
    page = _service_page(editor_client, service, "en")
    response = page.fill({"contacts-0-name": ""}).post()
    assert response.status_code == 400
    assert "Give the contact a name" in response.content.decode()
    assert Contact.objects.get().name == "Onthaal"


def test_languages_are_added_with_a_note_and_never_twice(editor_client):
    service = ServiceFactory(spoken=["fr"])
    page = _service_page(editor_client, service, "fr")
    new = page.new_row("spoken")
    page.fill({f"{new}code": "ar", f"{new}note": "avec interprète", "spoken-0-note": "toujours"})
    assert page.post().status_code == 302
    assert sorted(service.languages.values_list("code", "note")) == [
        ("ar", "avec interprète"),
        ("fr", "toujours"),
    ]
    assert _event(service).changes == {
        "languages.ar": [None, "ar · avec interprète"],
        "languages.fr.note": [None, "toujours"],
    }
    page = _service_page(editor_client, service, "en")
    response = page.fill({page.new_row("spoken") + "code": "fr"}).post()
    assert response.status_code == 400
    assert "already in another row" in response.content.decode()
    assert service.languages.count() == 2


def test_a_price_is_read_in_the_editors_way_of_writing_numbers(editor_client):
    service = ServiceFactory()
    page = _service_page(editor_client, service, "nl")
    new = page.new_row("costs")
    page.fill({f"{new}amount": "4,50", f"{new}option_nl": "per consultatie"})
    assert page.post().status_code == 302
    option = CostOption.objects.get(service=service)
    assert (option.amount, option.option_nl) == (Decimal("4.50"), "per consultatie")
    page = _service_page(editor_client, service, "nl")
    response = page.fill({"costs-0-amount": "-3"}).post()
    assert response.status_code == 400
    assert CostOption.objects.get().amount == Decimal("4.50")


def test_how_to_apply_is_edited_per_language(editor_client):
    service = ServiceFactory()
    page = _service_page(editor_client, service)
    page.fill({"application_process_fr": "Appelez le secrétariat.", "application_process_en": ""})
    assert page.post().status_code == 302
    service.refresh_from_db()
    assert service.application_process_fr == "Appelez le secrétariat."
    assert _event(service).changes == {"application_process_fr": [None, "Appelez le secrétariat."]}


def test_one_save_is_one_history_row_and_one_bad_row_stores_nothing(editor_client):
    service = ServiceFactory()
    page = _service_page(editor_client, service)
    phone, hours = page.new_row("phones"), page.new_row("hours")
    page.fill(
        {
            f"{phone}number": "0471 84 29 93",
            f"{hours}days": ["SA"],
            f"{hours}opens_at": "10:00",
            f"{hours}closes_at": "09:00",
            "description_nl": "Gewijzigd.",
        }
    )
    assert page.post().status_code == 400
    assert not Phone.objects.exists() and not ChangeEvent.objects.exists()
    page.fill({f"{hours}closes_at": "11:00"})
    assert page.post().status_code == 302
    (event,) = ChangeEvent.objects.filter(object_id=str(service.id))
    assert {key.split(".")[0] for key in event.changes} == {"description_nl", "phones", "hours"}


def test_a_row_of_another_service_is_refused(editor_client):
    service = ServiceFactory()
    Phone.objects.create(service=service, number="+3222167944")
    elsewhere = Phone.objects.create(service=ServiceFactory(), number="+32471842993")
    page = _service_page(editor_client, service, "en")
    response = page.fill({"phones-0-id": str(elsewhere.pk), "phones-0-number": "1733"}).post()
    assert response.status_code == 400
    assert "no longer exists" in response.content.decode()
    assert str(Phone.objects.get(pk=elsewhere.pk).number) == "+32471842993"
    assert not ChangeEvent.objects.exists()


def test_one_more_row_is_shown_without_saving(editor_client):
    service = ServiceFactory()
    page = _service_page(editor_client, service)
    page.fill({"phones-0-number": "02 216 79 44", "add": "phones"})
    response = page.post()
    assert response.status_code == 200
    shown = response.content.decode()
    assert 'name="phones-1-number"' in shown and 'value="02 216 79 44"' in shown
    assert not Phone.objects.exists() and not ChangeEvent.objects.exists()


def test_the_history_on_the_page_shows_the_rows_changed(editor_client):
    service = ServiceFactory()
    page = _service_page(editor_client, service)
    page.fill({page.new_row("phones") + "number": "0471 84 29 93", "reason": "belde de dienst"})
    page.post()
    shown = editor_client.get(page.url).content.decode()
    assert "+32471842993 · voice" in shown and "belde de dienst" in shown


# --- The organisation's page ----------------------------------------------------------------


def _organization_page(client, organization, lang="nl") -> EditPage:
    with translation.override(lang):
        url = reverse("directory:organization_edit", kwargs={"organization_id": organization.id})
    return EditPage(client, url, form_id="organization-edit")


def test_an_organisation_is_edited_with_its_phones_in_one_history_row(editor_client):
    organization = OrganizationFactory(name_fr="Ancien nom")
    service = ServiceFactory(organization=organization)
    edit_page = _service_page(editor_client, service).html
    assert reverse("directory:organization_edit", args=[organization.id]) in edit_page
    page = _organization_page(editor_client, organization, "fr")
    new = page.new_row("phones")
    page.fill(
        {"name_fr": "Nouveau nom", "website": "example.be", f"{new}number": "+32 2 216 79 44"}
    )
    assert page.post().status_code == 302
    organization.refresh_from_db()
    assert (organization.name_fr, organization.website) == ("Nouveau nom", "https://example.be")
    phone = organization.phones.get()
    (event,) = ChangeEvent.objects.filter(object_id=str(organization.id))
    assert event.changes == {
        "name_fr": ["Ancien nom", "Nouveau nom"],
        "website": ["", "https://example.be"],
        f"phones.{_short(phone)}": [None, "+3222167944 · voice"],
    }


def test_an_organisation_without_a_french_name_is_refused(editor_client):
    organization = OrganizationFactory(name_fr="Nom")
    page = _organization_page(editor_client, organization, "nl")
    response = page.fill({"name_fr": "", page.new_row("phones") + "number": "1733"}).post()
    assert response.status_code == 400
    assert "naam in het Nederlands en in het Frans" in response.content.decode()
    organization.refresh_from_db()
    assert organization.name_fr == "Nom" and not Phone.objects.exists()


@pytest.mark.parametrize("role", ["parent", "kg_professional", "analyst"])
def test_other_personas_cannot_edit_an_organisation_or_verify(persona_client, role):
    organization = OrganizationFactory(name_nl="Vast")
    service = ServiceFactory(organization=organization)
    client = persona_client(role)
    url = reverse("directory:organization_edit", kwargs={"organization_id": organization.id})
    assert client.get(url).status_code == 403
    assert client.post(url, {"name_nl": "Anders"}).status_code == 403
    verify = reverse("directory:services_verify")
    assert client.post(verify, {"service": [str(service.id)]}).status_code == 403
    organization.refresh_from_db()
    service.refresh_from_db()
    assert organization.name_nl == "Vast" and service.last_verified is None


def test_saved_unchanged_service_page_does_not_touch_the_service_row(editor_client):
    service = ServiceFactory()
    stamp = Service.objects.get(pk=service.pk).updated_at
    assert _service_page(editor_client, service).post().status_code == 302
    assert Service.objects.get(pk=service.pk).updated_at == stamp
    assert not ServiceLanguage.objects.exists()


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("description_fr", "Beschrijving (Frans)"),
        ("url", "Website"),
        ("phases", "Fasen"),
        ("languages", "Gesproken talen"),
        ("phones.3f2a9c1e", "Telefoon 3f2a9c1e"),
        ("phones.3f2a9c1e.number", "Telefoon 3f2a9c1e: Nummer"),
        ("locations.0a1b2c3d.city_fr", "Adres 0a1b2c3d: Gemeente (Frans)"),
        ("hours.0a1b2c3d.byday", "Openingsuren 0a1b2c3d: Dagen"),
        ("languages.ar.note", "Taal ar: Opmerking"),
        ("something_else", "something_else"),
    ],
)
def test_the_history_names_fields_and_rows_in_the_editors_language(key, label):
    from perinatal.directory.templatetags.editing_tags import change_label

    with translation.override("nl"):
        assert change_label(key) == label


def test_a_row_removed_meanwhile_stores_nothing(editor):
    from perinatal.directory import services
    from perinatal.directory.edit_sets import RowGone

    service = ServiceFactory(description_nl="Oud.")
    elsewhere = Phone.objects.create(service=ServiceFactory(), number="+32471842993")
    new_row = {"id": "", "delete": False, "number": "+3222167944", "type": "voice"}
    gone = {"id": str(elsewhere.pk), "delete": True, "number": None, "type": None}
    with pytest.raises(RowGone):
        services.service_edit(
            service=service,
            data={"description_nl": "Nieuw."},
            sets={"phones": [{**new_row, "description": ""}, {**gone, "description": None}]},
            by=editor,
        )
    service.refresh_from_db()
    assert service.description_nl == "Oud."
    assert list(Phone.objects.all()) == [elsewhere]
    assert not ChangeEvent.objects.exists()


def test_a_broken_row_count_is_refused_not_a_server_error(editor_client):
    service = ServiceFactory()
    page = _service_page(editor_client, service)
    response = page.fill({"phones-TOTAL_FORMS": "many", "add": "phones"}).post()
    assert response.status_code == 200
    response = page.fill({"phones-TOTAL_FORMS": "many"}).fill({"add": []}).post()
    assert response.status_code == 400
    assert not Phone.objects.exists()

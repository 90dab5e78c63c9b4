"""The printable list: services picked from searches (no JavaScript: the picks travel in the
query string), shown in the family's language, printed from the page or as a PDF."""

import io
import uuid
from datetime import time

import pytest
from pypdf import PdfReader

from django.db import connection
from django.test.utils import CaptureQueriesContext

from perinatal.directory.printed_list import MAX_SERVICES, MAX_VALUES, selection_from
from perinatal.directory.tests.factories import OrganizationFactory, ServiceFactory
from perinatal.directory.tests.part_factories import PhoneFactory, ScheduleFactory

pytestmark = pytest.mark.django_db

A, B = uuid.UUID(int=1), uuid.UUID(int=2)


@pytest.mark.parametrize(
    ("values", "ids", "not_ids", "over"),
    [
        ([], [], 0, 0),
        ([str(A)], [A], 0, 0),
        ([str(A), str(B)], [A, B], 0, 0),  # repeated, as ticked checkboxes send them
        ([f"{A},{B}"], [A, B], 0, 0),  # comma-separated, as a link may carry them
        ([str(B), str(A), str(B)], [B, A], 0, 0),  # the order chosen, without repeats
        ([f" {A} ", ""], [A], 0, 0),
        (["bogus", str(A), "12"], [A], 2, 0),
        ([A.hex], [A], 0, 0),  # without dashes is the same id
        ([str(uuid.UUID(int=n)) for n in range(1, 41)], None, 0, 10),
    ],
)
def test_a_selection_is_read_from_the_query_string(values, ids, not_ids, over):
    selection = selection_from(values)
    if ids is not None:
        assert selection.ids == ids
    assert len(selection.ids) <= MAX_SERVICES
    assert (selection.not_ids, selection.over_limit) == (not_ids, over)


def test_a_huge_query_string_is_not_read_to_its_end():
    selection = selection_from(["x"] * 10_000)
    assert selection.not_ids == MAX_VALUES
    assert not selection


def grief_service():
    organization = OrganizationFactory(name_nl="Levensadem", name_fr="Le Souffle de Vie")
    service = ServiceFactory(
        organization=organization,
        name_nl="Steun bij perinatale rouw",
        name_fr="Soutien au deuil périnatal",
        name_en="Support in perinatal grief",
        description_nl="Begeleiding na een miskraam of doodgeboorte. Ook voor vaders.",
        description_fr="Accompagnement après une fausse couche ou une mort in utero. Aussi pour les pères.",
        description_en="Support after a miscarriage or stillbirth. Fathers too.",
        eligibility_description_nl="Voor ouders die een kind verloren.",
        eligibility_description_fr="Pour les parents qui ont perdu un enfant.",
        eligibility_description_en="For parents who lost a child.",
        email="info@levensadem.be",
        url="https://www.levensadem.be/",
        address=("Rue Haute 322", "1000", "Brussel", "Bruxelles"),
    )
    PhoneFactory(service=service, number="+3223759504")
    ScheduleFactory(service=service, byday="MO,TU,WE,TH", opens_at=time(9), closes_at=time(16))
    return service


def birth_house():
    return ServiceFactory(
        name_nl="Bevallen in het geboortehuis",
        name_fr="Accoucher à la maison de naissance",
        name_en="Giving birth at the birth centre",
        url="https://www.pass-ages.be/",
    )


FAMILY = {
    "nl": {
        "title": "Nuttige adressen",
        "name": "Steun bij perinatale rouw",
        "what": "Begeleiding na een miskraam of doodgeboorte.",
        "for_whom": "Voor wie: Voor ouders die een kind verloren.",
        "hours": "Openingsuren: maandag tot donderdag, 9.00–16.00 uur",
        "address": "Adres: Rue Haute 322, 1000 Brussel",
        "other": "Bevallen in het geboortehuis",
    },
    "fr": {
        "title": "Adresses utiles",
        "name": "Soutien au deuil périnatal",
        "what": "Accompagnement après une fausse couche ou une mort in utero.",
        "for_whom": "Pour qui : Pour les parents qui ont perdu un enfant.",
        "hours": "Heures d'ouverture : du lundi au jeudi, de 9 h à 16 h",
        "address": "Adresse : Rue Haute 322, 1000 Bruxelles",
        "other": "Accoucher à la maison de naissance",
    },
    "en": {
        "title": "Useful addresses",
        "name": "Support in perinatal grief",
        "what": "Support after a miscarriage or stillbirth.",
        "for_whom": "For whom: For parents who lost a child.",
        "hours": "Hours: Monday to Thursday, 9:00–16:00",
        "address": "Address: Rue Haute 322, 1000 Brussel",  # no English name: Dutch first
        "other": "Giving birth at the birth centre",
    },
}
INTERFACE = {
    "nl": "Lijst om af te drukken voor een gezin",
    "fr": "Liste à imprimer pour une famille",
    "en": "Printable list for a family",
}


def words(html: str) -> str:
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html).split())


@pytest.mark.parametrize("interface", ["nl", "fr", "en"])
@pytest.mark.parametrize("family", ["nl", "fr", "en"])
def test_the_list_is_in_the_familys_language_and_its_controls_in_the_readers(
    client, interface, family
):
    grief, house = grief_service(), birth_house()
    response = client.get(f"/{interface}/print/", {"ids": [grief.id, house.id], "lang": family})
    assert response.status_code == 200
    html = response.content.decode()
    listed = html[html.index('<section class="printed-list"') :]
    expected = FAMILY[family]
    assert listed.startswith(f'<section class="printed-list" lang="{family}"')
    text = words(listed)
    for key in ("title", "name", "what", "for_whom", "hours", "address"):
        assert expected[key] in text, key
    assert text.index(expected["name"]) < text.index(expected["other"])  # the order chosen
    assert '<a href="tel:+3223759504">02 375 95 04</a>' in listed
    assert '<a href="mailto:info@levensadem.be">info@levensadem.be</a>' in listed
    assert ">www.levensadem.be</a>" in listed
    assert f"<h1>{INTERFACE[interface]}</h1>" in html
    assert f'<option value="{family}" lang="{family}" selected>' in html


def test_the_pdf_link_and_the_language_chooser_keep_the_list(client):
    grief, house = grief_service(), birth_house()
    html = client.get("/nl/print/", {"ids": f"{grief.id},{house.id}", "lang": "fr"}).content
    page = html.decode()
    assert f"/nl/print/pdf/?ids={grief.id}&amp;ids={house.id}&amp;lang=fr" in page
    assert f'<input type="hidden" name="ids" value="{grief.id}">' in page
    assert f'<input type="hidden" name="ids" value="{house.id}">' in page
    # Removing one keeps the other, in the same language.
    assert f'href="/nl/print/?ids={house.id}&amp;lang=fr"' in page
    # Back to the search with the picks, to add more.
    assert f'href="/nl/?ids={grief.id}&amp;ids={house.id}"' in page


def test_ids_that_name_no_service_are_said_and_left_out(client):
    grief = grief_service()
    response = client.get(
        "/en/print/", {"ids": [str(grief.id), str(uuid.uuid4()), "bogus"], "lang": "en"}
    )
    assert response.status_code == 200
    text = words(response.content.decode())
    assert "2 entries of the link are not services of the directory (any more)" in text
    assert "Support in perinatal grief" in text


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("nl", "Eén item in de link is geen dienst (meer) van de gids"),
        ("fr", "Un élément du lien n'est pas (ou plus) un service du répertoire"),
        ("en", "One entry of the link is not a service of the directory (any more)"),
    ],
)
def test_a_link_with_no_known_service_is_not_found_with_a_clear_message(client, lang, message):
    response = client.get(f"/{lang}/print/", {"ids": str(uuid.uuid4())})
    assert response.status_code == 404
    assert message in words(response.content.decode()).replace("&#x27;", "'")


def test_without_a_selection_the_page_says_how_to_make_one(client):
    response = client.get("/en/print/")
    assert response.status_code == 200
    assert "tick “Add to the printable list”" in response.content.decode()


def test_a_list_holds_at_most_thirty_services(client):
    services = ServiceFactory.create_batch(MAX_SERVICES + 2)
    response = client.get("/en/print/", {"ids": [s.id for s in services]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "A list holds at most 30 services: the first 30 are shown." in html
    assert html.count('<li class="printed-service">') == MAX_SERVICES


def test_an_unknown_family_language_falls_back_to_the_readers(client):
    grief = grief_service()
    html = client.get("/fr/print/", {"ids": grief.id, "lang": "xx"}).content.decode()
    assert '<section class="printed-list" lang="fr"' in html


def test_the_list_reads_the_same_number_of_queries_for_two_or_twenty_services(client):
    def queries(count: int) -> int:
        services = [grief_service() for _ in range(count)]
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/nl/print/", {"ids": [s.id for s in services]})
        assert response.status_code == 200
        return len(captured)

    assert queries(20) == queries(2)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize("family", ["nl", "fr", "en"])
def test_the_pdf_holds_the_same_list_in_the_familys_language(client, family):
    grief, house = grief_service(), birth_house()
    response = client.get("/nl/print/pdf/", {"ids": [grief.id, house.id], "lang": family})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="useful-addresses-{family}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    expected = FAMILY[family]
    for key in ("title", "what", "for_whom", "hours", "address"):
        assert expected[key] in text, key
    assert f"1. {expected['name']}" in text
    assert f"2. {expected['other']}" in text
    assert "02 375 95 04" in text
    assert "info@levensadem.be" in text
    assert "www.levensadem.be" in text
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1


def test_the_pdf_of_a_service_without_contacts_says_whom_to_ask(client):
    service = ServiceFactory(name_fr="Accouchement à domicile")
    text = pdf_text(client.get("/nl/print/pdf/", {"ids": service.id, "lang": "fr"}).content)
    assert "Demandez à votre sage-femme" in text


def test_the_pdf_of_no_known_service_is_the_pages_message(client):
    response = client.get("/en/print/pdf/", {"ids": str(uuid.uuid4())})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_each_search_result_can_be_ticked_for_the_list(client):
    grief = grief_service()
    html = client.get("/nl/", {"q": "rouw"}).content.decode()
    assert f'<input type="checkbox" name="ids" value="{grief.id}" form="search-form">' in html
    assert 'formaction="/nl/print/"' in html
    assert (
        '<form method="get" action="/nl/" class="search-form" role="search" id="search-form"'
        in html
    )


def test_picks_of_earlier_searches_stay_and_ticked_results_stay_ticked(client):
    grief, house = grief_service(), birth_house()
    html = client.get("/nl/", {"q": "rouw", "ids": [grief.id, house.id]}).content.decode()
    # On this page: ticked. Not on this page: kept in the form, so a new search keeps it.
    assert f'value="{grief.id}" form="search-form" checked>' in html
    assert f'<input type="hidden" name="ids" value="{house.id}">' in html
    assert f'<input type="hidden" name="ids" value="{grief.id}">' not in html
    assert "Eén dienst uit een vorige zoekopdracht blijft op de lijst." in html


def test_a_search_page_opened_with_picks_only_has_not_searched_yet(client):
    grief = grief_service()
    response = client.get("/nl/", {"ids": grief.id})
    assert response.context["searched"] is False
    assert f'<input type="hidden" name="ids" value="{grief.id}">' in response.content.decode()

"""The service page answers, in this order, what it is, for whom, where, when, how to reach
it, cost and access conditions, languages; in NL/FR/EN; a section with nothing to show is
left out, and a service with no way to reach it says whom to ask."""

from datetime import time

import pytest

from django.urls import reverse
from django.utils import translation

from perinatal.directory.areas import service_areas_set
from perinatal.directory.models import Location, ServiceLanguage
from perinatal.directory.tests.factories import OrganizationFactory, ServiceFactory
from perinatal.directory.tests.page_reading import sections_of
from perinatal.directory.tests.part_factories import (
    ContactFactory,
    PhoneFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db

HEADINGS = {
    "en": [
        "What it offers",
        "Who it is for",
        "Where",
        "Opening hours",
        "How to reach them",
        "Cost and conditions",
        "Languages spoken",
    ],
    "nl": [
        "Wat de dienst biedt",
        "Voor wie",
        "Waar",
        "Openingsuren",
        "Zo bereik je hen",
        "Kosten en voorwaarden",
        "Gesproken talen",
    ],
    "fr": [
        "Ce que propose le service",
        "Pour qui",
        "Où",
        "Heures d'ouverture",
        "Comment les joindre",
        "Coût et conditions",
        "Langues parlées",
    ],
}
UNKNOWN_WORDS = ("Unknown", "Not known", "Onbekend", "Niet gekend", "Inconnu")


def page(client, service, lang: str) -> str:
    with translation.override(lang):
        url = reverse("directory:service", kwargs={"service_id": service.id})
    assert url.startswith(f"/{lang}/")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def full_service():
    service = ServiceFactory(
        name_en="Giving birth at the birth centre",
        description_en="Giving birth with a midwife.",
        eligibility_description_nl="Gezonde zwangere vrouwen.",
        eligibility_description_fr="Femmes enceintes en bonne santé.",
        eligibility_description_en="Healthy pregnant women.",
        phases=["birth"],
        needs=["birth_house"],
        cost_category="reimbursed",
        prescription_required=False,
        email="info@pass-ages.be",
        url="https://www.pass-ages.be/nederlands-1/",
        address=("Deltastraat 65", "1190", "Vorst", "Forest"),
        spoken=["fr", "ar"],
    )
    PhoneFactory(service=service, number="+32 2 216 79 44")
    PhoneFactory(service=service, number="+32471842993", description="wachtdienst")
    ScheduleFactory(service=service, byday="MO,TU,WE,TH,FR", opens_at=time(9), closes_at=time(17))
    return service


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_full_entry_answers_each_question_in_order(client, lang):
    sections = sections_of(page(client, full_service(), lang))
    assert [s.heading for s in sections[: len(HEADINGS[lang])]] == HEADINGS[lang]
    assert all(section.text for section in sections), "a heading with nothing under it"


@pytest.mark.parametrize(
    ("lang", "city", "hours", "languages", "cost"),
    [
        (
            "nl",
            "Deltastraat 65, 1190 Vorst",
            "maandag tot vrijdag, 9.00–17.00 uur",
            "Frans, Arabisch (العربية)",
            "Terugbetaald door het ziekenfonds.",
        ),
        (
            "fr",
            "Deltastraat 65, 1190 Forest",
            "du lundi au vendredi, de 9 h à 17 h",
            "français, arabe (العربية)",
            "Remboursé par la mutualité.",
        ),
        (
            "en",
            "Deltastraat 65, 1190 Vorst",  # no English name: the first language that has one
            "Monday to Friday, 9:00–17:00",
            "French, Arabic (العربية)",
            "Reimbursed by the health insurance fund.",
        ),
    ],
)
def test_the_page_shows_address_map_hours_phones_and_languages_in_words(
    client, lang, city, hours, languages, cost
):
    service = full_service()
    html = page(client, service, lang)
    by_heading = {s.heading: s for s in sections_of(html)}
    headings = HEADINGS[lang]
    where, when, reach = by_heading[headings[2]], by_heading[headings[3]], by_heading[headings[4]]
    assert city in where.text
    osm = [href for href, _ in where.links if "openstreetmap.org" in href]
    assert osm == [
        "https://www.openstreetmap.org/search?query="
        + city.replace(" ", "%20").replace(",", "%2C")
        + "%2C%20Belgium"
    ]
    assert hours in when.text
    assert ("tel:+3222167944", "02 216 79 44") in reach.links
    assert ("tel:+32471842993", "0471 84 29 93") in reach.links
    assert "(wachtdienst)" in reach.text
    assert ("mailto:info@pass-ages.be", "info@pass-ages.be") in reach.links
    assert (
        "https://www.pass-ages.be/nederlands-1/",
        "www.pass-ages.be/nederlands-1",
    ) in reach.links
    assert '<span lang="ar">العربية</span>' in html
    assert languages in by_heading[headings[6]].text
    assert cost in by_heading[headings[5]].text
    assert "+32 2 216 79 44" not in html  # the stored form is not what people read


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_an_entry_with_only_a_name_has_no_empty_heading_and_says_whom_to_ask(client, lang):
    service = ServiceFactory(
        description_nl="",
        description_fr="",
        description_en="",
        cost_category="varies",
        fees_description_nl="",
    )
    html = page(client, service, lang)
    sections = sections_of(html)
    assert [s.heading for s in sections] == [HEADINGS[lang][4], HEADINGS[lang][5]]
    assert all(section.text for section in sections)
    reach = sections[0]
    assert "Kind en Gezin" in reach.text and "ONE" in reach.text  # whom to ask
    assert ("#report-title", reach.links[0][1]) == reach.links[0]
    assert not any(word in html for word in UNKNOWN_WORDS)


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_an_unknown_prescription_or_referral_is_not_mentioned(client, lang):
    service = ServiceFactory(prescription_required=None, referral_required=None)
    html = page(client, service, lang)
    cost = sections_of(html)[-1]
    assert cost.heading == HEADINGS[lang][5]
    assert not any(word in cost.text.lower() for word in ("prescri", "voorschrift", "referral"))
    assert not any(word in html for word in UNKNOWN_WORDS)


def test_known_access_conditions_are_said(client):
    service = ServiceFactory(prescription_required=True, referral_required=False)
    text = sections_of(page(client, service, "en"))[-1].text
    assert "A prescription is needed." in text
    assert "You can go without a referral." in text


def test_the_organisations_contacts_stand_in_when_the_service_has_none(client):
    organization = OrganizationFactory(
        email="info@levensadem.be", website="https://www.levensadem.be"
    )
    PhoneFactory(organization=organization, number="+3223759504")
    service = ServiceFactory(organization=organization)
    reach = {s.heading: s for s in sections_of(page(client, service, "en"))}["How to reach them"]
    assert ("tel:+3223759504", "02 375 95 04") in reach.links
    assert ("mailto:info@levensadem.be", "info@levensadem.be") in reach.links
    assert ("https://www.levensadem.be", "www.levensadem.be") in reach.links
    assert "details of the organisation that runs the service" in reach.text


def test_the_services_own_contacts_come_first(client):
    organization = OrganizationFactory(email="info@org.be")
    PhoneFactory(organization=organization, number="+3223759504")
    service = ServiceFactory(organization=organization, email="desk@service.be")
    PhoneFactory(service=service, number="+3222167944")
    ContactFactory(service=service, department="Intake", email="intake@service.be")
    reach = {s.heading: s for s in sections_of(page(client, service, "en"))}["How to reach them"]
    assert [href for href, _ in reach.links] == [
        "tel:+3222167944",
        "mailto:desk@service.be",
        "mailto:intake@service.be",
    ]
    assert "Intake:" in reach.text
    assert "organisation" not in reach.text


def test_how_to_apply_tells_where_to_look_instead_of_the_general_advice(client):
    service = ServiceFactory(
        application_process_en="Ask your midwife: she organises the home birth with you."
    )
    reach = {s.heading: s for s in sections_of(page(client, service, "en"))}["How to reach them"]
    assert reach.text == "Ask your midwife: she organises the home birth with you."


def test_hours_of_the_services_location_are_shown_too(client):
    service = ServiceFactory(address=("Rue Haute 322", "1000", "Brussel", "Bruxelles"))
    location = Location.objects.get(service_at_locations__service=service)
    ScheduleFactory(
        location=location,
        byday="SA",
        opens_at=time(10),
        closes_at=time(12, 30),
        description_fr="sur rendez-vous",
    )
    when = {s.heading: s for s in sections_of(page(client, service, "fr"))}["Heures d'ouverture"]
    assert when.text == "samedi, de 10 h à 12 h 30 (sur rendez-vous)"


def test_the_map_link_uses_the_coordinates_when_the_location_has_them(client):
    service = ServiceFactory(address=("Deltastraat 65", "1190", "Vorst", "Forest"))
    Location.objects.filter(service_at_locations__service=service).update(
        latitude="50.818300", longitude="4.319100"
    )
    where = {s.heading: s for s in sections_of(page(client, service, "nl"))}["Waar"]
    assert [href for href, _ in where.links] == [
        "https://www.openstreetmap.org/?mlat=50.818300&mlon=4.319100#map=18/50.818300/4.319100"
    ]


def test_a_language_note_is_shown_beside_the_language(client):
    service = ServiceFactory()
    ServiceLanguage.objects.create(service=service, code="ar", note="met tolk")
    languages = sections_of(page(client, service, "nl"))[-1]
    assert languages.text == "Arabisch (العربية) — met tolk"


def test_the_area_served_shows_in_where_in_words(client):
    service = ServiceFactory(name_en="Helpline")
    service_areas_set(service=service, codes=["21011", "21012"])
    sections = {s.heading: s for s in sections_of(page(client, service, "fr"))}
    assert sections["Où"].text == "Zone desservie : Koekelberg et Molenbeek-Saint-Jean"


def test_no_area_and_no_address_leave_no_where_heading(client):
    service = ServiceFactory()
    service.areas.all().delete()
    headings = [s.heading for s in sections_of(page(client, service, "en"))]
    assert "Where" not in headings


def test_the_page_links_to_a_printable_list_of_this_service(client):
    service = ServiceFactory()
    html = page(client, service, "fr")
    assert f'href="/fr/print/?ids={service.id}"' in html


def test_no_entry_of_the_brussels_directory_shows_an_empty_heading_or_unknown(client):
    from perinatal.directory.brussels import load, read
    from perinatal.directory.models import Service

    load(read())
    services = list(Service.objects.order_by("key"))
    assert len(services) > 100
    for lang in ("nl", "fr", "en"):
        for service in services:
            html = page(client, service, lang)
            sections = sections_of(html)
            empty = [s.heading for s in sections if not s.text]
            assert empty == [], (service.key, lang)
            assert HEADINGS[lang][4] in [s.heading for s in sections], (service.key, lang)
            assert not any(word in html for word in UNKNOWN_WORDS), (service.key, lang)


def test_amounts_read_in_the_page_language_and_a_fallback_says_its_language(client):
    from decimal import Decimal

    from perinatal.directory.models import CostOption

    service = ServiceFactory(cost_category="paying")
    CostOption.objects.create(
        service=service, amount=Decimal("30.50"), option_nl="per nacht", option_fr="par nuit"
    )
    assert "<li>€\xa030,50 — par nuit</li>" in page(client, service, "fr")
    assert (
        '<li><span lang="nl">€\xa030.50 — per nacht</span> '
        '<span class="fallback">(only available in Dutch)</span></li>'
    ) in page(client, service, "en")

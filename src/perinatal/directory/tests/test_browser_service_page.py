"""A parent's question to a service page and a professional's printable list, in a real
browser on a 390 px phone, in Dutch, French and English: the page says where (with a map
link), how to call (a tap-to-call link), never shows an empty heading; the ticked results
become a list in the family's language, and its PDF holds the same."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from pypdf import PdfReader

from perinatal.directory.brussels import load, read

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}

WALKS = {
    "nl": {
        "question_label": "Wat zoek je?",
        "question": "geboortehuis",
        "search": "Zoeken",
        "service": "Bevallen in het geboortehuis",
        "where": "Waar",
        "address": "Deltastraat 65, 1190 Vorst",
        "map": "Op de kaart tonen (OpenStreetMap)",
        "reach": "Zo bereik je hen",
        "tick": "Op de lijst om af te drukken zetten",
        "print": "De aangevinkte diensten afdrukken",
        "family": "fr",
        "family_title": "Adresses utiles",
        "family_name": "Accoucher en maison de naissance",
        "family_address": "Adresse : Deltastraat 65, 1190 Forest",
        "language_label": "Taal van de lijst (de taal van het gezin)",
        "show": "Toon de lijst in deze taal",
        "pdf": "De pdf downloaden",
    },
    "fr": {
        "question_label": "Que cherchez-vous ?",
        "question": "maison de naissance",
        "search": "Rechercher",
        "service": "Accoucher en maison de naissance",
        "where": "Où",
        "address": "Deltastraat 65, 1190 Forest",
        "map": "Voir sur la carte (OpenStreetMap)",
        "reach": "Comment les joindre",
        "tick": "Ajouter à la liste à imprimer",
        "print": "Imprimer les services cochés",
        "family": "en",
        "family_title": "Useful addresses",
        "family_name": "Giving birth at the birth centre",
        "family_address": "Address: Deltastraat 65, 1190 Forest",
        "language_label": "Langue de la liste (celle de la famille)",
        "show": "Afficher la liste dans cette langue",
        "pdf": "Télécharger le PDF",
    },
    "en": {
        "question_label": "What are you looking for?",
        "question": "birth centre",
        "search": "Search",
        "service": "Giving birth at the birth centre",
        "where": "Where",
        "address": "Deltastraat 65, 1190 Forest",
        "map": "Show on the map (OpenStreetMap)",
        "reach": "How to reach them",
        "tick": "Add to the printable list",
        "print": "Print the ticked services",
        "family": "nl",
        "family_title": "Nuttige adressen",
        "family_name": "Bevallen in het geboortehuis",
        "family_address": "Adres: Deltastraat 65, 1190 Vorst",
        "language_label": "Language of the list (the family's language)",
        "show": "Show the list in this language",
        "pdf": "Download the PDF",
    },
}


@pytest.fixture
def brussels(transactional_db):
    load(read())


@pytest.fixture
def phone(audit_flushable, chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="nl-BE", viewport=PHONE)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def assert_fits_and_is_accessible(tab) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def assert_no_empty_heading(tab) -> None:
    empty = tab.evaluate(
        """() => [...document.querySelectorAll('article section')]
            .filter(s => s.innerText.replace(s.querySelector('h2')?.innerText ?? '', '').trim() === '')
            .map(s => s.querySelector('h2')?.innerText)"""
    )
    assert empty == []


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_question_leads_to_a_service_page_and_a_printable_list(phone, brussels, lang):
    walk = WALKS[lang]
    tab = phone
    tab.goto(f"/{lang}/")
    tab.get_by_label(walk["question_label"]).fill(walk["question"])
    tab.get_by_role("button", name=walk["search"], exact=True).click()
    expect(tab.locator(".result").first).to_be_visible()

    # The service page: where (with the map), how to call, no empty heading.
    tab.get_by_role("link", name=walk["service"], exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(walk["service"])
    where = tab.locator("section", has=tab.get_by_role("heading", name=walk["where"], exact=True))
    expect(where).to_contain_text(walk["address"])
    expect(where.get_by_role("link", name=re.compile(re.escape(walk["map"])))).to_have_attribute(
        "href", re.compile(r"^https://www\.openstreetmap\.org/search\?query=Deltastraat%2065")
    )
    reach = tab.locator("section", has=tab.get_by_role("heading", name=walk["reach"]))
    expect(reach.locator('a[href="tel:+32471842993"]')).to_have_text("0471 84 29 93")
    assert_no_empty_heading(tab)
    assert_fits_and_is_accessible(tab)

    # Back to the results: tick this service and one more, print them.
    tab.go_back()
    tab.get_by_role(
        "checkbox", name=re.compile(rf"^{re.escape(walk['tick'])}\W+{re.escape(walk['service'])}$")
    ).check()
    tab.locator(".result input[type=checkbox]:not(:checked)").first.check()
    tab.get_by_role("button", name=walk["print"]).click()
    expect(tab).to_have_url(re.compile(rf"/{lang}/print/\?"))
    expect(tab.locator(".printed-service")).to_have_count(2)

    # The family's language, chosen on the page; the page's own words stay in the reader's.
    tab.get_by_label(walk["language_label"]).select_option(walk["family"])
    tab.get_by_role("button", name=walk["show"]).click()
    listed = tab.locator(f'section.printed-list[lang="{walk["family"]}"]')
    expect(listed.get_by_role("heading", level=2)).to_have_text(walk["family_title"])
    expect(listed).to_contain_text(walk["family_name"])
    expect(listed).to_contain_text(walk["family_address"])
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    assert_fits_and_is_accessible(tab)

    # The PDF holds the same list.
    with tab.expect_download() as download:
        tab.get_by_role("link", name=walk["pdf"]).click()
    content = download.value.path().read_bytes()
    text = " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
    assert walk["family_title"] in text
    assert walk["family_name"] in text
    assert walk["family_address"] in text


def test_printing_shows_only_the_list(phone, brussels):
    tab = phone
    tab.goto("/nl/?q=geboortehuis")
    tab.locator(".result").get_by_role("checkbox").first.check()
    tab.get_by_role("button", name="De aangevinkte diensten afdrukken").click()
    tab.emulate_media(media="print")
    expect(tab.locator(".site-header")).to_be_hidden()
    expect(tab.get_by_role("heading", name="Lijst om af te drukken voor een gezin")).to_be_hidden()
    expect(tab.locator(".printed-list")).to_be_visible()
    expect(tab.locator(".printed-service .no-print").first).to_be_hidden()

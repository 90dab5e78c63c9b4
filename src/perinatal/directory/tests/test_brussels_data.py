"""The Brussels directory as loaded from `data/brussels.yaml` says what the Focus (seed 002)
says: each fact below quotes the seed, and the quote is checked against the seed itself; every
entry speaks English and tells a reader how to reach it; a reload with --update corrects an
older database in place."""

import re
from pathlib import Path

import pytest

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from perinatal.audit.models import ChangeEvent
from perinatal.directory.brussels import load, read
from perinatal.directory.constants import ReportStatus
from perinatal.directory.models import ErrorReport, Organization, Phone, Service
from perinatal.directory.phones import phone_normalise
from perinatal.directory.search.index import reindex_services
from perinatal.directory.search.query import SearchQuery, search

pytestmark = pytest.mark.django_db

# The shared folder lies beside the checkout (the developers' machines and CI alike).
SEED = Path(__file__).resolve().parents[4].parent / "shared/seeds/002_93937f462c9f76c0.txt"
LANGS = ("nl", "fr", "en")


@pytest.fixture
def loaded():
    load(read())


@pytest.fixture(scope="class")
def loaded_once(django_db_setup, django_db_blocker):
    """The file loaded once for a class of tests that only read it (a load takes seconds), inside a
    transaction rolled back at the end; each test runs in a savepoint of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load(read())
        yield
        transaction.set_rollback(True)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _service(key: str) -> Service:
    return Service.objects.get(key=key)


def _phones(key: str) -> list[str]:
    return sorted(str(n) for n in _service(key).phones.values_list("number", flat=True))


def _open_reports(key: str) -> list[str]:
    return list(
        ErrorReport.objects.filter(service__key=key, status=ReportStatus.OPEN).values_list(
            "message", flat=True
        )
    )


def _texts(key: str, field: str) -> dict[str, str]:
    service = _service(key)
    return {lang: getattr(service, f"{field}_{lang}") or "" for lang in LANGS}


def _interstice_second_number_kept_as_a_doubt():
    assert _phones("interstice-verslavingszorg-ouders") == [phone_normalise("+32 2 502 32 85")]
    (message,) = _open_reports("interstice-verslavingszorg-ouders")
    assert "+32 2 535 30 5102" in message
    assert all(word in message for word in ("nummer", "numéro", "number"))


def _reseau_number_stored_as_read_and_its_doubt_filed():
    assert _phones("reseau-en-perinatalite-netwerk") == [phone_normalise("+32 2 431 76 66")]
    (message,) = _open_reports("reseau-en-perinatalite-netwerk")
    assert "+32 32 2 431 76 66" in message


def _kind_en_gezin_childcare_reduction_keeps_its_condition():
    fees = _texts("kg-kinderopvang", "fees_description")
    assert "50%" in fees["nl"] and "verhoogde tegemoetkoming" in fees["nl"]
    assert "50 %" in fees["fr"] and "intervention majorée" in fees["fr"]
    assert "50%" in fees["en"] and "increased reimbursement" in fees["en"]
    options = _service("kg-kinderopvang").cost_options.order_by("amount")
    assert [str(o.amount) for o in options] == ["2.04", "6.47"]
    for option in options:
        assert "verhoogde tegemoetkoming" in option.option_nl
        assert "intervention majorée" in option.option_fr
        assert "increased reimbursement" in option.option_en


def _one_childcare_free_with_increased_reimbursement():
    fees = _texts("one-kinderopvang", "fees_description")
    assert "verhoogde tegemoetkoming" in fees["nl"]
    assert "intervention majorée" in fees["fr"]
    assert "increased reimbursement" in fees["en"]


def _aida_in_french_with_interpreters():
    for key in ("ulysse-aida-prenataal", "ulysse-aida-postnataal"):
        assert list(_service(key).languages.values_list("code", flat=True)) == ["fr"]
        description = _texts(key, "description")
        assert "tolk" in description["nl"]
        assert "interprète" in description["fr"]
        assert "interpreters" in description["en"]
        assert _phones(key) == [phone_normalise("+32 2 533 06 70")]


def _kraamzorg_asked_for_during_pregnancy():
    for key in ("familiehulp-kraamzorg", "i-mens-kraamzorg"):
        phases = set(_service(key).phases.values_list("code", flat=True))
        assert {"prenatal", "postnatal"} <= phases
        assert "zwangerschap" in _texts(key, "application_process")["nl"]
        assert "pregnancy" in _texts(key, "application_process")["en"]


def _programme_providers_said_in_english():
    coordination = _texts("p1000-zorgcoordinatie", "eligibility_description")["en"]
    assert "health-insurance providers" in coordination
    assert "8 November 2023" in coordination
    assert "take part in the programme" in coordination
    consultation = _texts("p1000-mdo", "eligibility_description")["en"]
    assert "national health insurance" in consultation
    assert "take part in the programme" in consultation


def _home_birth_says_how_to_find_a_midwife():
    how = _texts("thuisbevalling", "application_process")
    assert all("myupsfb.be" in how[lang] for lang in LANGS)
    assert {"prenatal", "birth", "postnatal"} == set(
        _service("thuisbevalling").phases.values_list("code", flat=True)
    )


def _le_cocon_address_and_phone():
    service = _service("le-cocon-bevalling")
    assert _phones("le-cocon-bevalling") == [phone_normalise("+32 2 555 55 96")]
    assert service.email == "cocon.Clini-obs@hubruxelles.be"
    address = service.service_at_locations.get().location.addresses.get()
    assert (address.address_1, address.postal_code) == ("Lennikse Baan 808", "1070")


def _pass_ages_phone_on_its_service():
    assert _phones("pass-ages-bevalling") == [phone_normalise("+32 471 84 29 93")]
    assert _service("pass-ages-bevalling").email == "info@pass-ages.be"


# (what must hold, the seed's words it rests on)
FACTS = [
    (_interstice_second_number_kept_as_a_doubt, "+32 2 502 32 85 / +32 2 535 30 5102"),
    (_reseau_number_stored_as_read_and_its_doubt_filed, "+32 32 2 431 76 66"),
    (
        _kind_en_gezin_childcare_reduction_keeps_its_condition,
        "Er is een korting van 50% op het berekende inkomenstarief (met een standaardminimum "
        "van € 6,47 per dag of het laagst mogelijke tarief van € 2,04 in 2025)",
    ),
    (
        _one_childcare_free_with_increased_reimbursement,
        "Sinds 1 januari 2023 is de crèche gratis voor personen met een verhoogde tegemoetkoming.",
    ),
    (
        _aida_in_french_with_interpreters,
        "voor niet-Franssprekende gezinnen zijn er vaak tolkdiensten beschikbaar",
    ),
    (
        _kraamzorg_asked_for_during_pregnancy,
        "De hulp moet aangevraagd worden vanaf de zwangerschap (vooraf aanmelden wordt "
        "aanbevolen).",
    ),
    (
        _programme_providers_said_in_english,
        "Dienstverlener: verstrekkers in het kader van de ziekteverzekering + wie voldoet aan "
        "het competentieprofiel beschreven in het protocolakkoord van 8 november 2023, op "
        "voorwaarde dat ze deelnemen aan het programma.",
    ),
    (
        _programme_providers_said_in_english,
        "Dienstverlener: verstrekkers in het kader van de ziekteverzekering, op voorwaarde dat "
        "ze deelnemen aan het programma.",
    ),
    (
        _home_birth_says_how_to_find_a_midwife,
        "biedt een zoekfunctie voor vroedvrouwen op basis van locatie/specialisatie "
        "(prenataal, postnataal, bevalling, enz.).",
    ),
    (_le_cocon_address_and_phone, "Lennikse Baan 808 1070 Brussel"),
    (_pass_ages_phone_on_its_service, "info@pass-ages.be (+32) 0471 84 29 93"),
]


# (service, phone as stored, the seed's words)
PHONES = [
    ("fbhav-wachtdienst", "+32 2 201 22 22", "+32 2 201 22 22 of 1733"),
    ("fbhav-wachtdienst", "1733", "+32 2 201 22 22 of 1733"),
    ("bhak-huisarts-zoeken", "+32 2 216 79 44", "secretariaat@bhak.be +32 2 216 79 44"),
    ("hopital-erasme-gynaecologie", "+32 2 431 77 00", "gynecologie-obstetrique 02 431 77 00"),
    ("aquarelle-prenataal", "+32 2 411 23 80", "aquarelle-bru.be +32 2 411 23 80"),
    ("aquarelle-postnataal", "+32 2 411 23 80", "aquarelle-bru.be +32 2 411 23 80"),
    ("ulysse-aida-prenataal", "+32 2 533 06 70", "ulysse-ssm.be/contact +32 2 533 06 70"),
    ("ulysse-aida-postnataal", "+32 2 533 06 70", "ulysse-ssm.be/contact +32 2 533 06 70"),
    ("pass-ages-bevalling", "+32 471 84 29 93", "(+32) 0471 84 29 93"),
    ("le-cocon-bevalling", "+32 2 555 55 96", "(+32) 2 555 55 96"),
    ("nasci-ondersteuning", "+32 2 216 88 85", "www.nascivzw.be +32 2 216 88 85"),
    ("maison-des-parents-solos-ondersteuning", "+32 2 375 09 92", "/nl +32 2 375 09 92"),
    ("la-lisiere-beschut-wonen", "+32 2 431 76 68", "+32 2 431 76 68 infoihplalisiere"),
    ("reseau-en-perinatalite-netwerk", "+32 2 431 76 66", "www.perinatal.be +32 32 2 431 76 66"),
    ("bru-stars-mobiel-perinataal-team", "+32 485 71 19 42", "www.bru-stars.be 0485 71 19 42"),
    ("bru-stars-crosslink", "+32 485 71 19 42", "www.bru-stars.be 0485 71 19 42"),
    ("kliniek-sint-jan-ouder-babyunit", "+32 2 221 92 40", "+32 2 221 92 40 of +32 2 221 99 81"),
    ("kliniek-sint-jan-ouder-babyunit", "+32 2 221 99 81", "+32 2 221 92 40 of +32 2 221 99 81"),
    ("interstice-verslavingszorg-ouders", "+32 2 502 32 85", "+32 2 502 32 85 /"),
    ("levensadem-zwangerschapsbegeleiding", "+32 2 375 95 04", "levensadem.be/nl +32 2 375 95 04"),
    ("levensadem-perinatale-rouw", "+32 2 375 95 04", "levensadem.be/nl +32 2 375 95 04"),
]


# (service, website, the seed's words)
WEBSITES = [
    ("bib-tool", "https://borninbelgiumpro.be", "www.borninbelgiumpro.be"),
    ("bhak-huisarts-zoeken", "https://www.bhak.be", "www.bhak.be"),
    ("aquarelle-prenataal", "https://www.aquarelle-bru.be", "www.aquarelle-bru.be"),
    ("ulysse-aida-prenataal", "https://www.ulysse-ssm.be/contact", "www.ulysse-ssm.be/contact"),
    ("nasci-ondersteuning", "https://www.nascivzw.be", "www.nascivzw.be"),
    ("levensadem-perinatale-rouw", "https://www.levensadem.be/nl", "www.levensadem.be/nl"),
    ("bru-stars-mobiel-perinataal-team", "https://www.bru-stars.be", "www.bru-stars.be"),
    ("interstice-verslavingszorg-ouders", "https://www.interstices-stpierre.be", "interstices"),
    ("reseau-en-perinatalite-netwerk", "https://www.perinatal.be", "www.perinatal.be"),
    ("caw-brussel-sociale-ondersteuning", "https://www.caw.be", "www.caw.be"),
    ("spama-perinatale-rouw", "https://www.association-spama.com/les-antennes/belgique", "spama"),
    ("eck-volle-maan-expertise", "https://www.expertisecentrum-vollemaan.be", "vollemaan.be"),
]


def test_every_quote_is_in_the_seed():
    """The quotes above are the Focus's own words (whitespace aside)."""
    assert SEED.exists(), f"the seed is not at {SEED}"
    seed = _flat(SEED.read_text(encoding="utf-8"))
    quotes = [q for _f, q in FACTS] + [q for *_k, q in PHONES] + [q for *_k, q in WEBSITES]
    assert [q for q in quotes if _flat(q) not in seed] == []


@pytest.mark.usefixtures("loaded_once")
class TestTheLoadedFocus:
    @pytest.mark.parametrize(
        ("fact", "quote"), FACTS, ids=[f.__name__.strip("_") for f, _ in FACTS]
    )
    def test_a_fact_of_the_focus_holds_after_loading(self, fact, quote):
        fact()

    @pytest.mark.parametrize(("key", "number", "quote"), PHONES)
    def test_every_phone_number_of_the_focus_is_on_its_service(self, key, number, quote):
        assert phone_normalise(number) in _phones(key)

    @pytest.mark.parametrize(("key", "url", "quote"), WEBSITES)
    def test_websites_of_the_focus_are_on_their_services(self, key, url, quote):
        assert _service(key).url == url

    def test_every_entry_speaks_english(self):
        services = Service.objects.all()
        assert services.count() == 124
        for field in ("name", "description"):
            assert not services.filter(**{f"{field}_en": ""}).exists(), field
            assert not Organization.objects.filter(**{f"{field}_en": ""}).exists(), field
        for field in ("eligibility_description", "fees_description", "application_process"):
            missing = services.exclude(**{f"{field}_nl": ""}).filter(**{f"{field}_en": ""})
            assert list(missing.values_list("key", flat=True)) == [], field

    def test_every_service_tells_a_reader_how_to_reach_it_in_every_language(self):
        unreachable = []
        for service in Service.objects.prefetch_related("phones", "service_at_locations"):
            if service.phones.all() or service.url or service.email:
                continue
            if service.service_at_locations.all():
                continue
            if not all(getattr(service, f"application_process_{lang}") for lang in LANGS):
                unreachable.append(service.key)
        assert unreachable == []

    @pytest.mark.parametrize(
        ("lang", "label"),
        [("nl", "Hoe aanvragen"), ("fr", "Comment faire la demande"), ("en", "How to apply")],
    )
    def test_the_home_birth_page_says_how_to_find_a_midwife(self, client, lang, label):
        """The Focus gives no phone or address for home birth: the page says where to look."""
        service = _service("thuisbevalling")
        html = client.get(f"/{lang}/services/{service.id}/").content.decode()
        assert label not in html  # no empty "how to apply" heading: the text itself is shown
        how = getattr(service, f"application_process_{lang}")
        assert escape(how.split("\n")[0][:40]) in html
        assert "www.myupsfb.be/api/searchpage" in html
        assert 'class="fallback"' not in html  # no text shown in another language


def test_english_search_shows_english_entries(loaded, client):
    reindex_services()
    response = client.get("/en/", {"q": "birth"})
    html = response.content.decode()
    assert response.context["count"] > 10
    assert "Giving birth at Le Cocon" in html
    assert "only available in" not in html


def test_a_prenatal_filter_finds_kraamzorg(loaded):
    reindex_services()
    page = search(SearchQuery(lang="en", phases=("prenatal",), needs=("kraamzorg",)))
    keys = set(Service.objects.filter(id__in=page.ids).values_list("key", flat=True))
    assert {"familiehulp-kraamzorg", "i-mens-kraamzorg"} <= keys


def _age_the_database() -> None:
    """Put back what an older load left: the facts this file corrects."""
    kraamzorg = _service("i-mens-kraamzorg")
    kraamzorg.phases.remove(*kraamzorg.phases.filter(code="prenatal"))
    Phone.objects.filter(service__key="aquarelle-prenataal").delete()
    Service.objects.filter(key="p1000-mdo").update(eligibility_description_en="Scenario B only.")
    _service("ulysse-aida-prenataal").languages.all().delete()
    ErrorReport.objects.all().delete()


def test_reloading_with_update_corrects_an_older_database_in_place(loaded):
    ids = dict(Service.objects.values_list("key", "id"))
    phone_ids = set(Phone.objects.values_list("id", flat=True))
    _age_the_database()
    call_command("directory", "load-brussels", "--update")
    assert dict(Service.objects.values_list("key", "id")) == ids
    assert "prenatal" in _service("i-mens-kraamzorg").phases.values_list("code", flat=True)
    assert _phones("aquarelle-prenataal") == [phone_normalise("+32 2 411 23 80")]
    assert "take part in the programme" in _service("p1000-mdo").eligibility_description_en
    assert list(_service("ulysse-aida-prenataal").languages.values_list("code", flat=True)) == [
        "fr"
    ]
    # phones of entries that did not change keep their rows
    unchanged = Phone.objects.exclude(service__key="aquarelle-prenataal")
    assert set(unchanged.values_list("id", flat=True)) <= phone_ids
    event = ChangeEvent.objects.get(
        object_id=str(ids["i-mens-kraamzorg"]), action="update", reason="load-brussels --update"
    )
    assert event.changes["phases"] == [["postnatal"], ["postnatal", "prenatal"]]
    assert ErrorReport.objects.count() == 2


def test_reloading_twice_with_update_changes_nothing_more(loaded):
    _age_the_database()
    load(read(), update=True)
    events = ChangeEvent.objects.count()
    result = load(read(), update=True)
    assert (result.services_updated, result.organizations_updated, result.reports_filed) == (
        0,
        0,
        0,
    )
    assert result.unchanged == 124
    assert ChangeEvent.objects.count() == events


def test_a_doubt_an_editor_closed_is_not_filed_again(loaded):
    assert ErrorReport.objects.filter(status=ReportStatus.OPEN).count() == 2
    ErrorReport.objects.update(
        status=ReportStatus.RESOLVED, resolution="Checked by phone.", handled_at=timezone.now()
    )
    result = load(read(), update=True)
    assert result.reports_filed == 0
    assert not ErrorReport.objects.filter(status=ReportStatus.OPEN).exists()

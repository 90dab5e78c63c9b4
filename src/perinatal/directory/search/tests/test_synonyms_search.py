"""Synonyms, word forms and compounds in the search: the same table on SQLite and PostgreSQL."""

import pytest

from perinatal.directory.search import rules
from perinatal.directory.search.models import Synonym
from perinatal.directory.search.query import SearchQuery, search
from perinatal.directory.tests.factories import ServiceFactory

LONG = (
    "Informatie voor ouders over allerlei onderwerpen. " * 6
    + "Ook over een depressie na de bevalling, over slapen en over voeding. "
) * 2

# key: factory arguments; every text is given, so no factory default leaks into a match.
DIRECTORY = {
    "undocumented": {
        "name_nl": "Prenatale begeleiding",
        "name_fr": "Accompagnement prénatal",
        "description_nl": "Medische opvolging en administratieve hulp voor zwangere vrouwen.",
        "description_fr": "Suivi médical et aide administrative pour les femmes enceintes.",
        "needs": ["no_legal_residence", "no_insurance", "migrants_refugees"],
    },
    "paper_forms": {
        "name_nl": "Kinderopvang",
        "name_fr": "Accueil de la petite enfance",
        "description_nl": "Papieren formulieren liggen klaar, ook voor wie net bevallen is.",
        "description_fr": "Formulaires papier disponibles sans rendez-vous après l'accouchement.",
        "needs": ["childcare"],
    },
    "birth": {
        "name_nl": "Bevalling in een kraamafdeling",
        "name_fr": "Accouchement en maternité",
        "description_nl": "Bevallen in het ziekenhuis.",
        "description_fr": "Accoucher à l'hôpital.",
        "needs": ["medical_follow_up"],
    },
    "mental": {
        "name_nl": "Psychologische begeleiding",
        "name_fr": "Accompagnement psychologique",
        "description_nl": "Consultaties voor ouders die het moeilijk hebben.",
        "description_fr": "Consultations pour les parents en difficulté.",
        "needs": ["mental_health"],
    },
    "mental_long": {
        "name_nl": "Website voor ouders",
        "name_fr": "Site pour les parents",
        "description_nl": LONG,
        "description_fr": LONG.replace("depressie", "dépression"),
        "needs": ["information"],
    },
    "depression_name": {
        "name_nl": "Praatgroep depressie",
        "name_fr": "Groupe de parole dépression",
        "description_nl": "Elke maand.",
        "description_fr": "Chaque mois.",
    },
    "grief": {
        "name_nl": "Steun bij perinatale rouw",
        "name_fr": "Soutien au deuil périnatal",
        "description_nl": "Voor ouders die een kindje verloren.",
        "description_fr": "Pour les parents qui ont perdu un bébé.",
        "needs": ["perinatal_grief"],
    },
    "lodge": {
        "name_nl": "Bevallen in de geboortelodge",
        "name_fr": "Accoucher au gîte de naissance",
        "description_nl": "Een geboorte met de vroedvrouwen van het team.",
        "description_fr": "Une naissance avec les sages-femmes de l'équipe.",
        "needs": ["birth_house"],
    },
    "benefit": {
        "name_nl": "Startbedrag en kinderbijslag",
        "name_fr": "Allocation de naissance et allocations familiales",
        "description_nl": "Betaalt het startbedrag en de kinderbijslag.",
        "description_fr": "Paie l'allocation de naissance et les allocations familiales.",
        "needs": ["child_benefit"],
    },
    "houses": {
        "name_nl": "Huizen van het Kind",
        "name_fr": "Maisons de l'Enfant",
        "description_nl": "Ondersteuning voor ouders.",
        "description_fr": "Soutien aux parents.",
        "needs": ["parenting_support"],
    },
    "insurance_fund": {
        "name_nl": "Aanvullende voordelen van het ziekenfonds",
        "name_fr": "Avantages de la mutualité",
        "description_nl": "Het ziekenfonds betaalt terug.",
        "description_fr": "La mutualité rembourse.",
        "needs": ["information"],
    },
    "lactation": {
        "name_nl": "Hulp bij borstvoeding",
        "name_fr": "Aide à l'allaitement",
        "description_nl": "Een vroedvrouw helpt thuis.",
        "description_fr": "Une sage-femme aide à domicile.",
        "needs": ["breastfeeding"],
    },
    "daycare": {
        "name_nl": "Kinderopvangzoeker",
        "name_fr": "Moteur de recherche de milieux d'accueil",
        "description_nl": "Overzicht van erkende opvang.",
        "description_fr": "Aperçu des milieux d'accueil agréés.",
        "needs": ["childcare"],
    },
}

SYNONYMS = [
    ("fr", "dépression", ["mental_health"], ""),
    ("fr", "sans papiers", ["no_legal_residence"], ""),
    ("fr", "crèche", ["childcare"], ""),
    ("nl", "doodgeboorte", ["perinatal_grief"], ""),
    ("nl", "geboortepremie", ["child_benefit"], "startbedrag"),
    ("nl", "geen ziekenfonds", ["no_insurance"], ""),
    ("en", "homebirth", ["home_birth"], "home birth"),
    ("fr", "accoucheuse", [], "sage femme"),
]


def add_synonym(lang: str, phrase: str, needs: list[str], words: str = "") -> Synonym:
    clean = rules.clean_synonym(lang=lang, phrase=phrase, needs=needs, words=words)
    return Synonym.objects.create(
        lang=clean.lang, phrase=clean.phrase, key=clean.key, needs=clean.needs, words=clean.words
    )


@pytest.fixture
def directory(db):
    services = {key: ServiceFactory(**spec) for key, spec in DIRECTORY.items()}
    for synonym in SYNONYMS:
        add_synonym(*synonym)
    return services


def _ids(directory, question: str, lang: str, limit: int = 5) -> list:
    keys = {service.id: key for key, service in directory.items()}
    return [keys[i] for i in search(SearchQuery(text=question, lang=lang), limit=limit).ids]


# (question, language, the first answer (one of), also in the first five)
ANSWERS = [
    # a need match beats an accidental word in a long description; a name match stays first
    ("dépression", "fr", {"depression_name"}, {"mental"}),
    ("depressie", "nl", {"depression_name"}, set()),  # no Dutch synonym: words only
    # the phrase means its needs, and is not asked word by word ("formulaires papier")
    ("sans papiers accouchement", "fr", {"undocumented"}, set()),
    ("sans papiers", "fr", {"undocumented"}, set()),
    ("doodgeboorte", "nl", {"grief"}, set()),
    ("geboortepremie", "nl", {"benefit"}, set()),
    ("crèche", "fr", {"paper_forms", "daycare"}, {"paper_forms", "daycare"}),
    ("creches", "fr", {"paper_forms", "daycare"}, {"paper_forms", "daycare"}),
    # irregular plurals: "huis" finds "huizen"
    ("Huis van het Kind", "nl", {"houses"}, set()),
    # a Dutch compound split both ways
    ("borstvoedingsconsulente", "nl", {"lactation"}, set()),
    ("opvang", "nl", {"daycare", "paper_forms"}, {"daycare", "paper_forms"}),
    # a synonym's other words
    ("accoucheuse", "fr", {"lactation", "lodge"}, {"lactation", "lodge"}),
]


@pytest.mark.parametrize(("question", "lang", "first", "also"), ANSWERS)
def test_questions_in_everyday_words(directory, question, lang, first, also):
    found = _ids(directory, question, lang)
    assert found and found[0] in first, found
    assert also <= set(found), found


def test_a_need_match_ranks_above_a_word_in_a_long_description(directory):
    found = _ids(directory, "dépression", "fr", limit=10)
    assert found.index("mental") < found.index("mental_long")


def test_a_negation_keeps_its_meaning(directory):
    found = _ids(directory, "geen ziekenfonds", "nl", limit=20)
    assert found == ["undocumented"]  # not the insurance fund's own service


def test_the_stemmer_does_not_join_a_synonym_to_another_word(directory):
    # "accouchement" and "accoucheuse" share the French stem: the synonym is not used.
    assert _ids(directory, "accouchement", "fr")[0] == "birth"


def test_a_disabled_synonym_is_not_used_and_a_change_applies_at_once(directory):
    synonym = Synonym.objects.get(lang="nl", phrase="doodgeboorte")
    synonym.enabled = False
    synonym.save()
    assert "grief" not in _ids(directory, "doodgeboorte", "nl")
    synonym.enabled = True
    synonym.needs = "birth_house"
    synonym.save()
    assert _ids(directory, "doodgeboorte", "nl")[0] == "lodge"


def test_synonyms_are_per_language(directory):
    assert "undocumented" not in _ids(directory, "sans papiers", "en")


@pytest.mark.parametrize(
    ("question", "lang", "suggestion"),
    [
        ("borstvoedng", "nl", "borstvoeding"),
        ("alaitement", "fr", "allaitement"),
        ("Hulp bij borstvoedng a.u.b.", "nl", "Hulp bij borstvoeding a.u.b."),
    ],
)
def test_a_corrected_question_is_offered(directory, question, lang, suggestion):
    page = search(SearchQuery(text=question, lang=lang))
    assert page.suggestion == suggestion
    assert directory["lactation"].id in page.ids


@pytest.mark.parametrize(("question", "lang"), [("borstvoeding", "nl"), ("xqzwv", "nl")])
def test_no_correction_no_suggestion(directory, question, lang):
    assert search(SearchQuery(text=question, lang=lang)).suggestion == ""

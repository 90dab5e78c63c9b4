"""The search vocabulary's rules without a database: synonym keys and checks, word forms,
Dutch compounds, what is kept of a question that found nothing."""

import pytest

from django.core.exceptions import ValidationError
from django.utils import translation

from perinatal.directory.search import compounds, enrich, rules, text, wordforms

# (phrase, language, key): stop words dropped, negations kept, a final s/x (and e) dropped
KEYS = [
    ("Baby blues", "fr", "baby blue"),
    ("pas de mutuelle", "fr", "pas mutuell"),
    ("Pas de mutuelles", "fr", "pas mutuell"),
    ("sans papiers", "fr", "san papier"),
    ("sans-papiers", "fr", "san papier"),
    ("geen ziekenfonds", "nl", "geen ziekenfond"),
    ("Huis van het Kind", "nl", "hui kind"),
    ("Huizen van het Kind", "nl", "huizen kind"),  # word forms find these (expansion.py)
    ("crèches", "fr", "crech"),
    ("without papers", "en", "without paper"),
    ("antenatal classes", "en", "antenatal classe"),
    ("verslaafde", "nl", "verslaafd"),
]


@pytest.mark.parametrize(("phrase", "lang", "key"), KEYS)
def test_a_phrase_is_matched_on_its_light_key(phrase, lang, key):
    assert rules.key_of(rules.phrase_words(phrase, lang), lang) == key


def test_the_key_keeps_words_apart_that_the_stemmer_joins():
    # French Snowball makes both "accouch"; a synonym for a midwife must not catch a birth.
    assert text.stem("accouchement", "fr") == text.stem("accoucheuse", "fr")
    assert rules.key_of(["accouchement"], "fr") != rules.key_of(["accoucheuse"], "fr")


def _errors(**kwargs) -> dict:
    arguments = {"lang": "fr", "phrase": "baby blues", "needs": ["mental_health"], "words": ""}
    with pytest.raises(ValidationError) as caught:
        rules.clean_synonym(**{**arguments, **kwargs})
    return caught.value.message_dict


# (changed argument, field in error, words of the English message)
REFUSED = [
    ({"phrase": ""}, "phrase", "Write the word or phrase"),
    ({"phrase": "   "}, "phrase", "Write the word or phrase"),
    ({"phrase": "de la le"}, "phrase", "only little words"),
    ({"phrase": "x" * 101}, "phrase", "At most 100 characters"),
    (
        {"phrase": "sage-femme à domicile la nuit et le week-end gratuite"},
        "phrase",
        "At most 6 words",
    ),
    ({"needs": ["mental_health", "astrology"]}, "needs", "Unknown need: astrology"),
    ({"needs": [], "words": ""}, "needs", "at least one need"),
    ({"words": "soutien\n" * 1250}, "words", "At most 1000 characters (this list has 10000)"),
    ({"words": "\n".join(f"mot{n}" for n in range(21))}, "words", "At most 20 lines"),
    ({"words": "psychologue\nde la"}, "words", "Line 2 holds no word"),
    ({"lang": "de"}, "lang", "Dutch, French or English"),
]


@pytest.mark.parametrize(("change", "field", "message"), REFUSED)
def test_a_wrong_synonym_is_refused_naming_the_field(change, field, message):
    with translation.override("en"):
        errors = _errors(**change)
    assert field in errors
    assert any(message in m for m in errors[field]), errors


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("nl", "Schrijf het woord of de uitdrukking"),
        ("fr", "Écrivez le mot ou l’expression"),
        ("en", "Write the word or phrase"),
    ],
)
def test_the_messages_are_in_the_editors_language(lang, message):
    with translation.override(lang):
        errors = _errors(phrase="")
    assert any(message in m for m in errors["phrase"]), errors


def test_a_good_synonym_is_cleaned():
    clean = rules.clean_synonym(
        lang="nl",
        phrase="  geen   ziekenfonds ",
        needs=["no_legal_residence", "no_insurance"],
        words="dringende medische hulp\n\ndringende medische hulp\n DMH ",
    )
    assert clean.phrase == "geen ziekenfonds"
    assert clean.key == "geen ziekenfond"
    assert clean.needs == "no_insurance no_legal_residence"  # in the needs' own order
    assert clean.words == "dringende medische hulp\nDMH"


# (question, what is kept): folded, bounded, no long numbers
QUESTIONS = [
    ("  Dépression   POST-PARTUM ", "depression post partum"),
    (
        "mijn rijksregisternummer 85.07.30-033.28 kraamzorg",
        "mijn rijksregisternummer 85 07 30 033 28 kraamzorg",
    ),
    ("bel me op 0471842993 vroedvrouw", "bel me op vroedvrouw"),
    ("crèche 1080", "creche 1080"),
    ("!!!", ""),
    (
        "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien",
        "een twee drie vier vijf zes zeven acht negen tien elf twaalf",
    ),
]


@pytest.mark.parametrize(("question", "kept"), QUESTIONS)
def test_what_is_kept_of_a_question_that_found_nothing(question, kept):
    assert rules.question_text(question) == kept


# (word, language, forms the search also asks for, forms it must not ask for)
FORMS = [
    ("huizen", "nl", {"huis"}, set()),
    ("huis", "nl", {"huizen"}, set()),
    ("gezinnen", "nl", {"gezin"}, set()),
    ("kinderen", "nl", {"kind"}, set()),
    ("zwangerschappen", "nl", {"zwangerschap"}, set()),
    ("jaren", "nl", {"jaar"}, set()),
    ("children", "en", {"child"}, set()),
    ("midwives", "en", {"midwife"}, set()),
    ("travaux", "fr", {"travail"}, set()),
    ("enfants", "fr", set(), {"enfant"}),  # the stemmer brings these together already
]


@pytest.mark.parametrize(("word", "lang", "wanted", "unwanted"), FORMS)
def test_word_forms(word, lang, wanted, unwanted):
    forms = set(wordforms.irregular(word, lang)) | set(wordforms.regular(word, lang))
    assert wanted <= forms
    assert not unwanted & forms


# (word, its parts, how an unknown one is asked)
COMPOUNDS = [
    ("kinderopvang", ("kind", "opvang"), [("kind", "opvang")]),
    ("geboortepremie", ("geboorte", "premie"), [("geboorte", "premie")]),
    (
        "borstvoedingsconsulente",
        ("borstvoeding", "consulente"),
        [("borstvoeding", "consulente"), ("borstvoeding",)],
    ),
    ("zwangerschapscursus", ("zwangerschap", "cursus"), [("zwangerschap", "cursus")]),
    ("kinderziekenhuizen", ("kind", "ziekenhuis"), [("kind", "ziekenhuis")]),
    ("onderzoek", (), []),  # never split into particles
    ("voorbereiding", (), []),
    ("vroedvrouw", (), []),  # a word of its own, not a kind of "vrouw"
    ("accouchement", (), []),
]


@pytest.mark.parametrize(("word", "parts", "asked"), COMPOUNDS)
def test_dutch_compounds(word, parts, asked):
    assert compounds.split(word) == parts
    assert compounds.question_alternatives(word) == asked


def test_a_document_brings_the_later_parts_of_its_compounds():
    assert compounds.index_parts(["kinderopvangkosten", "thuisbevalling", "zorg"]) == [
        "opvang",
        "kosten",
        "bevalling",
    ]


def test_need_tokens_are_one_unstemmed_word_that_no_other_starts():
    tokens = [enrich.need_token(code) for code in ("birth_house", "home_birth", "childcare")]
    assert tokens == ["needbirthhouse0", "needhomebirth0", "needchildcare0"]
    for lang in text.LANGUAGES:
        assert text.words(" ".join(tokens)) == tokens
        assert text.stems(tokens, lang) == tokens
        assert not text.vocabulary(tokens, lang)  # never offered as a typo correction
    assert not any(a != b and b.startswith(a) for a in tokens for b in tokens)


def test_a_service_about_fewer_needs_has_their_tokens_more_often():
    one = enrich.columns({"keywords": "x"}, lang="nl", needs=["mental_health"])
    seven = enrich.columns({"keywords": "x"}, lang="nl", needs=["mental_health", *"abcdef"])
    assert one["keywords"].split().count("needmentalhealth0") == 2
    assert seven["keywords"].split().count("needmentalhealth0") == 1

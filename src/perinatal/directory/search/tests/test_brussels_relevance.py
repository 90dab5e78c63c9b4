"""The Brussels directory (seed 002) with the seed's synonyms: everyday questions find the right
service in the first five, on SQLite and PostgreSQL. The questions of the issue first; the
relevance bench (bench/search_relevance.py) asks many more."""

import pytest

from perinatal.directory.brussels import DATA_FILE, load, read
from perinatal.directory.models import Service
from perinatal.directory.search.query import SearchQuery, search
from perinatal.directory.search.services import synonyms_load

MENTAL = {
    "cgg-begeleiding",
    "psybru-eerstelijnspsychologen",
    "chu-brugmann-moeder-kindpsychiatrie",
    "kliniek-sint-jan-ouder-babyunit",
    "chu-saint-pierre-psychiatrie-kraamzorg",
    "bru-stars-mobiel-perinataal-team",
}

# (question, language, a service (or one of several) that must be in the first five, services
# that must not be first)
QUESTIONS = [
    # the questions that found nothing, or the wrong thing
    ("dépression", "fr", MENTAL, set()),
    ("postpartum depression", "en", MENTAL, set()),
    ("doodgeboren", "nl", "spama-perinatale-rouw", set()),
    ("stilgeboren", "nl", "levensadem-perinatale-rouw", set()),
    ("homebirth", "en", "thuisbevalling", set()),
    ("antenatal classes", "en", "verloskundige-geboortevoorbereiding", set()),
    ("sans papiers accouchement", "fr", "aquarelle-prenataal", {"one-kinderopvang"}),
    ("sans papiers accouchement", "fr", "ulysse-aida-prenataal", {"one-kinderopvang"}),
    ("Huis van het Kind", "nl", "huizen-van-het-kind-ondersteuning", set()),
    ("geboortepremie", "nl", "famiris-kinderbijslag", set()),
    ("geboortepremie", "nl", "infino-brussel-kinderbijslag", set()),
    ("doodgeboorte", "nl", "chu-saint-pierre-perinatale-rouw", {"le-cocon-bevalling"}),
    # everyday words of the brief
    ("baby blues", "fr", MENTAL, set()),
    ("pas de mutuelle", "fr", "aquarelle-prenataal", {"ziekenfonds-aanvullende-voordelen"}),
    ("crèche", "fr", "one-kinderopvang", set()),
    ("fausse couche", "fr", "levensadem-perinatale-rouw", set()),
    ("miscarriage", "en", "levensadem-perinatale-rouw", set()),
    ("prime de naissance", "fr", "parentia-brussel-kinderbijslag", set()),
    # word forms, compounds, typos
    ("borstvoedingsconsulente", "nl", "verloskundige-postnatale-thuiszorg", set()),
    ("kinderopvnag", "nl", "kg-kinderopvang", set()),
    ("allaitment", "fr", "perinatale-voorzieningen-postnataal", set()),
    ("vroedrouw", "nl", {"upsfb-vroedvrouw-zoeken", "verloskundige-prenataal"}, set()),
    # mixed needs and professionals' words
    ("zwanger en geen ziekenfonds", "nl", "ulysse-aida-prenataal", set()),
    ("rééducation du périnée", "fr", "kine-postnataal", set()),
    ("screening psychosociale kwetsbaarheid", "nl", "bib-tool", set()),
    ("drugs tijdens de zwangerschap", "nl", "interstice-verslavingszorg-ouders", set()),
]


@pytest.fixture
def brussels(db):
    load(read(DATA_FILE))
    synonyms_load()
    return dict(Service.objects.values_list("id", "key"))


def test_everyday_questions_find_the_right_services(brussels):
    wrong = []
    for question, lang, wanted, not_first in QUESTIONS:
        top = [brussels[i] for i in search(SearchQuery(text=question, lang=lang), limit=5).ids]
        wanted = {wanted} if isinstance(wanted, str) else wanted
        if not wanted & set(top) or (top and top[0] in not_first):
            wrong.append(f"{lang} {question!r}: {top}, wanted {wanted}")
    assert not wrong, "\n".join(wrong)


def test_loading_the_synonyms_again_changes_nothing(brussels):
    again = synonyms_load()
    assert again.created == 0 and again.unchanged > 1000

"""Full-text behaviour, the same table on SQLite and PostgreSQL."""

import pytest

from perinatal.directory.search.query import SearchQuery, search

# (question, language, a service it must find, whether that service must come first)
FINDS = [
    # case and accents
    ("rouw", "nl", "grief", True),
    ("ROUW", "nl", "grief", True),
    ("Périnatale", "nl", "grief", True),
    ("deuil", "fr", "grief", False),
    ("DEUIL PERINATAL", "fr", "grief", True),
    ("périnatal", "fr", "grief", True),
    ("perinatale", "fr", "grief", True),
    # stemming: "perinatale rouw" and "deuil périnatal" found by their parts and forms
    ("perinatale rouw", "nl", "grief", True),
    ("miskramen", "nl", "grief", True),
    ("deuils", "fr", "grief", True),
    ("accompagner", "fr", "grief", True),
    ("zwanger", "nl", "pregnancy", True),
    ("zwangerschap", "nl", "pregnancy", True),
    ("grossesse", "fr", "pregnancy", True),
    ("enceinte", "fr", "pregnancy", True),
    ("allaitement", "fr", "lactation", True),
    # a word as the start of a Dutch compound: "borstvoeding" in "borstvoedingsgroep"
    ("borstvoeding", "nl", "lactation", False),
    ("borstvoeding", "nl", "breastfeeding_group", True),
    ("vroedvrouw", "nl", "dutch_only", True),
    # typos, corrected from the index's vocabulary
    ("borstvoedng", "nl", "lactation", False),
    ("allaitment", "fr", "lactation", True),
    ("grosesse", "fr", "pregnancy", True),
    ("kraamzrog", "nl", "kraamzorg_name", False),
    # names rank above descriptions
    ("kraamzorg", "nl", "kraamzorg_name", True),
    ("kraamzorg", "nl", "kraamzorg_text", False),
    ("naissance", "fr", "kraamzorg_name", True),
    # organisation, municipality
    ("gezin", "nl", "pregnancy", False),
    ("Vorst", "nl", "grief", True),
    ("forest", "fr", "grief", True),
    # a language missing a text shows (and is searched in) the Dutch one
    ("vroedvrouw", "fr", "dutch_only", True),
    ("vroedvrouw", "en", "dutch_only", True),
    # several words: all of them, else any of them
    ("rouw miskraam", "nl", "grief", True),
    ("rouw borstvoeding", "nl", "grief", False),
    ("rouw borstvoeding", "nl", "lactation", False),
]


@pytest.mark.parametrize(("text", "lang", "key", "first"), FINDS)
def test_search_finds(corpus, text, lang, key, first):
    page = search(SearchQuery(text=text, lang=lang))
    assert corpus[key].id in page.ids
    if first:
        assert page.ids[0] == corpus[key].id
    assert page.count >= len(page.ids)


# (question, language, services it must not find)
MISSES = [
    ("rouw", "nl", {"lactation", "pregnancy", "defunct"}),  # defunct services are hidden
    ("zwanger", "nl", {"grief", "lactation"}),
    ("deuil", "fr", {"lactation"}),
    ("rouw miskraam", "nl", {"lactation"}),
]


@pytest.mark.parametrize(("text", "lang", "keys"), MISSES)
def test_search_does_not_find(corpus, text, lang, keys):
    page = search(SearchQuery(text=text, lang=lang))
    assert not {corpus[key].id for key in keys} & set(page.ids)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("xylofoon", "nl"), ("de het een", "nl"), ("le la des", "fr"), ("zzzzqqqq", "fr")],
)
def test_words_found_nowhere_and_stop_words_find_nothing(corpus, text, lang):
    assert search(SearchQuery(text=text, lang=lang)).count == 0


def test_name_hit_ranks_above_description_hits_in_both_languages(corpus):
    nl = search(SearchQuery(text="kraamzorg", lang="nl")).ids
    assert nl.index(corpus["kraamzorg_name"].id) < nl.index(corpus["kraamzorg_text"].id)
    fr = search(SearchQuery(text="naissance", lang="fr")).ids
    assert fr.index(corpus["kraamzorg_name"].id) < fr.index(corpus["kraamzorg_text"].id)


def test_exact_matches_stay_above_typo_corrections(corpus):
    ids = search(SearchQuery(text="borstvoeding", lang="nl")).ids
    assert set(ids) == {corpus["lactation"].id, corpus["breastfeeding_group"].id}


def test_inactive_services_are_found_only_on_request(corpus):
    assert corpus["defunct"].id in search(SearchQuery(text="rouw", include_inactive=True)).ids

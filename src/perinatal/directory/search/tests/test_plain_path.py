"""Questions without filters take a faster path on SQLite (rank inside FTS5, count there minus
hidden documents); it must give exactly what the general query gives."""

import pytest

from perinatal.directory.constants import ServiceStatus
from perinatal.directory.search.query import SearchQuery, search
from perinatal.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

QUESTIONS = [
    ("rouw", "nl"),
    ("vroedvrouw", "nl"),
    ("deuil", "fr"),
    ("kraamzorg", "nl"),
    ("borstvoedng", "nl"),
    ("sage femme naissance", "fr"),
]


def _general(query: SearchQuery, limit: int):
    """The same question through the general (filtered) path: a filter every service passes."""
    from perinatal.directory.search import query as query_module

    original = query_module._is_plain
    query_module._is_plain = lambda q: False
    try:
        return search(query, limit=limit)
    finally:
        query_module._is_plain = original


@pytest.mark.parametrize(("text", "lang"), QUESTIONS)
@pytest.mark.parametrize("limit", [1, 3, 20])
def test_plain_and_general_paths_agree(corpus, text, lang, limit):
    query = SearchQuery(text=text, lang=lang)
    assert search(query, limit=limit) == _general(query, limit)


def test_hidden_services_are_neither_counted_nor_shown_when_they_rank_best(corpus):
    # Many defunct services that match better (in their name) than the active ones.
    for n in range(60):
        ServiceFactory(
            name_nl=f"Rouw rouw rouwgroep {n}",
            description_nl="Perinatale rouw.",
            status=ServiceStatus.DEFUNCT,
        )
    active = {s.id for s in corpus.values() if s.status != ServiceStatus.DEFUNCT}
    page = search(SearchQuery(text="rouw", lang="nl"), limit=5)
    assert page == _general(SearchQuery(text="rouw", lang="nl"), 5)
    assert page.ids and set(page.ids) <= active
    everything = search(SearchQuery(text="rouw", lang="nl", include_inactive=True), limit=100)
    assert everything.count == page.count + 61  # the 60 above and the corpus's defunct one

"""Filters, alone and with text; empty text; counting and paging."""

import pytest

from perinatal.core.municipalities import find_place
from perinatal.directory.search import text
from perinatal.directory.search.query import SearchQuery, search
from perinatal.directory.tests.factories import ServiceFactory

ACTIVE = {
    "grief",
    "lactation",
    "breastfeeding_group",
    "pregnancy",
    "kraamzorg_name",
    "kraamzorg_text",
    "dutch_only",
}

# (filters, the active services they keep)
FILTERS = [
    ({}, ACTIVE),
    ({"phases": ("prenatal",)}, {"pregnancy"}),
    ({"phases": ("prenatal", "postnatal")}, {"pregnancy", "lactation", "breastfeeding_group"}),
    ({"needs": ("perinatal_grief",)}, {"grief"}),
    ({"needs": ("perinatal_grief", "breastfeeding")}, {"grief", "lactation"}),
    ({"languages": ("ar",)}, {"pregnancy"}),
    ({"languages": ("NL",)}, {"grief", "lactation"}),
    ({"low_cost": True}, {"grief", "breastfeeding_group", "pregnancy"}),
    ({"programme": True}, {"pregnancy"}),
    ({"places": "1190"}, {"grief"}),
    ({"places": "1000"}, set()),
    ({"places": "FOREST"}, {"grief"}),
    ({"places": "Saint-Josse-ten-Noode"}, {"lactation"}),
    ({"places": "ÉVERE"}, {"pregnancy"}),
    ({"places": ("99999", "xx")}, set()),
    ({"phases": ("postnatal",), "low_cost": True}, {"breastfeeding_group"}),
    ({"phases": ("no-such-phase",)}, set()),
    ({"needs": ("'; --",)}, set()),
    ({"needs": ("perinatal",)}, set()),  # a part of a code is no code
    ({"needs": ("grief",)}, set()),
    ({"phases": ("prenatal|postnatal",)}, set()),
    ({"text": "rouw", "needs": ("perinatal_grief",)}, {"grief"}),
    ({"text": "rouw", "phases": ("prenatal",)}, set()),
    ({"text": "borstvoeding", "low_cost": True}, {"breastfeeding_group"}),
    ({"text": "deuil", "lang": "fr", "places": "vorst"}, {"grief"}),
    ({"text": "zwanger", "programme": True, "languages": ("ar",)}, {"pregnancy"}),
]


@pytest.mark.parametrize(("filters", "keys"), FILTERS)
def test_filters_keep_only_matching_services(corpus, filters, keys):
    if isinstance(filters.get("places"), str):  # a place as a person types it
        filters = {**filters, "places": tuple(m.nis for m in find_place(filters["places"]))}
    page = search(SearchQuery(**filters), limit=100)
    assert set(page.ids) == {corpus[key].id for key in keys}
    assert page.count == len(keys)


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_empty_text_lists_services_by_name_in_the_language(corpus, lang):
    page = search(SearchQuery(lang=lang), limit=100)
    names = {
        s.id: text.fold(getattr(s, f"name_{lang}") or s.name_nl)
        for s in corpus.values()
        if s.id in page.ids
    }
    assert [names[i] for i in page.ids] == sorted(names.values())


@pytest.mark.parametrize("question", ["kraamzorg", ""])
def test_count_is_the_total_and_ids_are_one_page(db, question):
    for n in range(25):
        ServiceFactory(name_nl=f"Kraamhulp {n:02}", description_nl="Kraamzorg thuis.")
    query = SearchQuery(text=question)
    pages = [search(query, offset=offset, limit=10) for offset in (0, 10, 20)]
    assert [p.count for p in pages] == [25, 25, 25]
    assert [len(p.ids) for p in pages] == [10, 10, 5]
    assert len({i for p in pages for i in p.ids}) == 25
    assert search(query, offset=100, limit=10).ids == []


def test_services_with_the_same_rank_come_by_name(db):
    for name in ("Ceder", "Appel", "Beuk"):
        ServiceFactory(name_nl=name, description_nl="Kraamzorg thuis.")
    ids = search(SearchQuery(text="kraamzorg")).ids
    from perinatal.directory.models import Service

    assert [Service.objects.get(id=i).name_nl for i in ids] == ["Appel", "Beuk", "Ceder"]

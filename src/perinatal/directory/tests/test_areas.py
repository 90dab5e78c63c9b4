"""Areas served: the table and its constraints, the place filter (page, API), the editors'
section of the edit page, the words on the service page, HSDS import of areas."""

import json

import pytest

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from perinatal.audit.models import ChangeEvent
from perinatal.core.municipalities import find_place
from perinatal.directory.areas import UnknownArea, areas_clean, areas_describe
from perinatal.directory.hsds.importer import import_path
from perinatal.directory.hsds.reader import ImportRefused
from perinatal.directory.models import Service, ServiceArea
from perinatal.directory.search.query import SearchQuery, search
from perinatal.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

MOLENBEEK, KOEKELBERG, ANDERLECHT, BRUSSELS, FLANDERS = (
    "21012",
    "21011",
    "21001",
    "04000",
    "02000",
)


def places(name: str) -> tuple[str, ...]:
    return tuple(m.nis for m in find_place(name))


# The table ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "nis"),
    [
        ("region", MOLENBEEK),
        ("municipality", BRUSSELS),
        ("province", FLANDERS),
        ("municipality", "10000"),  # a province's code
        ("municipality", "2101"),
        ("municipality", "abcde"),
        ("country", "01000"),
    ],
)
def test_a_code_that_does_not_fit_its_level_is_refused_by_the_database(level, nis):
    service = ServiceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceArea.objects.create(service=service, level=level, nis=nis)


def test_an_area_is_listed_once_per_service():
    service = ServiceFactory(areas=[BRUSSELS])
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceArea.objects.create(service=service, level="region", nis=BRUSSELS)


@pytest.mark.parametrize("codes", [["99999"], ["1080"], [BRUSSELS, "21999"], [""]])
def test_codes_not_on_the_reference_list_are_refused(codes):
    with pytest.raises(UnknownArea):
        areas_clean(codes)


@pytest.mark.parametrize(
    ("codes", "lang", "words"),
    [
        ([BRUSSELS], "en", "Whole Brussels-Capital Region"),
        ([BRUSSELS], "nl", "Heel het Brussels Hoofdstedelijk Gewest"),
        ([BRUSSELS], "fr", "Toute la Région de Bruxelles-Capitale"),
        ([MOLENBEEK, KOEKELBERG], "en", "Koekelberg and Molenbeek-Saint-Jean"),
        ([MOLENBEEK, KOEKELBERG], "nl", "Koekelberg en Sint-Jans-Molenbeek"),
        (
            [MOLENBEEK, KOEKELBERG, ANDERLECHT],
            "fr",
            "Anderlecht, Koekelberg et Molenbeek-Saint-Jean",
        ),
        ([BRUSSELS, FLANDERS], "en", "Whole Flemish Region and whole Brussels-Capital Region"),
        ([BRUSSELS, FLANDERS, "03000"], "fr", "Toute la Belgique"),
        (["10000", MOLENBEEK], "nl", "Provincie Antwerpen en Sint-Jans-Molenbeek"),
        ([], "en", ""),
    ],
)
def test_areas_in_words(codes, lang, words):
    assert areas_describe(codes, lang) == words


# The place filter --------------------------------------------------------------------


@pytest.fixture
def around_molenbeek():
    """Named so that the order by name differs from the order by place."""
    return {
        "located": ServiceFactory(
            name_nl="Zonnehuis", address=("Rue Ransfort 1", "1080", "Molenbeek", "Molenbeek")
        ),
        "named": ServiceFactory(name_nl="Middelpunt", areas=[MOLENBEEK, KOEKELBERG]),
        "region": ServiceFactory(name_nl="Aandacht", areas=[BRUSSELS]),
        "flanders": ServiceFactory(name_nl="Buiten", areas=[FLANDERS]),
        "anderlecht": ServiceFactory(name_nl="Elders", areas=[ANDERLECHT]),
        "unknown": ServiceFactory(name_nl="Nergens"),
    }


@pytest.mark.parametrize("typed", ["1080", "Molenbeek", "Sint-Jans-Molenbeek", "molenbeek st jean"])
def test_a_place_gives_located_then_named_then_region_wide_services(around_molenbeek, typed):
    page = search(SearchQuery(places=places(typed)), limit=20)
    wanted = [around_molenbeek[k].id for k in ("located", "named", "region")]
    assert (page.ids, page.count) == (wanted, 3)


@pytest.fixture
def a_crowded_place():
    """Services of each tier for Molenbeek, their names shuffled across the tiers, and one
    in Koekelberg that does not serve it; returns the order a reader must get."""
    names = ["Kiem", "Anker", "Zon", "Baken", "Wieg", "Haven", "Linde", "Duin", "Eik", "Mol"]
    located = [
        ServiceFactory(name_nl=n, address=("Rue Ransfort 1", "1080", "Molenbeek", "Molenbeek"))
        for n in names[:4]
    ]
    named = [ServiceFactory(name_nl=n, areas=[MOLENBEEK]) for n in names[4:7]]
    wider = [ServiceFactory(name_nl=n, areas=[BRUSSELS]) for n in names[7:]]
    ServiceFactory(name_nl="Aa", address=("Rue 1", "1081", "Koekelberg", "Koekelberg"))
    by_name = lambda tier: [s.id for s in sorted(tier, key=lambda s: s.name_nl)]  # noqa: E731
    return by_name(located) + by_name(named) + by_name(wider)


@pytest.mark.parametrize("size", [1, 3, 4, 6])
def test_the_pages_of_a_place_follow_each_other_across_its_tiers(a_crowded_place, size):
    molenbeek = places("Molenbeek")
    pages = [
        search(SearchQuery(places=molenbeek), offset=start, limit=size)
        for start in range(0, len(a_crowded_place) + size, size)
    ]
    assert [i for page in pages for i in page.ids] == a_crowded_place
    assert {(page.count, page.estimated) for page in pages} == {(len(a_crowded_place), False)}


def test_past_the_count_cap_a_place_has_an_estimated_count(a_crowded_place, monkeypatch):
    from perinatal.directory.search import backends

    monkeypatch.setattr(backends, "COUNT_CAP", 5)
    monkeypatch.setattr(backends, "SAMPLE_ROWS", 100_000)  # the whole table: nothing drawn out
    page = search(SearchQuery(places=places("Molenbeek")), limit=3)
    assert page.ids == a_crowded_place[:3]
    assert page.estimated
    # Every document is in the draw, so the estimate is the count (PostgreSQL's sample of
    # whole pages of a small table is the table too).
    assert page.count == len(a_crowded_place)


def test_a_neighbouring_place_keeps_only_what_serves_it(around_molenbeek):
    ids = search(SearchQuery(places=places("Anderlecht")), limit=20).ids
    assert ids == [around_molenbeek["anderlecht"].id, around_molenbeek["region"].id]
    gent = search(SearchQuery(places=places("Gent")), limit=20).ids
    assert gent == [around_molenbeek["flanders"].id]


def test_with_words_the_best_match_comes_first_and_the_place_breaks_ties(db):
    same = {"description_nl": "Kraamzorg thuis.", "description_fr": "Aide à domicile."}
    region = ServiceFactory(name_nl="Anker", areas=[BRUSSELS], **same)
    local = ServiceFactory(name_nl="Boei", areas=[MOLENBEEK], **same)
    best = ServiceFactory(name_nl="Kraamzorg Brussel", areas=[BRUSSELS], **same)
    ServiceFactory(name_nl="Kraamzorg Gent", areas=[FLANDERS], **same)
    ids = search(SearchQuery(text="kraamzorg", places=places("1080")), limit=20).ids
    assert ids == [best.id, local.id, region.id]


def test_an_area_change_is_searched_at_once(db):
    service = ServiceFactory()
    assert search(SearchQuery(places=places("Koekelberg"))).ids == []
    area = ServiceArea.objects.create(service=service, level="municipality", nis=KOEKELBERG)
    assert search(SearchQuery(places=places("Koekelberg"))).ids == [service.id]
    area.delete()
    assert search(SearchQuery(places=places("Koekelberg"))).ids == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", "geen Belgische postcode of gemeente"),
        ("fr", "n’est pas un code postal ou une commune de Belgique"),
        ("en", "is not a Belgian postcode or municipality we know"),
    ],
)
def test_an_unknown_place_is_refused_on_the_page_in_the_readers_language(
    client, around_molenbeek, lang, words
):
    before = (Service.objects.count(), ServiceArea.objects.count(), ChangeEvent.objects.count())
    url = reverse("directory:search").replace("/nl/", f"/{lang}/", 1)
    page = client.get(url, {"q": "", "place": "1299"})
    html = page.content.decode()
    assert page.status_code == 200
    assert words in html and "1299" in html
    assert 'class="results"' not in html
    after = (Service.objects.count(), ServiceArea.objects.count(), ChangeEvent.objects.count())
    assert after == before


def test_the_page_lists_the_services_of_a_place(client, around_molenbeek):
    html = client.get(reverse("directory:search"), {"place": "Molenbeek"}).content.decode()
    names = ["Zonnehuis", "Middelpunt", "Aandacht"]
    assert all(name in html for name in names) and "Elders" not in html
    assert html.index("Zonnehuis") < html.index("Middelpunt") < html.index("Aandacht")


def test_the_api_takes_the_same_place_and_refuses_an_unknown_one(client, around_molenbeek):
    found = client.get("/api/v1/services", {"place": "Sint-Jans-Molenbeek"})
    assert found.status_code == 200
    assert [s["name"] for s in found.json()["contents"]] == ["Zonnehuis", "Middelpunt", "Aandacht"]
    for name in ("place", "postcode", "municipality"):
        refused = client.get("/api/v1/services", {name: "1299"})
        assert refused.status_code == 422
        assert refused["Content-Type"] == "application/problem+json"
        body = refused.json()
        assert body["code"] == "invalid_input" and body["errors"][0]["field"] == name
        assert "1299" in body["detail"]


def test_the_api_answer_shows_each_area_with_its_name_and_code(client, around_molenbeek):
    answer = client.get("/api/v1/services", {"place": "1080", "lang": "fr"}).json()
    wanted = str(around_molenbeek["named"].id)
    named = next(s for s in answer["contents"] if s["id"] == wanted)
    areas = {a["name"]: a["attributes"][0]["value"] for a in named["service_areas"]}
    assert areas == {"Molenbeek-Saint-Jean": MOLENBEEK, "Koekelberg": KOEKELBERG}


# Editors -----------------------------------------------------------------------------


def _edit(editor_client, service, **area_fields):
    url = reverse("directory:service_edit", kwargs={"service_id": service.id})
    from perinatal.core.tests.html_forms import as_post_data, submitted

    page = editor_client.get(url).content.decode()
    data = dict(as_post_data(submitted(page, form_id="service-edit")))
    for name in ("area-regions", "area-provinces"):
        data.pop(name, None)
    data.update({f"area-{k}": v for k, v in area_fields.items()})
    return editor_client.post(url, data)


def test_an_editor_sets_the_area_and_the_search_and_history_follow(editor_client):
    service = ServiceFactory(areas=[BRUSSELS])
    response = _edit(editor_client, service, municipalities="Molenbeek, 1081", reason="x")
    assert response.status_code == 302
    assert sorted(service.areas.values_list("nis", flat=True)) == [KOEKELBERG, MOLENBEEK]
    event = ChangeEvent.objects.get(object_id=str(service.id), action="update")
    assert event.changes["areas"] == [[BRUSSELS], [KOEKELBERG, MOLENBEEK]]
    assert search(SearchQuery(places=places("Koekelberg"))).ids == [service.id]
    assert search(SearchQuery(places=places("Anderlecht"))).ids == []
    _edit(editor_client, service, regions=[BRUSSELS], provinces=["10000"], municipalities="")
    assert sorted(service.areas.values_list("nis", flat=True)) == [BRUSSELS, "10000"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Molenbeek, Atlantis", "“Atlantis” is not a Belgian municipality or postcode we know."),
        ("1299", "“1299” is not a Belgian municipality or postcode we know."),
        ("Woluwe", "“Woluwe” stands for several municipalities"),
        ("1050", "“1050” stands for several municipalities: Brussels, Ixelles"),
    ],
)
def test_an_unknown_or_unclear_municipality_is_refused_and_changes_nothing(
    editor_client, typed, message
):
    service = ServiceFactory(areas=[BRUSSELS], description_fr="Texte.")
    with translation.override("en"):
        url = reverse("directory:service_edit", kwargs={"service_id": service.id})
    url = url.replace("/nl/", "/en/", 1)
    from perinatal.core.tests.html_forms import as_post_data, submitted

    data = dict(
        as_post_data(submitted(editor_client.get(url).content.decode(), form_id="service-edit"))
    )
    data.update({"area-municipalities": typed, "description_fr": "Autre."})
    response = editor_client.post(url, data)
    assert response.status_code == 400
    assert message.replace("Brussels", "Bruxelles") in response.content.decode()
    service.refresh_from_db()
    assert service.description_fr == "Texte."
    assert list(service.areas.values_list("nis", flat=True)) == [BRUSSELS]
    assert not ChangeEvent.objects.filter(object_id=str(service.id)).exists()


def test_a_post_without_the_area_section_leaves_the_areas(editor):
    from perinatal.directory import services as directory_services

    service = ServiceFactory(areas=[MOLENBEEK])
    directory_services.service_update(service=service, data={"url": ""}, by=editor)
    assert list(service.areas.values_list("nis", flat=True)) == [MOLENBEEK]


@pytest.mark.parametrize(
    ("lang", "words"),
    [("nl", "Koekelberg en Sint-Jans-Molenbeek"), ("en", "Koekelberg and Molenbeek-Saint-Jean")],
)
def test_the_service_page_says_the_area_in_words(client, lang, words):
    service = ServiceFactory(areas=[MOLENBEEK, KOEKELBERG])
    url = reverse("directory:service", kwargs={"service_id": service.id}).replace(
        "/nl/", f"/{lang}/", 1
    )
    assert words in client.get(url).content.decode()


# HSDS --------------------------------------------------------------------------------

SERVICE = {
    "id": "22222222-2222-4222-8222-222222222222",
    "name": "Borstvoeding",
    "status": "active",
    "organization": {"id": "11111111-1111-4111-8111-111111111111", "name": "Org"},
}


def _area(**extra) -> dict:
    return {"id": "33333333-3333-4333-8333-333333333333", **extra}


def _nis(value: str) -> list[dict]:
    from perinatal.directory.hsds import vocabulary as v

    term_id = v.virtual_term_id(v.FIELD, "nis")
    return [
        {
            "id": v.stable_id("a", value),
            "link_type": "nis",
            "taxonomy_term_id": term_id,
            "value": value,
        }
    ]


def test_an_area_without_a_code_is_read_from_its_municipality_name(tmp_path):
    path = tmp_path / "services.json"
    areas = [_area(name="Molenbeek-Saint-Jean")]
    path.write_text(json.dumps([{**SERVICE, "service_areas": areas}]), encoding="utf-8")
    import_path(path)
    assert list(ServiceArea.objects.values_list("nis", "level")) == [(MOLENBEEK, "municipality")]


def test_an_area_with_an_unknown_code_refuses_the_import(tmp_path):
    path = tmp_path / "services.json"
    areas = [_area(name="Nowhere", attributes=_nis("99999"))]
    path.write_text(json.dumps([{**SERVICE, "service_areas": areas}]), encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_path(path)
    assert "99999" in str(refused.value) and "“value”" in str(refused.value)
    assert not Service.objects.exists() and not ServiceArea.objects.exists()


def test_areas_survive_export_and_import(tmp_path):
    from django.core.management import call_command

    from .hsds_factories import rich_directory

    consult, grief, _home = rich_directory()
    call_command("directory", "export-hsds", str(tmp_path))
    ServiceArea.objects.all().delete()
    import_path(tmp_path)
    assert sorted(consult.areas.values_list("nis", flat=True)) == [FLANDERS, BRUSSELS]
    assert sorted(grief.areas.values_list("nis", flat=True)) == [KOEKELBERG, MOLENBEEK]


def test_the_api_correction_sets_areas_and_refuses_unknown_codes(editor_client):
    service = ServiceFactory(areas=[BRUSSELS])
    url = f"/api/v1/services/{service.id}"
    refused = editor_client.patch(
        url, {"areas": [MOLENBEEK, "1299"]}, content_type="application/json"
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "areas"
    assert list(service.areas.values_list("nis", flat=True)) == [BRUSSELS]
    changed = editor_client.patch(url, {"areas": [MOLENBEEK]}, content_type="application/json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["changed"]["areas"] == [[BRUSSELS], [MOLENBEEK]]
    assert [a["name"] for a in changed.json()["service"]["service_areas"]] == [
        "Sint-Jans-Molenbeek"
    ]


# The Brussels directory -----------------------------------------------------------------


def test_every_brussels_service_gets_an_area_and_the_file_names_only_known_services():
    from perinatal.directory.brussels import load, read
    from perinatal.directory.brussels_areas import read_areas

    data = read()
    keys = {s["key"] for o in data["organizations"] for s in o["services"]}
    assert set(read_areas()["areas"]) <= keys
    load(data)
    assert not Service.objects.filter(areas__isnull=True).exists()
    in_brussels = set(Service.objects.filter(areas__nis=BRUSSELS).values_list("id", flat=True))
    in_flanders = set(Service.objects.filter(areas__nis=FLANDERS).values_list("id", flat=True))
    assert len(in_brussels) == len(keys) and 0 < len(in_flanders) < len(keys)
    molenbeek = search(SearchQuery(places=places("1080")), limit=1000)
    assert set(molenbeek.ids) == in_brussels
    gent = search(SearchQuery(places=places("Gent")), limit=1000)
    assert set(gent.ids) == in_flanders
    # Anderlecht: its two hospital entries with an address there come first.
    anderlecht = search(SearchQuery(places=places("Anderlecht")), limit=1000).ids
    keys_first = set(Service.objects.filter(id__in=anderlecht[:2]).values_list("key", flat=True))
    assert keys_first == {"hopital-erasme-technische-eenheid", "le-cocon-bevalling"}


def test_loading_again_keeps_an_editors_areas_unless_updating(editor):
    from perinatal.directory import services as directory_services
    from perinatal.directory.brussels import load, read

    data = read()
    load(data)
    service = Service.objects.get(key="nasci-ondersteuning")
    directory_services.service_update(service=service, data={"areas": [MOLENBEEK]}, by=editor)
    load(data)
    assert list(service.areas.values_list("nis", flat=True)) == [MOLENBEEK]
    load(data, update=True)
    assert list(service.areas.values_list("nis", flat=True)) == [BRUSSELS]
    event = ChangeEvent.objects.filter(object_id=str(service.id)).latest("at")
    assert event.changes == {"areas": [[MOLENBEEK], [BRUSSELS]]}

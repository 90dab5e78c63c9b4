"""Forms of a word that the Snowball stemmers leave apart, so a question finds them all.

The stemmers bring "vrouw" and "vrouwen", "enfant" and "enfants" together, and a question
word matches as the prefix of a stem ("kind" finds "kinderen"). They miss irregular forms
("huis"/"huizen": stems "huis"/"huiz"; "children" never finds "child") and some Dutch plurals
("gezinnen" -> "gezinn", which "gezin" prefixes but which does not prefix "gezin").

`variants(word, lang)` gives the other forms of a (folded) question word:
- `irregular`: the families listed in data/word_forms.yaml, always used;
- `regular`: Dutch singular and plural forms by rule (-en after a doubled consonant, z/s,
  v/f, -eren, -s, long vowels), which the caller keeps only when the index knows them.
"""

from functools import cache
from pathlib import Path

import yaml

from . import text

DATA_FILE = Path(__file__).parent / "data" / "word_forms.yaml"
VOWELS = set("aeiou")


@cache
def data() -> dict:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


@cache
def _families(lang: str) -> dict[str, tuple[str, ...]]:
    """Each folded form of a listed family -> the family's other forms."""
    found: dict[str, tuple[str, ...]] = {}
    for family in data()["irregular"].get(lang, []):
        forms = tuple(dict.fromkeys(" ".join(text.words(str(form))) for form in family))
        for form in forms:
            found[form] = tuple(other for other in forms if other != form)
    return found


def irregular(word: str, lang: str) -> tuple[str, ...]:
    return _families(lang).get(word, ())


def _dutch_singulars(word: str) -> list[str]:
    found = []
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        found.append(word[:-1])  # premies, consulentes, mama's
    if len(word) > 5 and word.endswith("eren"):
        found.append(word[:-4])  # kinderen, eieren
    if len(word) > 4 and word.endswith("en"):
        base = word[:-2]
        found.append(base)  # vrouwen
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in VOWELS:
            found.append(base[:-1])  # gezinnen, zwangerschappen
        elif base.endswith("z"):
            found.append(base[:-1] + "s")  # huizen, verliezen
        elif base.endswith("v"):
            found.append(base[:-1] + "f")  # brieven
        elif (
            len(base) > 2
            and base[-1] not in VOWELS
            and base[-2] in VOWELS - {"i"}
            and base[-3] not in VOWELS
        ):
            found.append(base[:-1] + base[-2] + base[-1])  # jaren, zaken
    return found


def _dutch_plurals(word: str) -> list[str]:
    if len(word) < 3 or word[-1] in VOWELS or word.endswith("en"):
        return []
    found = []
    if word.endswith("s"):
        found.append(word[:-1] + "zen")  # huis, verlies
    elif word.endswith("f"):
        found.append(word[:-1] + "ven")  # brief
    if word[-2] in VOWELS and word[-3] not in VOWELS:
        found.append(word + word[-1] + "en")  # gezin, zwangerschap
    elif word[-2] in VOWELS and word[-2] == word[-3]:
        found.append(word[:-2] + word[-1] + "en")  # jaar, zaak
    return found


def regular(word: str, lang: str) -> list[str]:
    """Candidate forms by rule (Dutch only); the index decides which exist."""
    if lang != "nl" or len(word) < 3:
        return []
    return [w for w in dict.fromkeys(_dutch_singulars(word) + _dutch_plurals(word)) if w != word]


def negations(lang: str) -> frozenset[str]:
    """Words that stop words lists drop but that change a phrase's meaning ("pas de mutuelle")."""
    return frozenset(data()["negations"].get(lang, []))

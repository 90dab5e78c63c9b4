"""Dutch compounds, split on both sides of the index.

Dutch writes a compound as one word: "kinderopvang", "borstvoedingsconsulente",
"geboortepremie". A question word already finds compounds that start with it (prefix of a
stem: "borstvoeding" finds "borstvoedingsconsulente"), but not those it ends
("opvang" in "kinderopvang"), and a compound the directory never uses finds nothing.

- Index side (`index_parts`): each compound in a document also brings its later parts to the
  same column, so "opvang" finds "kinderopvang" and "bevalling" finds "thuisbevalling".
- Question side (`split`): a compound the index does not know is asked as its parts together
  ("geboortepremie" -> "geboorte" and "premie"), or by its first part when the last one only
  names the kind of help ("borstvoedingsconsulente" -> "borstvoeding").

A word is split only into parts listed in data/word_forms.yaml (with a linking s, e, en or er
between them): never into particles or prepositions, so "onderzoek" or "voorbereiding" stay
whole. The splitting is the same Python on both databases.
"""

from functools import cache, lru_cache

from . import wordforms

MIN_COMPOUND = 6  # shorter words are never split
MIN_PART = 3
LINKS = ("", "s", "en", "e", "er")


@cache
def parts() -> frozenset[str]:
    return frozenset(str(p) for p in wordforms.data()["compound_parts_nl"])


@cache
def generic_heads() -> frozenset[str]:
    return frozenset(str(p) for p in wordforms.data()["generic_heads_nl"])


def _known_part(word: str) -> str | None:
    """The listed part a word is, possibly in a plural form ("ziekenhuizen" -> "ziekenhuis")."""
    if word in parts():
        return word
    for form in wordforms.regular(word, "nl"):
        if form in parts() and len(form) < len(word):
            return form
    return None


@lru_cache(maxsize=100_000)  # the words of the directory: a bounded vocabulary
def _split(word: str) -> tuple[str, ...] | None:
    """The fewest listed parts that make up `word` (ties: the fewest linking letters)."""
    best: tuple[int, int, tuple[str, ...]] | None = None
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        tail = _known_part(word[cut:])
        if tail is None:
            continue
        head = word[:cut]
        for link in LINKS:
            if link and not head.endswith(link):
                continue
            stem = head[: len(head) - len(link)]
            if len(stem) < MIN_PART:
                continue
            first = (stem,) if stem in parts() else _split(stem)
            if not first:
                continue
            found = (*first, tail)
            score = (len(found), len(link))
            if best is None or score < best[:2]:
                best = (*score, found)
    return best[2] if best else None


def split(word: str) -> tuple[str, ...]:
    """The parts of a Dutch compound word (folded), or () when it is not one of known parts."""
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return ()
    return _split(word) or ()


def finest(word: str) -> tuple[str, ...]:
    """The parts, each split again where it is itself a compound ("kinderopvangkosten" ->
    kind, opvang, kosten)."""
    found: list[str] = []
    for part in split(word):
        found += finest(part) if part != word and split(part) else [part]
    return tuple(found)


def index_parts(words: list[str]) -> list[str]:
    """The later parts of the compounds among a document's (folded) words, to index beside
    them: the first part is already found as the prefix of the compound."""
    extra: dict[str, None] = {}
    for word in dict.fromkeys(words):
        for part in (finest(word) or ())[1:]:
            extra.setdefault(part, None)
    return list(extra)


def question_alternatives(word: str) -> list[tuple[str, ...]]:
    """How an unknown compound in a question is also asked: its parts together, and its first
    part(s) alone when the last only names the kind of help."""
    found = split(word)
    if not found:
        return []
    alternatives = [found]
    if found[-1] in generic_heads() and len(found) > 1:
        alternatives.append(found[:-1])
    return alternatives

"""A question as the search asks it: groups of alternatives, the same on both databases.

A document must match every group (or, in the lenient tries, some); a group matches when one
of its alternatives does, and an alternative when all its words do, each word as the prefix of
a stem (backends.py). `plan(question, lang)`:

1. Reads the question's words (folded, stop words dropped but negations kept: rules.py).
2. Where a run of words is a synonym's phrase (longest first), that run becomes one group:
   the synonym's meaning (synonyms.meaning: its needs' tokens, its other words).
3. Every other word becomes a group of its forms: the word, its irregular forms
   (wordforms.irregular), its regular Dutch forms that the index knows, and, for a Dutch
   compound the index does not know, its parts (compounds.question_alternatives).

Each group remembers the question word it came from, so a word the index does not know can be
corrected for typos (query.py): at once when nothing explains it, and when the question found
nothing when only its parts did ("vroedrouw" is "vroed" + "rouw", and a typo).
"""

from dataclasses import dataclass

from . import compounds, synonyms, text, wordforms
from .backends import Operand
from .models import SearchTerm
from .rules import phrase_words

Alternative = tuple[str, ...]
MAX_WORDS = 24  # of a question, read for synonyms (the groups are bounded by MAX_QUERY_TERMS)


@dataclass(frozen=True)
class Group:
    alternatives: tuple[Alternative, ...]
    word: str = ""  # the question's word, for a plain word
    synonym: str = ""  # the synonym's phrase, for a synonym
    known: bool = True  # the index knows the word or one of its forms
    split: bool = False  # a Dutch compound the index does not know, asked by its parts

    def operands(self) -> list[Operand]:
        """The alternatives as the backends take them: a word, or a tuple of words."""
        return [alt[0] if len(alt) == 1 else alt for alt in self.alternatives]


def _known(words: set[str], lang: str) -> set[str]:
    candidates = [w for w in words if len(w) >= text.MIN_VOCABULARY_LENGTH]
    if not candidates:
        return set()
    found = SearchTerm.objects.filter(lang=lang, word__in=candidates)
    return set(found.values_list("word", flat=True))


def _clean(alternatives: list[Alternative], lang: str) -> tuple[Alternative, ...]:
    """Without stop words (the databases drop them from a query) and repeats."""
    stop = text.stopwords(lang)
    kept: dict[Alternative, None] = {}
    for alternative in alternatives:
        words = tuple(w for w in alternative if w not in stop and len(w) <= text.MAX_WORD_LENGTH)
        if words:
            kept.setdefault(words, None)
    return tuple(kept)


def _plain_group(word: str, lang: str, known: set[str]) -> Group:
    alternatives: list[Alternative] = [(word,)]
    alternatives += [(form,) for form in wordforms.irregular(word, lang)]
    alternatives += [(form,) for form in wordforms.regular(word, lang) if form in known]
    is_known = word in known or word.isdigit() or len(word) < text.MIN_VOCABULARY_LENGTH
    parts = [] if is_known else compounds.question_alternatives(word)
    is_known = is_known or len(alternatives) > 1
    return Group(
        alternatives=_clean(alternatives + parts, lang),
        word=word,
        known=is_known,
        split=bool(parts),
    )


def plan(question: str, lang: str) -> list[Group]:
    """The groups a question asks for, in its order, at most text.MAX_QUERY_TERMS."""
    words = phrase_words(question[: text.MAX_QUERY_CHARS], lang)[:MAX_WORDS]
    runs = synonyms.keys_of(words, lang)
    meant = synonyms.found(list(runs), lang)
    spans = sorted(
        ((span, key) for key, span in runs.items() if key in meant),
        key=lambda item: (item[0][0], -(item[0][1] - item[0][0])),
    )
    stop = text.stopwords(lang)
    candidates = set(words)
    for word in words:
        candidates.update(wordforms.regular(word, lang))
    known = _known(candidates, lang)

    groups: list[Group] = []
    position = 0
    while position < len(words) and len(groups) < text.MAX_QUERY_TERMS:
        span_key = next((item for item in spans if item[0][0] == position), None)
        if span_key is not None:
            (start, end), key = span_key
            synonym = meant[key]
            alternatives = _clean(synonyms.meaning(synonym, lang), lang)
            if alternatives:
                groups.append(Group(alternatives=alternatives, synonym=synonym.phrase))
                position = end
                continue
        word = words[position]
        position += 1
        if word in stop:  # a negation outside any synonym
            continue
        group = _plain_group(word, lang, known)
        if group.alternatives:
            groups.append(group)
    unique: dict[tuple[Alternative, ...], Group] = {}
    for group in groups:
        unique.setdefault(group.alternatives, group)
    return list(unique.values())

"""Synonyms in a question: which phrases of it the editors' synonyms know, and what they mean.

`found(keys, lang)` reads, in one query, the enabled synonyms whose key is one of the runs of
up to six consecutive words of the question (`keys_of`, rules.key_of). `meaning(synonym, lang)` is what
the search then asks for instead of the phrase: the token of each need (enrich.need_token;
services with that need rank as a keyword match), each of its other words (a line of several
words asks for all of them), and the phrase itself when it is one word ("dépression" still
finds the word "dépression"). A longer phrase is not asked word by word: "sans papiers" must
not find "formulaires papier".

The seed is data/synonyms.yaml (`read_seed`), loaded by `services.synonyms_load`.
"""

from pathlib import Path

import yaml

from django.utils.translation import gettext as _

from . import enrich, text
from .models import Synonym
from .rules import MAX_PHRASE_WORDS, key_of, phrase_words

SEED_FILE = Path(__file__).parent / "data" / "synonyms.yaml"


def keys_of(words: list[str], lang: str) -> dict[str, tuple[int, int]]:
    """Every run of up to MAX_PHRASE_WORDS words: its key -> (first word, after last)."""
    runs: dict[str, tuple[int, int]] = {}
    for start in range(len(words)):
        for end in range(start + 1, min(start + MAX_PHRASE_WORDS, len(words)) + 1):
            runs.setdefault(key_of(words[start:end], lang), (start, end))
    return runs


def found(keys: list[str], lang: str) -> dict[str, Synonym]:
    """The enabled synonyms of `lang` with one of these keys, by key."""
    if not keys:
        return {}
    rows = Synonym.objects.filter(lang=lang, enabled=True, key__in=keys).only(
        "key", "phrase", "needs", "words"
    )
    return {row.key: row for row in rows}


def meaning(synonym: Synonym, lang: str) -> list[tuple[str, ...]]:
    """What a question asks for where it says the synonym's phrase (alternatives, each a
    tuple of words that must all be there)."""
    alternatives: list[tuple[str, ...]] = [(enrich.need_token(c),) for c in synonym.need_codes]
    for line in synonym.word_lines:
        words = tuple(text.content_words(line, lang))
        if words:
            alternatives.append(words)
    own = phrase_words(synonym.phrase, lang)  # with its negations: "geen ziekenfonds" is two
    if len(own) == 1:
        alternatives.append((own[0],))
    return list(dict.fromkeys(alternatives))


class SeedError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_seed(path: Path = SEED_FILE) -> list[dict]:
    """The seed's entries as {lang, phrase, needs, words} (words: lines), in file order.

    The file maps each language to a list of entries `{phrases: [...], needs: [...],
    words: [...]}`: every phrase of an entry means the same."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries, problems = [], []
    if not isinstance(data, dict):
        raise SeedError([_("The file must map nl, fr and en to lists of entries.")])
    for lang, listed in data.items():
        if lang not in ("nl", "fr", "en") or not isinstance(listed, list):
            problems.append(_("%(lang)s: not a language with a list of entries") % {"lang": lang})
            continue
        for number, entry in enumerate(listed, start=1):
            phrases = entry.get("phrases") if isinstance(entry, dict) else None
            if not isinstance(phrases, list) or not phrases:
                problems.append(
                    _("%(lang)s, entry %(number)d: no phrases") % {"lang": lang, "number": number}
                )
                continue
            for phrase in phrases:
                entries.append(
                    {
                        "lang": lang,
                        "phrase": str(phrase),
                        "needs": [str(n) for n in entry.get("needs") or []],
                        "words": "\n".join(str(w) for w in entry.get("words") or []),
                        "where": f"{lang}, entry {number} ({phrase})",
                    }
                )
    if problems:
        raise SeedError(problems)
    return entries

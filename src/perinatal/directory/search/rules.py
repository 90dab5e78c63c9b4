"""Rules of the search vocabulary that need no database: what a synonym may be, how a phrase
is matched, and what of a question that found nothing is kept.

A synonym is a word or phrase people type (in one language) and what it means: needs of the
directory and/or other words. Its `key` is the phrase as a question is compared with it: the
folded words without stop words (but with negations: "pas de mutuelle" is not "mutuelle"),
each without a final s or x (and e, in Dutch and French).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from perinatal.directory.constants import Need

from . import text, wordforms
from .models import (
    NEEDS_MAX_LENGTH,
    PHRASE_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    SYNONYM_LANGUAGES,
    WORDS_MAX_LENGTH,
)

MAX_PHRASE_WORDS = 6  # a phrase longer than this is a sentence, not a synonym
MAX_WORD_LINES = 20  # other words a synonym means, one alternative per line
MAX_QUESTION_WORDS = 12  # of a question that found nothing, kept
LONG_NUMBER = 5  # digits from which a number in a question is not kept (phone, national number)


def phrase_words(phrase: str, lang: str) -> list[str]:
    """The words of a phrase that count: folded, stop words dropped, negations kept."""
    stop = text.stopwords(lang) - wordforms.negations(lang)
    return [w for w in text.words(phrase) if w not in stop and len(w) <= text.MAX_WORD_LENGTH]


def _light(word: str, lang: str) -> str:
    """A word as a synonym's key holds it: without a final s or x ("crèches", "allocations
    familiales"), and in Dutch and French without a final e ("verslaafde", "isolée"), no more.
    Not the stemmer, which makes "accouchement" and "accoucheuse" one word."""
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    if lang != "en" and len(word) > 4 and word[-1] == "e":
        word = word[:-1]
    return word


def key_of(words: list[str], lang: str) -> str:
    return " ".join(_light(word, lang) for word in words)


@dataclass(frozen=True)
class CleanSynonym:
    lang: str
    phrase: str
    key: str
    needs: str  # need codes, space-separated, in the Need order
    words: str  # one alternative per line


def clean_synonym(*, lang: str, phrase: str, needs: list[str], words: str) -> CleanSynonym:
    """The synonym as stored, or a ValidationError naming each field that is wrong."""
    errors: dict[str, list[str]] = {}
    if lang not in SYNONYM_LANGUAGES:
        errors.setdefault("lang", []).append(_("Choose Dutch, French or English."))
    phrase = " ".join(phrase.split())
    found = phrase_words(phrase, lang if lang in SYNONYM_LANGUAGES else "nl")
    if not phrase:
        errors.setdefault("phrase", []).append(_("Write the word or phrase people type."))
    elif len(phrase) > PHRASE_MAX_LENGTH:
        errors.setdefault("phrase", []).append(
            _("At most %(max)d characters (this one has %(count)d).")
            % {"max": PHRASE_MAX_LENGTH, "count": len(phrase)}
        )
    elif not found:
        errors.setdefault("phrase", []).append(
            _("This phrase holds only little words that the search ignores; add a real word.")
        )
    elif len(found) > MAX_PHRASE_WORDS:
        errors.setdefault("phrase", []).append(
            _("At most %(max)d words: a synonym is a word or a short phrase, not a sentence.")
            % {"max": MAX_PHRASE_WORDS}
        )
    unknown = [code for code in needs if code not in Need.values]
    if unknown:
        errors.setdefault("needs", []).append(
            _("Unknown need: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}
        )
    codes = " ".join(code for code in Need.values if code in needs)
    if len(codes) > NEEDS_MAX_LENGTH:  # cannot happen with the known needs; the column's bound
        errors.setdefault("needs", []).append(_("Too many needs."))
    lines = [" ".join(line.split()) for line in words.splitlines()]
    lines = list(dict.fromkeys(line for line in lines if line))
    if len(words) > WORDS_MAX_LENGTH:
        errors.setdefault("words", []).append(
            _("At most %(max)d characters (this list has %(count)d).")
            % {"max": WORDS_MAX_LENGTH, "count": len(words)}
        )
    elif len(lines) > MAX_WORD_LINES:
        errors.setdefault("words", []).append(
            _("At most %(max)d lines (this list has %(count)d).")
            % {"max": MAX_WORD_LINES, "count": len(lines)}
        )
    else:
        for number, line in enumerate(lines, start=1):
            if len(line) > PHRASE_MAX_LENGTH:
                errors.setdefault("words", []).append(
                    _("Line %(line)d is longer than %(max)d characters.")
                    % {"line": number, "max": PHRASE_MAX_LENGTH}
                )
            elif not text.content_words(line, lang if lang in SYNONYM_LANGUAGES else "nl"):
                errors.setdefault("words", []).append(
                    _("Line %(line)d holds no word the search would look for.") % {"line": number}
                )
    if not codes and not lines and "needs" not in errors and "words" not in errors:
        errors.setdefault("needs", []).append(
            _("Choose at least one need, or write other words it means.")
        )
    if errors:
        raise ValidationError(errors)
    return CleanSynonym(
        lang=lang, phrase=phrase, key=key_of(found, lang), needs=codes, words="\n".join(lines)
    )


def question_text(question: str) -> str:
    """What is kept of a question that found nothing: its first words, folded, without long
    numbers (a phone or a national number typed by mistake); "" when nothing is left."""
    kept = []
    for word in text.words(question[: text.MAX_QUERY_CHARS]):
        if len(word) > text.MAX_WORD_LENGTH:
            continue
        if sum(ch.isdigit() for ch in word) >= LONG_NUMBER:
            continue
        kept.append(word)
        if len(kept) == MAX_QUESTION_WORDS:
            break
    return " ".join(kept)[:QUESTION_MAX_LENGTH].strip()

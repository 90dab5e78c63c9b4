"""Text as the search index sees it: folded, split into words, stop words dropped, stemmed.

PostgreSQL does this itself with the `perinatal_nl|fr|en` configurations (unaccent, then the
Snowball stemmer with its stop word list). SQLite's FTS5 only stems English, so for SQLite
the same steps run here in Python, with the same Snowball algorithms (`dutch_porter` is the
one PostgreSQL's `dutch_stem` uses) and the same stop word lists (`stopwords/`).

The query side uses the same functions on both databases to pick the words it asks for, so a
question is cut into the same terms whatever the database.
"""

import re
import threading
import unicodedata
from functools import cache
from pathlib import Path

import snowballstemmer

LANGUAGES = ("nl", "fr", "en")
SNOWBALL = {"nl": "dutch_porter", "fr": "french", "en": "english"}
STOPWORD_FILES = {"nl": "dutch.txt", "fr": "french.txt", "en": "english.txt"}

# What PostgreSQL's unaccent rules fold that Unicode decomposition (NFKD) leaves alone.
_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ı": "i"}
)
# Letters and digits; everything else (punctuation, operators, quotes, emoji, NUL) separates.
_WORD = re.compile(r"[^\W_]+")

MAX_QUERY_CHARS = 500  # a longer question is cut here before it is split into words
MAX_QUERY_TERMS = 10
MAX_WORD_LENGTH = 40  # longer "words" are noise (hashes, pasted URLs) and never match
MIN_VOCABULARY_LENGTH = 4  # shorter words are not worth correcting for typos


# Combining marks left by NFKD (the accents): the Unicode blocks of combining characters.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f"
    "\u0670\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def fold(text: str) -> str:
    """Lower case without accents: "Périnatal Œuvre" -> "perinatal oeuvre"."""
    if text.isascii():
        return text.lower()
    bare = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return bare.lower().translate(_FOLD)


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))


@cache
def stopwords(lang: str) -> frozenset[str]:
    """The stop word list of a language, as PostgreSQL reads it (lower case, accents kept).

    PostgreSQL checks a word against it after unaccent, so an accented stop word ("été")
    never matches there; comparing folded words with this list here keeps the same result.
    """
    path = Path(__file__).parent / "stopwords" / STOPWORD_FILES[lang]
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def content_words(text: str, lang: str) -> list[str]:
    """Folded words without the language's stop words."""
    stop = stopwords(lang)
    return [w for w in words(text) if w not in stop and len(w) <= MAX_WORD_LENGTH]


_local = threading.local()
_STEM_CACHE_LIMIT = 200_000


def _stemmer_and_cache(lang: str) -> tuple:
    caches = getattr(_local, "caches", None)
    if caches is None:
        caches = _local.caches = {}
        _local.stemmers = {}
    if lang not in caches:
        caches[lang] = {}
        _local.stemmers[lang] = snowballstemmer.stemmer(SNOWBALL[lang])
    cache = caches[lang]
    if len(cache) > _STEM_CACHE_LIMIT:
        cache.clear()
    return _local.stemmers[lang], cache


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def stems(found: list[str], lang: str) -> list[str]:
    """The Snowball stems of folded words (cached: the vocabulary is small, texts are not)."""
    stemmer, cache = _stemmer_and_cache(lang)
    result = []
    for word in found:
        stemmed_word = cache.get(word)
        if stemmed_word is None:
            # Words with a digit are not stemmed, as PostgreSQL's parser reads them (`numword`,
            # mapped to the `simple` dictionary): "covid19", the index's need tokens.
            stemmed_word = word if _has_digit(word) else stemmer.stemWord(word)
            cache[word] = stemmed_word
        result.append(stemmed_word)
    return result


def stem(word: str, lang: str) -> str:
    return stems([word], lang)[0]


def stemmed(text: str | list[str], lang: str) -> str:
    """A text (or its content words) as SQLite's FTS5 indexes it: stems, space-separated."""
    found = content_words(text, lang) if isinstance(text, str) else text
    return " ".join(stems(found, lang))


def query_terms(text: str, lang: str) -> list[str]:
    """The words a question asks for: folded, no stop words, no repeats, bounded in number."""
    seen: dict[str, None] = {}
    for word in content_words(text[:MAX_QUERY_CHARS], lang):
        seen.setdefault(word, None)
        if len(seen) == MAX_QUERY_TERMS:
            break
    return list(seen)


def vocabulary(text: str | list[str], lang: str) -> set[str]:
    """The words of a text (or its content words) worth offering as typo corrections."""
    found = content_words(text, lang) if isinstance(text, str) else text
    return {w for w in found if len(w) >= MIN_VOCABULARY_LENGTH and not _has_digit(w)}


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's `similarity()` for single words: shared trigrams over all trigrams."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0

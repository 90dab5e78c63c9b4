"""Folding, stop words, stems and trigram similarity, as both databases see text."""

import pytest

from perinatal.directory.search import text


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Périnatal", "perinatal"),
        ("ŒUVRE", "oeuvre"),
        ("Straße", "strasse"),
        ("ﬁn", "fin"),
        ("Évère", "evere"),
    ],
)
def test_fold_drops_case_and_accents(raw, folded):
    assert text.fold(raw) == folded


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("rouw' OR '1'='1", ["rouw", "or", "1", "1"]),
        ("NEAR(a_b)", ["near", "a", "b"]),
        ("🤰rouw\x00x", ["rouw", "x"]),
        ("Sint-Joost-ten-Node", ["sint", "joost", "ten", "node"]),
    ],
)
def test_words_keep_only_letters_and_digits(raw, words):
    assert text.words(raw) == words


@pytest.mark.parametrize(
    ("lang", "word", "stem"),
    [
        ("nl", "zwangerschap", "zwangerschap"),  # as PostgreSQL's dutch_stem
        ("nl", "perinatale", "perinatal"),
        ("nl", "borstvoeding", "borstvoed"),
        ("fr", "allaitement", "allait"),
        ("fr", "perinatal", "perinatal"),
        ("en", "breastfeeding", "breastfeed"),
    ],
)
def test_stems_are_those_of_postgresql(lang, word, stem):
    assert text.stem(word, lang) == stem


def test_query_terms_drop_stop_words_and_repeats_and_are_bounded():
    assert text.query_terms("hulp bij de borstvoeding, hulp", "nl") == ["hulp", "borstvoeding"]
    assert len(text.query_terms(" ".join(f"w{n}" for n in range(50)), "nl")) == 10


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("borstvoedng", "borstvoeding", True),
        ("allaitment", "allaitement", True),
        ("kraamzrog", "kraamzorg", True),
        ("deuil", "seuil", False),
        ("rouw", "rouwbegeleiding", False),
    ],
)
def test_similarity_is_pg_trgm_similarity(a, b, close):
    assert (text.similarity(a, b) >= 0.4) is close

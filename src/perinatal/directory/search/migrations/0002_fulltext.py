"""Full-text machinery per database vendor; each part runs only on its own vendor.

PostgreSQL: unaccent and pg_trgm, text search configurations perinatal_nl|fr|en (copies of
dutch|french|english that unaccent words before stemming), a stored weighted tsvector on
each document with a GIN index, and a trigram index on the vocabulary.

SQLite: FTS5 tables per language over the stemmed columns and a trigram FTS5 table over the
vocabulary, external content tables kept in step by triggers.
"""

from django.db import migrations

LANGUAGES = {"nl": "dutch", "fr": "french", "en": "english"}
DOC = "directory_search_searchdocument"
TERM = "directory_search_searchterm"
STEMMED = ("stemmed_title", "stemmed_keywords", "stemmed_body", "stemmed_places")


def _postgres_forward(cursor):
    cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for lang, base in LANGUAGES.items():
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [f"perinatal_{lang}"])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION perinatal_{lang} (COPY = {base})")
        cursor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION perinatal_{lang} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem"
        )
    config = (
        "CASE lang WHEN 'fr' THEN 'perinatal_fr'::regconfig "
        "WHEN 'en' THEN 'perinatal_en'::regconfig ELSE 'perinatal_nl'::regconfig END"
    )
    parts = " || ".join(
        f"setweight(to_tsvector({config}, coalesce({column}, '')), '{weight}')"
        for column, weight in (("title", "A"), ("keywords", "B"), ("body", "C"), ("places", "D"))
    )
    cursor.execute(
        f"ALTER TABLE {DOC} ADD COLUMN vector tsvector GENERATED ALWAYS AS ({parts}) STORED"
    )
    cursor.execute(f"CREATE INDEX search_document_vector ON {DOC} USING gin (vector)")
    cursor.execute(f"CREATE INDEX search_term_trigram ON {TERM} USING gin (word gin_trgm_ops)")


def _postgres_backward(cursor):
    cursor.execute("DROP INDEX IF EXISTS search_term_trigram")
    cursor.execute(f"ALTER TABLE {DOC} DROP COLUMN IF EXISTS vector")
    for lang in LANGUAGES:
        cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS perinatal_{lang}")


def _sqlite_forward(cursor):
    columns = ", ".join(STEMMED)
    new_values = ", ".join(f"new.{c}" for c in STEMMED)
    old_values = ", ".join(f"old.{c}" for c in STEMMED)
    for lang in LANGUAGES:
        fts = f"directory_search_fts_{lang}"
        cursor.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, content='{DOC}', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
        )
        insert = f"INSERT INTO {fts}(rowid, {columns}) SELECT new.id, {new_values} WHERE new.lang = '{lang}';"
        delete = (
            f"INSERT INTO {fts}({fts}, rowid, {columns}) "
            f"SELECT 'delete', old.id, {old_values} WHERE old.lang = '{lang}';"
        )
        cursor.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {DOC} BEGIN {insert} END")
        cursor.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {DOC} BEGIN {delete} END")
        cursor.execute(
            f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {DOC} BEGIN {delete} {insert} END"
        )
    vocab = "directory_search_vocab_fts"
    cursor.execute(
        f"CREATE VIRTUAL TABLE {vocab} USING fts5(word, content='{TERM}', "
        "content_rowid='id', tokenize='trigram')"
    )
    cursor.execute(
        f"CREATE TRIGGER {vocab}_ai AFTER INSERT ON {TERM} BEGIN "
        f"INSERT INTO {vocab}(rowid, word) VALUES (new.id, new.word); END"
    )
    cursor.execute(
        f"CREATE TRIGGER {vocab}_ad AFTER DELETE ON {TERM} BEGIN "
        f"INSERT INTO {vocab}({vocab}, rowid, word) VALUES ('delete', old.id, old.word); END"
    )
    cursor.execute(
        f"CREATE TRIGGER {vocab}_au AFTER UPDATE ON {TERM} BEGIN "
        f"INSERT INTO {vocab}({vocab}, rowid, word) VALUES ('delete', old.id, old.word); "
        f"INSERT INTO {vocab}(rowid, word) VALUES (new.id, new.word); END"
    )


def _sqlite_backward(cursor):
    for name in [*(f"directory_search_fts_{lang}" for lang in LANGUAGES), "directory_search_vocab_fts"]:
        for suffix in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
        cursor.execute(f"DROP TABLE IF EXISTS {name}")


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            _postgres_forward(cursor)
        elif vendor == "sqlite":
            _sqlite_forward(cursor)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            _postgres_backward(cursor)
        elif vendor == "sqlite":
            _sqlite_backward(cursor)


class Migration(migrations.Migration):
    dependencies = [("directory_search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]

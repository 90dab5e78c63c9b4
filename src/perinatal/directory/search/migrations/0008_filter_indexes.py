"""PostgreSQL: trigram indexes on the filter columns of the search documents, and a full-text
index of the names alone.

The filters are "|code|code|" lists matched with LIKE '%|code|%' (query.filtered_documents); a
trigram index lets PostgreSQL find the documents of a phase, need, language or place from the
index and combine it with the full-text index (a BitmapAnd) instead of reading every document
of the language. SQLite has no such index: there the filters stay a scan of the documents, which
its bounded ranking keeps short (docs/decisions/0022-search-at-scale.md).

`title_vector` (the name and alternate name, generated as `vector`'s weight A in 0002) finds
the services whose name holds a very common word from an index: the first candidates of the
bounded ranking. A weight-restricted query on `vector` cannot: its index keeps no weights."""

from django.db import migrations

DOC = "directory_search_searchdocument"
COLUMNS = ("phases", "needs", "languages", "municipalities", "served")


CONFIG = (
    "CASE lang WHEN 'fr' THEN 'perinatal_fr'::regconfig "
    "WHEN 'en' THEN 'perinatal_en'::regconfig ELSE 'perinatal_nl'::regconfig END"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE {DOC} ADD COLUMN IF NOT EXISTS title_vector tsvector GENERATED ALWAYS AS "
        f"(to_tsvector({CONFIG}, coalesce(title, ''))) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS search_document_title_vector ON {DOC} USING gin (title_vector)"
    )
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_document_{column}_trigram "
            f"ON {DOC} USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_document_{column}_trigram")
    schema_editor.execute("DROP INDEX IF EXISTS search_document_title_vector")
    schema_editor.execute(f"ALTER TABLE {DOC} DROP COLUMN IF EXISTS title_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("directory_search", "0007_result_cards"),
    ]

    operations = [migrations.RunPython(create, drop)]

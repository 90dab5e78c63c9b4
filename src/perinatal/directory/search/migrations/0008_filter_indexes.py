"""PostgreSQL: trigram indexes on the filter columns of the search documents.

The filters are "|code|code|" lists matched with LIKE '%|code|%' (query.filtered_documents); a
trigram index lets PostgreSQL find the documents of a phase, need, language or place from the
index and combine it with the full-text index (a BitmapAnd) instead of reading every document
of the language. SQLite has no such index: there the filters stay a scan of the documents, which
its bounded ranking keeps short (docs/decisions/0022-search-at-scale.md)."""

from django.db import migrations

DOC = "directory_search_searchdocument"
COLUMNS = ("phases", "needs", "languages", "municipalities", "served")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
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


class Migration(migrations.Migration):
    dependencies = [
        ("directory_search", "0007_result_cards"),
    ]

    operations = [migrations.RunPython(create, drop)]

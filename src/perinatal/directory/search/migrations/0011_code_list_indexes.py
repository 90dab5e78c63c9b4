"""PostgreSQL: the filter columns of the search documents indexed as arrays of codes
(`code_lists.py`), in place of the trigram indexes of 0008 (docs/decisions/0022-search-at-
scale.md, point 7). The expression is the one `code_lists.CodeList` writes, so the planner
matches it."""

from django.db import migrations

DOC = "directory_search_searchdocument"
COLUMNS = ("phases", "needs", "languages", "municipalities", "served")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_document_{column}_codes "
            f"ON {DOC} USING gin (string_to_array({column}, '|'))"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS search_document_{column}_trigram")
    schema_editor.execute(f"ANALYZE {DOC}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_document_{column}_trigram "
            f"ON {DOC} USING gin ({column} gin_trgm_ops)"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS search_document_{column}_codes")


class Migration(migrations.Migration):
    dependencies = [
        ("directory_search", "0010_vector_indexes_per_language"),
    ]

    operations = [migrations.RunPython(create, drop)]

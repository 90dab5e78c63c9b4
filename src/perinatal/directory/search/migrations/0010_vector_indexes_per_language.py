"""PostgreSQL: the full-text indexes of the search documents, one per language.

Every search looks in one language. With one index over the three languages, PostgreSQL read
the word's entries of all three and then ANDed the bitmap with the index of the languages
(100,000 entries for one language at 100,000 services): about 12 ms of the 38 ms a count of
"hulp bij opvoeding" took, and the word's entries of the other two languages on top. A partial
index per language holds a third of the entries and needs no AND (docs/decisions/0022-search-
at-scale.md, point 7). The languages are the index's (text.LANGUAGES); a fourth language needs
its own index here."""

from django.db import migrations

DOC = "directory_search_searchdocument"
LANGUAGES = ("nl", "fr", "en")
COLUMNS = {"vector": "search_document_vector", "title_vector": "search_document_title_vector"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column, name in COLUMNS.items():
        for lang in LANGUAGES:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name}_{lang} ON {DOC} USING gin ({column}) "
                f"WHERE lang = '{lang}'"
            )
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column, name in COLUMNS.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {DOC} USING gin ({column})")
        for lang in LANGUAGES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}_{lang}")


class Migration(migrations.Migration):
    dependencies = [
        ("directory_search", "0009_filters_covering_index"),
    ]

    operations = [migrations.RunPython(create, drop)]

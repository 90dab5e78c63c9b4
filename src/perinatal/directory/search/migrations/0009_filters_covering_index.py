"""SQLite: an index that holds every filter column of the search documents, so a filter or a
place's ordering reads the narrow index instead of the wide rows (texts, stored answers and
cards): the place filter without words went from about 1.4 s to a fraction of it at 100,000
services (docs/decisions/0022-search-at-scale.md). PostgreSQL has its trigram indexes (0008)."""

from django.db import migrations

DOC = "directory_search_searchdocument"
COLUMNS = (
    "lang, status, sort_name, service_id, phases, needs, languages, municipalities, served, "
    "low_cost, programme"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_document_filters ON {DOC} ({COLUMNS})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_filters")


class Migration(migrations.Migration):
    dependencies = [
        ("directory_search", "0008_filter_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]

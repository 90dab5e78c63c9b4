from django.db import migrations, models


def rebuild(apps, schema_editor):
    """The index is derived data: rebuild it so every document has its areas served and the
    NIS codes of its locations (`municipalities` held folded names before)."""
    Service = apps.get_model("directory", "Service")
    if Service.objects.using(schema_editor.connection.alias).exists():
        from perinatal.directory.search.index import reindex_services

        reindex_services()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_service_areas"),
        ("directory_search", "0004_stored_hsds"),
    ]

    operations = [
        # Nullable, so SQLite adds the column in place and keeps the FTS5 triggers (0002).
        migrations.AddField(
            model_name="searchdocument",
            name="served",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]

from django.db import migrations, models


def rebuild_later(apps, schema_editor):
    """Every document gains its result card (search/cards.py): have a worker rebuild the
    index; until then the result list builds the missing cards from the tables, as before."""
    Service = apps.get_model("directory", "Service")
    if Service.objects.using(schema_editor.connection.alias).exists():
        from perinatal.directory.search.tasks import reindex_all

        reindex_all.enqueue()


class Migration(migrations.Migration):
    dependencies = [
        ("directory_search", "0006_vocabulary"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="card",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.RunPython(rebuild_later, migrations.RunPython.noop),
    ]

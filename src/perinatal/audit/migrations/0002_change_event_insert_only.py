"""The database refuses UPDATE and DELETE on the change log (PostgreSQL and SQLite)."""

from django.db import migrations

from perinatal.audit.insert_only import statements


def forwards(apps, schema_editor):
    for statement in statements(schema_editor.connection.vendor, True):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    for statement in statements(schema_editor.connection.vendor, False):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

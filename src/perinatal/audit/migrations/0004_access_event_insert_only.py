"""The database refuses UPDATE and DELETE on the access log too (PostgreSQL and SQLite)."""

from django.db import migrations

from perinatal.audit.insert_only import statements

TABLE = "audit_accessevent"


def forwards(apps, schema_editor):
    for statement in statements(schema_editor.connection.vendor, True, TABLE):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    for statement in statements(schema_editor.connection.vendor, False, TABLE):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_access_event")]
    operations = [migrations.RunPython(forwards, backwards)]

from django.db import migrations


def load_catalogue(apps, schema_editor):
    from perinatal.pathways import catalogue

    catalogue.load(apps.get_model("pathways", "IndicatorCatalogue"),
                   apps.get_model("pathways", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]

    operations = [migrations.RunPython(load_catalogue, migrations.RunPython.noop)]
